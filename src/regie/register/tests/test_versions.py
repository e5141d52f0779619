"""Every change to an activity is a new version; the log keeps pointing at the old one."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from regie.conftest import People
from regie.processing_log.gate import processing
from regie.processing_log.models import ProcessingRecord
from regie.register import services
from regie.register.selectors import activity_version_in_force, versions_in_force
from regie.register.tests.helpers import WMO, activity, in_english


def test_it_makes_a_new_version_and_keeps_the_old_one(people: People) -> None:
    made = activity()
    with (
        transaction.atomic(),
        processing(
            activity=made.uri, actor=people.consulent, name="case.read", subjects=[people.anna]
        ),
    ):
        pass

    services.activity_revise(
        activity=made,
        content={**WMO, "retention": "P10Y"},
        change_note="Selectielijst 2026",
        by=people.privacy_officer,
    )

    in_force = activity_version_in_force(made.uri)
    assert (in_force.number, in_force.retention) == (2, "P10Y")
    assert in_force.changed_by == people.privacy_officer
    assert made.versions.get(number=1).retention == "P7Y"
    record = ProcessingRecord.objects.get(activity_uri=made.uri)
    assert record.activity_version.number == 1
    assert [v.number for v in versions_in_force() if v.activity == made] == [2]


def test_it_refuses_a_revision_that_changes_nothing(db: None) -> None:
    made = activity()
    with pytest.raises(services.NothingChanged):
        services.activity_revise(activity=made, content=WMO, change_note="x", by=None)
    assert made.versions.count() == 1


def test_it_shows_the_versions_and_an_old_one_as_no_longer_in_force(
    people: People, login_as
) -> None:
    made = activity()
    services.activity_revise(
        activity=made, content={**WMO, "name": "Wmo-onderzoek 2"}, change_note="naam", by=None
    )
    client: Client = in_english(login_as(people.consulent))

    current = client.get(reverse("register:activity", args=[made.public_id])).content.decode()
    old = client.get(
        reverse("register:activity-version", args=[made.public_id, 1])
    ).content.decode()

    assert "Wmo-onderzoek 2" in current and "naam" in current
    assert "no longer in force" in old and "Wmo-onderzoek</h1>" in old
    with override("en"):
        assert gettext("Change (new version)") not in current  # a consulent only reads


def test_it_lets_the_privacy_officer_revise_in_the_browser_form(people: People, login_as) -> None:
    made = activity()
    client: Client = login_as(people.privacy_officer)
    url = reverse("register:activity-revise", args=[made.public_id])

    response = client.post(
        url, {**WMO, "retention": "P8Y", "dpia_status": "done", "change_note": "langer"}
    )

    assert response.status_code == 302
    assert activity_version_in_force(made.uri).retention == "P8Y"
