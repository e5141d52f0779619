"""Figures for the council reports: requests per kind and how fast they were answered."""

from datetime import date

import pytest

from regie.conftest import People
from regie.requests import selectors, services
from regie.requests.models import Channel, Decision, Kind

pytestmark = pytest.mark.django_db


def test_it_counts_requests_and_how_fast_they_were_answered(people: People) -> None:
    officer = people.privacy_officer
    answered = services.request_file(
        resident=people.anna,
        kind=Kind.ACCESS,
        channel=Channel.LETTER,
        details="Inzage",
        received_on=date(2026, 2, 2),
        actor=officer,
    )
    services.request_file(
        resident=people.bram,
        kind=Kind.OBJECTION,
        channel=Channel.DESK,
        details="Bezwaar",
        received_on=date(2026, 3, 1),
        actor=officer,
    )
    services.request_file(
        resident=people.bram,
        kind=Kind.ACCESS,
        channel=Channel.DESK,
        details="Buiten de periode",
        received_on=date(2026, 7, 1),
        actor=officer,
    )
    detail = selectors.request_detail(public_id=answered.public_id, actor=officer)
    assert detail is not None
    services.request_identity_check(request=detail.request, method="DigiD", actor=officer)
    services.request_decide(
        request=detail.request,
        decision=Decision.GRANTED,
        letter="Overzicht bijgevoegd.",
        actor=officer,
        decided_on=date(2026, 2, 20),
    )

    figures = selectors.request_figures(
        start=date(2026, 1, 1), end=date(2026, 6, 30), today=date(2026, 6, 30)
    )

    assert figures.total == 2
    assert figures.by_kind["access"] == figures.by_kind["objection"] == 1
    assert (figures.answered, figures.answered_in_time) == (1, 1)
    assert figures.average_days_to_answer == 18
    assert (figures.open, figures.overdue) == (1, 1)
