"""Two breaches registered at the same moment get consecutive references; neither fails."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.breaches.models import Breach
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People


def _in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _register_at_once(officer: User, first_title: str, second_title: str) -> None:
    """FIRST_TITLE's registration holds its reference uncommitted while SECOND_TITLE's runs."""
    numbered = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with transaction.atomic():
            usb_stick(officer, title=first_title)
            numbered.set()
            threading.Event().wait(0.5)

    def second() -> None:
        numbered.wait(5)
        usb_stick(officer, title=second_title)

    threads = [_in_thread(first, errors), _in_thread(second, errors)]
    for thread in threads:
        thread.join(30)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_it_numbers_two_breaches_registered_at_once(people: People) -> None:
    officer = people.privacy_officer

    # The year's first two (no counter yet), then two more (the counter is there).
    _register_at_once(officer, "Eerste", "Tweede")
    _register_at_once(officer, "Derde", "Vierde")

    year = timezone.localtime().year
    references = dict(Breach.objects.values_list("title", "reference"))
    assert references == {
        "Eerste": f"DL-{year}-001",
        "Tweede": f"DL-{year}-002",
        "Derde": f"DL-{year}-003",
        "Vierde": f"DL-{year}-004",
    }


@pytest.mark.django_db
def test_it_never_gives_a_number_again_after_a_breach_is_deleted(people: People) -> None:
    officer = people.privacy_officer
    first, second = usb_stick(officer), usb_stick(officer)
    # The demo's breaches are deleted when the demo is removed.
    first.delete()

    third = usb_stick(officer)

    assert third.reference not in {first.reference, second.reference}
    assert third.reference.endswith("-003")
