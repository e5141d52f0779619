"""The status flow: discovered → assessed → reported → residents informed → closed, with
follow-ups, a late report's reason and the refusals when a step does not fit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.breaches.models import ReportKind, Status
from regie.breaches.services import (
    breach_assess,
    breach_close,
    breach_report,
    breach_report_follow_up,
    breach_residents_informed,
)
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People

pytestmark = pytest.mark.django_db


def test_it_walks_a_high_risk_breach_to_closed(people: People) -> None:
    officer = people.privacy_officer
    breach = usb_stick(officer, data_categories=["name", "bsn"])
    assert breach.notify_subjects

    breach_assess(breach=breach, assessed_by=officer)
    report = breach_report(
        breach=breach, reported_by=officer, reported_at=timezone.now(), authority_reference="M123"
    )
    with pytest.raises(ValidationError):
        breach_close(breach=breach, closed_by=officer)  # residents not yet informed
    breach_residents_informed(breach=breach, informed_at=timezone.now(), recorded_by=officer)
    follow_up = breach_report_follow_up(
        breach=breach,
        made_by=officer,
        kind=ReportKind.FOLLOW_UP,
        submitted_at=timezone.now(),
        note="De stick is teruggevonden.",
    )
    closed = breach_close(breach=breach, closed_by=officer)

    assert closed.status == Status.CLOSED
    assert [r.kind for r in closed.reports.all()] == [ReportKind.INITIAL, ReportKind.FOLLOW_UP]
    titles = [section["title"] for section in report.content]
    assert len(titles) == 9
    assert follow_up.content[0]["items"][3][1] == breach.reference


def test_it_asks_the_reason_for_a_late_report(people: People) -> None:
    officer = people.privacy_officer
    breach = usb_stick(officer, discovered_at=timezone.now() - timedelta(hours=80))
    breach_assess(breach=breach, assessed_by=officer)

    with pytest.raises(ValidationError) as refusal:
        breach_report(breach=breach, reported_by=officer, reported_at=timezone.now())
    assert "late_reason" in refusal.value.message_dict

    breach_report(
        breach=breach,
        reported_by=officer,
        reported_at=timezone.now(),
        late_reason="Ontdekt in het weekend; de FG was pas maandag bereikbaar.",
    )
    breach.refresh_from_db()
    assert breach.reported_late and breach.status == Status.REPORTED


def test_it_refuses_to_report_before_the_assessment_is_confirmed(people: People) -> None:
    breach = usb_stick(people.privacy_officer)

    with pytest.raises(ValidationError):
        breach_report(breach=breach, reported_by=people.privacy_officer, reported_at=timezone.now())
    breach.refresh_from_db()
    assert breach.status == Status.DISCOVERED and not breach.reports.exists()


def test_it_closes_a_breach_that_need_not_be_reported_once_assessed(people: People) -> None:
    officer = people.privacy_officer
    breach = usb_stick(officer, unintelligible=True)

    with pytest.raises(ValidationError):
        breach_close(breach=breach, closed_by=officer)
    breach_assess(breach=breach, assessed_by=officer)
    assert breach_close(breach=breach, closed_by=officer).status == Status.CLOSED


def test_it_refuses_to_close_an_unreported_notifiable_breach(people: People) -> None:
    officer = people.privacy_officer
    breach = usb_stick(officer)
    breach_assess(breach=breach, assessed_by=officer)

    with pytest.raises(ValidationError):
        breach_close(breach=breach, closed_by=officer)


def test_it_records_a_withdrawal_and_nothing_after_it(people: People) -> None:
    officer = people.privacy_officer
    breach = usb_stick(officer)
    breach_assess(breach=breach, assessed_by=officer)
    breach_report(breach=breach, reported_by=officer, reported_at=timezone.now())

    breach_report_follow_up(
        breach=breach,
        made_by=officer,
        kind=ReportKind.WITHDRAWAL,
        submitted_at=timezone.now(),
        note="De stick bleek nooit de kantoren te hebben verlaten.",
    )

    with pytest.raises(ValidationError):
        breach_report_follow_up(
            breach=breach,
            made_by=officer,
            kind=ReportKind.FOLLOW_UP,
            submitted_at=timezone.now(),
            note="Nog iets",
        )
