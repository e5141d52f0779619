"""The demo cases load once, show the three laws, a minor's legal representative and a
confidential shelter address, and leave with the demo."""

from io import StringIO

from django.core.management import call_command

from regie.cases.models import Case, InvolvedPerson
from regie.conftest import inspecting


def _cases() -> list[tuple[str, bool]]:
    with inspecting():
        return sorted((case.law, case.address_confidential) for case in Case.objects.all())


def test_it_loads_the_demo_cases_once_and_removes_them(db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())
    call_command("demo", no_serve=True, stdout=StringIO())

    assert _cases() == [("jeugdwet", False), ("participatiewet", True), ("wmo", False)]
    with inspecting():
        assert InvolvedPerson.objects.get().role == "legal_representative"

    call_command("remove_demo", stdout=StringIO())

    assert _cases() == []
