"""The demo shows each kind of lawfulness record, loads once, and leaves with the demo."""

from io import StringIO

from django.core.management import call_command

from regie.accounts.models import Resident
from regie.accounts.selectors import bsn_index
from regie.conftest import inspecting
from regie.lawfulness.demo import ANNA
from regie.lawfulness.models import Consent, Objection, TransparencyNotice


def _counts() -> tuple[int, int, int]:
    with inspecting():
        return (
            Consent.objects.count(),
            TransparencyNotice.objects.count(),
            Objection.objects.count(),
        )


def test_it_loads_one_of_each_record_once_and_removes_them(db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())
    call_command("demo", no_serve=True, stdout=StringIO())

    assert _counts() == (1, 1, 1)
    with inspecting():
        anna = Resident.objects.get(bsn_index=bsn_index(ANNA))
        assert Consent.objects.get().resident == anna

    call_command("remove_demo", stdout=StringIO())

    assert _counts() == (0, 0, 0)
