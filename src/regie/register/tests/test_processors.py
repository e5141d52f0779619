"""Who may receive personal data: only a processor with a signed agreement in force."""

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from regie.conftest import People
from regie.register.models import ReminderKind
from regie.register.selectors import agreements_needing_attention, processor_may_receive
from regie.register.tests.helpers import in_english, partner, signed

TODAY = date(2026, 11, 28)


def test_it_lets_only_a_signed_agreement_in_force_count(db: None) -> None:
    current = partner("Zorggroep De Linde")
    signed(current, starts=date(2026, 1, 1), ends=date(2027, 1, 1))
    draft = partner("Thuiszorg Het Anker", status="draft")
    ended = partner("Oud Zorg")
    signed(ended, starts=date(2024, 1, 1), ends=date(2026, 11, 27))

    assert processor_may_receive(current, on=TODAY)
    assert processor_may_receive(" zorggroep de linde ", on=TODAY)
    assert not processor_may_receive(current, on=date(2027, 1, 2))
    assert not processor_may_receive(draft, on=TODAY)
    assert not processor_may_receive(ended, on=TODAY)
    assert not processor_may_receive("Onbekende Stichting", on=TODAY)


def test_it_lists_expiring_ended_and_missing_agreements(db: None) -> None:
    soon = partner("Binnenkort")
    signed(soon, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=30))
    later = partner("Lang Nog")
    signed(later, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=400))
    renewed = partner("Verlengd")
    signed(renewed, starts=date(2025, 1, 1), ends=TODAY + timedelta(days=10))
    signed(renewed, starts=TODAY + timedelta(days=11), ends=None)
    gone = partner("Verlopen")
    signed(gone, starts=date(2024, 1, 1), ends=TODAY - timedelta(days=1))
    partner("Nooit", status="sent")
    waiting = partner("Nog niet begonnen")
    signed(waiting, starts=TODAY + timedelta(days=5), ends=None)

    found = {(item.processor.name, item.kind) for item in agreements_needing_attention(today=TODAY)}

    assert found == {
        ("Binnenkort", ReminderKind.EXPIRING),
        ("Verlopen", ReminderKind.EXPIRED),
        ("Nooit", ReminderKind.MISSING),
        ("Nog niet begonnen", ReminderKind.MISSING),
    }


def test_it_shows_them_on_the_privacy_dashboard(people: People, login_as) -> None:
    partner("Nooit", status="sent")
    client: Client = in_english(login_as(people.privacy_officer))
    with override("en"):
        page = client.get(reverse("register:dashboard")).content.decode()
        assert "Nooit" in page and gettext("no signed agreement") in page
