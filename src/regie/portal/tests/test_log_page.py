"""Who looked at my data, in plain Dutch and only the resident's own: what the page of the
older address `/inwoner/verwerkingen/` promised, now kept by the portal's page, which that
address redirects to."""

from django.urls import reverse
from django.utils import translation

from regie.conftest import People
from regie.processing_log.models import ProcessingRecord
from regie.processing_log.services import log_seal_all
from regie.register import builtin
from regie.register.selectors import activity_version_in_force


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def test_it_shows_the_residents_own_processing_in_plain_words(login_as, people: People) -> None:
    log_seal_all()

    html = login_as(people.anna_user).get(reverse("portal:log")).content.decode()

    for uri in (builtin.REGISTER_RESIDENT, builtin.ASSIGN_CASELOAD, builtin.IDENTIFY_RESIDENT):
        version = activity_version_in_force(uri)
        assert version.name in html
        assert version.plain_explanation in html
        assert version.legal_basis in html
    assert _dutch("Verified") in html
    assert "Bram" not in html


def test_it_logs_that_the_resident_looked(login_as, people: People) -> None:
    login_as(people.anna_user).get(reverse("portal:log"))

    read = ProcessingRecord.objects.filter(name="processing_log.read").get()
    assert read.data_subject_id == people.anna.subject_pseudonym
    assert read.actor_id == str(people.anna_user.public_id)


def test_it_marks_entries_not_sealed_yet(login_as, people: People) -> None:
    html = login_as(people.anna_user).get(reverse("portal:log")).content.decode()

    assert _dutch("Not verified yet: entries are sealed within a few minutes.") in html


def test_it_pages_back_through_older_entries(login_as, people: People) -> None:
    client = login_as(people.anna_user)
    for _ in range(15):
        client.get(reverse("portal:log"))

    first = client.get(reverse("portal:log")).content.decode()
    assert "?voor=" in first
    cursor = first.split("?voor=", 1)[1].split('"', 1)[0]
    older = client.get(f"{reverse('portal:log')}?voor={cursor}")
    assert older.status_code == 200
    assert activity_version_in_force(builtin.REGISTER_RESIDENT).name in older.content.decode()
    assert activity_version_in_force(builtin.REGISTER_RESIDENT).name not in first


def test_it_sends_the_older_address_to_the_portal_page_for_good(login_as, people: People) -> None:
    client = login_as(people.anna_user)

    moved = client.get("/inwoner/verwerkingen/?voor=7")

    assert moved.status_code == 301
    assert moved["Location"] == f"{reverse('portal:log')}?voor=7"
    assert client.get("/inwoner/verwerkingen/", follow=True).status_code == 200
