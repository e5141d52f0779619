from datetime import date

import pytest
from django.urls import reverse

from regie.isms import selectors, services

pytestmark = pytest.mark.django_db


def _campaign():
    return services.campaign_save(
        title="Clean desk", starts_on=date(2026, 3, 1), ends_on=date(2026, 5, 31)
    )


def test_it_shows_completion_per_team(people, login_as) -> None:
    campaign = _campaign()
    services.completions_record(
        campaign=campaign,
        users=[people.consulent, people.teamleider],
        completed_on=date(2026, 3, 5),
    )

    rows = {row.team: (row.completed, row.staff) for row in selectors.completion_by_team(campaign)}

    assert rows["Wmo"] == (2, 2)
    assert rows["Jeugd"] == (0, 1)
    page = login_as(people.privacy_officer).get(
        reverse("isms:campaign", kwargs={"public_id": campaign.public_id})
    )
    assert page.status_code == 200
    assert "<form" not in page.content.decode().split("<main")[1]


def test_it_records_completions_once(people, login_as) -> None:
    campaign = _campaign()
    url = reverse("isms:campaign", kwargs={"public_id": campaign.public_id})
    client = login_as(people.ciso)

    client.post(url, {"users": [people.consulent.pk], "completed_on": "2026-03-10"})
    client.post(url, {"users": [people.consulent.pk], "completed_on": "2026-03-11"})

    assert list(campaign.completions.values_list("user__username", "completed_on")) == [
        ("consulent", date(2026, 3, 10))
    ]


def test_it_refuses_a_completion_before_the_campaign_started(people, login_as) -> None:
    campaign = _campaign()

    page = login_as(people.ciso).post(
        reverse("isms:campaign", kwargs={"public_id": campaign.public_id}),
        {"users": [people.consulent.pk], "completed_on": "2026-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert page.context["form"].errors["completed_on"] == [
        "The campaign had not started on this date."
    ]
    assert not campaign.completions.exists()


def test_it_refuses_a_campaign_that_ends_before_it_starts(people, login_as) -> None:
    page = login_as(people.ciso).post(
        reverse("isms:campaign-new"),
        {"title": "Clean desk", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert page.context["form"].errors["ends_on"] == ["This date lies before the date it follows."]


def test_it_reminds_who_has_not_completed_a_running_campaign_once(people, mailoutbox) -> None:
    for user in people.staff().values():
        user.email = f"{user.username}@lindendal.example"
        user.save()
    campaign = _campaign()
    services.completions_record(
        campaign=campaign, users=[people.consulent], completed_on=date(2026, 3, 2)
    )

    first = services.campaign_reminders_send(today=date(2026, 3, 15))
    again = services.campaign_reminders_send(today=date(2026, 3, 16))
    after = services.campaign_reminders_send(today=date(2026, 6, 15))

    assert (again, after) == (0, 0)
    reminded = {address for mail in mailoutbox for address in mail.to}
    assert first == 7  # every active staff member but the one who completed it
    assert len(reminded) == 6  # other_consulent has no e-mail address
    assert "consulent@lindendal.example" not in reminded
    assert "ciso@lindendal.example" in reminded
