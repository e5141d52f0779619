"""The demo cases load once, show the three laws, a minor's legal representative and a
confidential shelter address, and leave with the demo."""

from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.cases.models import (
    Case,
    InvolvedPerson,
    PostBatch,
    PostItem,
    PostOpening,
    PostStatus,
)
from regie.conftest import inspecting, log_in
from regie.vault.models import HeldFile


def _cases() -> list[tuple[str, bool]]:
    with inspecting():
        return sorted((case.law, case.address_confidential) for case in Case.objects.all())


def test_it_loads_the_demo_cases_once_and_removes_them(db: None, settings) -> None:
    settings.DEMO = True
    settings.REGIE_SCAN = "off"  # as `make demo` runs it
    call_command("demo", no_serve=True, stdout=StringIO())
    call_command("demo", no_serve=True, stdout=StringIO())

    assert _cases() == [("jeugdwet", False), ("participatiewet", True), ("wmo", False)]
    with inspecting():
        assert InvolvedPerson.objects.get().role == "legal_representative"
        assert sorted(Case.objects.values_list("number", flat=True))[0].startswith("JW-")
    assert PostItem.objects.get().status == PostStatus.WAITING
    assert HeldFile.objects.count() == 1
    assert PostOpening.objects.get().opened_by.username == "teamleider"
    # An upload the worker has not taken in yet: held, until the demo goes.
    consulent = log_in(Client(), User.objects.get(username="consulent"))
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7 scanned post")
    assert consulent.post(reverse("cases:post-intake"), {"scans": [upload]}).status_code == 302
    assert HeldFile.objects.count() == 2

    call_command("remove_demo", stdout=StringIO())

    assert _cases() == []
    assert not PostItem.objects.exists() and not HeldFile.objects.exists()
    assert not PostBatch.objects.exists()
    assert not PostOpening.objects.exists()


def test_it_shows_the_demo_cases_to_the_demo_consulent(db: None, settings) -> None:
    settings.DEMO = True
    call_command("demo", no_serve=True, stdout=StringIO())
    consulent = User.objects.get(username="consulent")
    client = log_in(Client(), consulent)
    with inspecting():
        cases = list(Case.objects.values_list("public_id", flat=True))
    for public_id in cases:
        page = client.get(reverse("cases:detail", args=[public_id]))
        assert page.status_code == 200
        assert "Havenkade" not in page.content.decode()
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert "Anna Willems" in caseload and "Cor van Dijk" in caseload
