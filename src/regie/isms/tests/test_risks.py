from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.isms import selectors, services
from regie.isms.models import Risk

pytestmark = pytest.mark.django_db


def _risk(**overrides) -> Risk:
    fields = {
        "title": "Ondersteuningsplan per mail",
        "likelihood": 2,
        "impact": 4,
        "residual_likelihood": 1,
        "residual_impact": 4,
        "treatment_short": "Per post",
        "treatment_long": "Inwonercloud",
        **overrides,
    }
    return services.risk_save(**fields)


def test_it_levels_current_and_residual_risk_on_the_matrix() -> None:
    risk = _risk(likelihood=4, impact=4)

    assert selectors.risk_levels(risk) == ("high", "low")


def test_it_keeps_how_a_risk_moved() -> None:
    risk = _risk()
    services.risk_save(risk=risk, likelihood=1)

    assert list(risk.revisions.values_list("likelihood", flat=True)) == [2, 1]
    today = timezone.localdate()
    (moved,) = selectors.risk_movement(since=today - timedelta(days=1), until=today)
    assert (moved["first_score"], moved["score"], moved["score_before"]) == (8, 4, None)


def test_it_refuses_a_score_outside_the_matrix_on_the_field(people, login_as) -> None:
    risk = _risk()
    data = {
        "title": risk.title,
        "likelihood": "6",
        "impact": "4",
        "residual_likelihood": "1",
        "residual_impact": "4",
    }

    page = login_as(people.ciso).post(
        reverse("isms:risk", kwargs={"public_id": risk.public_id}), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert page.context["form"].errors["likelihood"] == ["Give a value from 1 to 5."]
    risk.refresh_from_db()
    assert risk.likelihood == 2
    assert risk.revisions.count() == 1


def test_it_updates_a_risk_through_the_page(people, login_as) -> None:
    risk = _risk()
    data = {
        "title": risk.title,
        "owner": people.ciso.pk,
        "likelihood": "1",
        "impact": "4",
        "residual_likelihood": "1",
        "residual_impact": "2",
        "treatment_short": "Per post",
        "treatment_long": "Inwonercloud",
    }

    page = login_as(people.ciso).post(
        reverse("isms:risk", kwargs={"public_id": risk.public_id}), data
    )

    assert page.status_code == 302
    risk.refresh_from_db()
    assert (risk.likelihood, risk.residual_impact, risk.owner) == (1, 2, people.ciso)


def test_it_lets_the_privacy_officer_read_but_not_change_risks(people, login_as) -> None:
    risk = _risk()
    client = login_as(people.privacy_officer)

    listing = client.get(reverse("isms:risks"))
    change = client.get(reverse("isms:risk", kwargs={"public_id": risk.public_id}))

    assert risk.title in listing.content.decode()
    assert (
        reverse("isms:risk", kwargs={"public_id": risk.public_id}) not in listing.content.decode()
    )
    assert change.status_code == 404


def test_it_refuses_a_policy_review_before_its_adoption(people, login_as) -> None:
    page = login_as(people.ciso).post(
        reverse("isms:policy-new"),
        {
            "title": "Beleidsplan",
            "version": "1.0",
            "adopted_on": "2026-05-01",
            "review_on": "2026-01-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert page.context["form"].errors["review_on"] == [
        "This date lies before the date it follows."
    ]
    assert not selectors.policies().exists()


def test_it_reminds_a_policy_owner_once_before_the_review(people, mailoutbox) -> None:
    people.ciso.email = "ciso@lindendal.example"
    people.ciso.save()
    services.policy_save(
        title="Beleidsplan Informatieveiligheid en Privacy",
        version="1.0",
        owner=people.ciso,
        adopted_on=date(2025, 10, 6),
        review_on=date(2026, 12, 31),
    )

    assert services.policy_reminders_send(today=date(2026, 11, 1)) == 0
    assert services.policy_reminders_send(today=date(2026, 12, 10)) == 1
    assert services.policy_reminders_send(today=date(2026, 12, 11)) == 0

    (mail,) = mailoutbox
    assert mail.to == ["ciso@lindendal.example"]
    assert "Beleidsplan" not in mail.body


def test_it_places_open_risks_in_the_matrix() -> None:
    _risk(title="Mail", likelihood=2, impact=4)
    _risk(title="Oud", likelihood=2, impact=4, closed=True)

    grid = selectors.risk_grid()

    assert len(grid) == 5 and [c.likelihood for c in grid[0]] == [1, 2, 3, 4, 5]
    cell = grid[5 - 4][2 - 1]
    assert (cell.impact, cell.likelihood, cell.level, cell.risks) == (4, 2, "medium", ["Mail"])


def test_it_shows_the_raci_over_the_measures(people, login_as) -> None:
    measure = services.measure_save(title="Veilig mailen", budget_year=2026)
    services.raci_set(measure=measure, party="CISO", role="A")
    services.raci_set(measure=measure, party="Proceseigenaar Wmo", role="R")
    services.raci_set(measure=measure, party="Proceseigenaar Wmo", role="")

    parties, rows = selectors.raci_matrix()

    assert parties == ["CISO"]
    assert rows == [(measure, ["A"])]
    page = login_as(people.privacy_officer).get(reverse("isms:plan"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Tasks, roles and responsibilities (RACI)" in page.content.decode()
