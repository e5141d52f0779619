"""Only the committee, the CISO and the privacy officer read the confidential report; anyone
else gets 404, and the refusal is recorded like every view and download."""

import uuid

import pytest
from django.urls import reverse

from regie.conftest import People
from regie.reports import services
from regie.reports.models import EventKind, Kind, Report, ReportEvent

pytestmark = pytest.mark.django_db


def _frozen(people: People) -> Report:
    report = services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=1, by=people.ciso)
    services.report_review(report=report, by=people.privacy_officer)
    return services.report_freeze(report=report, by=people.ciso)


def test_it_refuses_a_council_member_and_records_it(people: People, login_as) -> None:
    report = _frozen(people)
    client = login_as(people.raadslid)
    for name in ("reports:detail", "reports:pdf"):
        url = reverse(name, kwargs={"public_id": report.public_id})
        assert client.get(url).status_code == 404
    refused = ReportEvent.objects.filter(kind=EventKind.REFUSED)
    assert refused.count() == 2
    assert {event.report for event in refused} == {report}
    assert {event.user for event in refused} == {people.raadslid}
    assert {event.role for event in refused} == {"raadslid"}


def test_it_records_a_refusal_of_a_report_that_does_not_exist(people: People, login_as) -> None:
    asked = uuid.uuid4()
    client = login_as(people.consulent)
    assert client.get(reverse("reports:detail", kwargs={"public_id": asked})).status_code == 404
    event = ReportEvent.objects.get(kind=EventKind.REFUSED)
    assert event.report is None
    assert event.requested_id == str(asked)


def test_it_shows_the_committee_only_frozen_reports(people: People, login_as) -> None:
    frozen = _frozen(people)
    draft = services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=2, by=people.ciso)
    client = login_as(people.commissielid)
    for report, status in ((frozen, 200), (draft, 404)):
        url = reverse("reports:detail", kwargs={"public_id": report.public_id})
        assert client.get(url).status_code == status
    listing = client.get(reverse("reports:list")).content.decode()
    assert str(frozen.public_id) in listing
    assert str(draft.public_id) not in listing
    viewed = ReportEvent.objects.get(kind=EventKind.VIEWED)
    assert (viewed.report, viewed.user) == (frozen, people.commissielid)


def test_it_lets_a_second_person_review(people: People) -> None:
    report = services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=1, by=people.ciso)
    with pytest.raises(services.ReportRefused):
        services.report_freeze(report=report, by=people.ciso)
    with pytest.raises(services.ReportRefused):
        services.report_review(report=report, by=people.ciso)
    services.report_review(report=report, by=people.privacy_officer)
    with pytest.raises(services.ReportRefused) as refused:
        services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=1, by=people.ciso)
    assert refused.value.field == "year"
