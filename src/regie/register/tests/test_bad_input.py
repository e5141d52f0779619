"""Bad input is refused with a message on the field, and nothing is written."""

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from regie.conftest import People
from regie.register.models import ProcessingActivity, ProcessorAgreement
from regie.register.tests.helpers import WMO, in_english, partner


def _post_new(client: Client, **changes: str) -> dict[str, list[str]]:
    data = {"slug": "nieuw", "dpia_status": "not_assessed", **WMO, **changes}
    response = in_english(client).post(reverse("register:activity-new"), data)
    assert response.status_code == 200
    assert not ProcessingActivity.objects.filter(slug="nieuw").exists()
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_it_refuses_an_activity_without_purpose_or_ground(people: People, login_as) -> None:
    errors = _post_new(login_as(people.privacy_officer), purpose="", lawful_ground="")
    with override("en"):
        assert errors["purpose"] == [gettext("This field is required.")]
        assert errors["lawful_ground"] == [
            gettext("Choose the lawful ground of AVG art. 6 this activity rests on.")
        ]


def test_it_refuses_consent_as_the_ground_of_a_statutory_task(people: People, login_as) -> None:
    errors = _post_new(
        login_as(people.privacy_officer), lawful_ground="a", legal_source="Jeugdwet art. 2.3"
    )
    assert list(errors) == ["lawful_ground"]
    assert "Jeugdwet" in errors["lawful_ground"][0]


def test_it_refuses_a_retention_that_is_not_a_duration(people: People, login_as) -> None:
    errors = _post_new(login_as(people.privacy_officer), retention="7 jaar")
    with override("en"):
        assert errors == {
            "retention": [
                gettext("Give the retention period as an ISO 8601 duration, such as P7Y.")
            ]
        }


def test_it_shows_the_error_in_dutch_on_the_field(people: People, login_as) -> None:
    client = login_as(people.privacy_officer)
    response = client.post(
        reverse("register:activity-new"), {**WMO, "slug": "nieuw", "retention": "zeven"}
    )
    with override("nl"):
        message = gettext("Give the retention period as an ISO 8601 duration, such as P7Y.")
    assert message != "Give the retention period as an ISO 8601 duration, such as P7Y."
    assert message in response.content.decode()
    assert 'id="id_retention_error"' in response.content.decode()


def test_it_refuses_an_agreement_that_ends_before_it_starts(people: People, login_as) -> None:
    processor = partner()
    client = in_english(login_as(people.privacy_officer))
    response = client.post(
        reverse("register:agreement-new", args=[processor.public_id]),
        {"status": "draft", "starts_on": "2026-06-01", "ends_on": "2026-05-31"},
    )
    with override("en"):
        assert response.context["form"].errors["ends_on"] == [
            gettext("The agreement cannot end before it is in force.")
        ]
    assert not ProcessorAgreement.objects.exists()
