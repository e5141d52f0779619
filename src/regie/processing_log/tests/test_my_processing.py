"""A resident reads who used their data, when and why, in plain Dutch, and only their own."""

from django.test import Client
from django.utils import translation

from regie.accounts import services
from regie.accounts.models import Role
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
    client: Client = login_as(people.anna_user)

    html = client.get("/inwoner/verwerkingen/").content.decode()

    for uri in (builtin.REGISTER_RESIDENT, builtin.ASSIGN_CASELOAD, builtin.IDENTIFY_RESIDENT):
        version = activity_version_in_force(uri)
        assert version.name in html
        assert version.plain_explanation in html
    assert _dutch("Sealed in the log: this entry can no longer be changed unnoticed.") in html
    assert "Bram" not in html


def test_it_logs_that_the_resident_looked(login_as, people: People) -> None:
    before = ProcessingRecord.objects.filter(name="processing_log.read").count()
    login_as(people.anna_user).get("/inwoner/verwerkingen/")

    read = ProcessingRecord.objects.filter(name="processing_log.read").order_by("-id").first()
    assert ProcessingRecord.objects.filter(name="processing_log.read").count() == before + 1
    assert read is not None
    assert read.data_subject_id == people.anna.subject_pseudonym
    assert read.actor_id == str(people.anna_user.public_id)


def test_it_names_the_role_not_the_colleague(login_as, people: People) -> None:
    services.caseload_assign(
        consulent=people.consulent, resident=people.anna, assigned_by=people.teamleider
    )

    html = login_as(people.anna_user).get("/inwoner/verwerkingen/").content.decode()

    with translation.override("nl"):
        role = str(Role.TEAMLEIDER.label)
        assert translation.gettext("The municipality: %(role)s") % {"role": role} in html
    assert str(people.teamleider.public_id) not in html


def test_it_marks_entries_not_sealed_yet(login_as, people: People) -> None:
    html = login_as(people.anna_user).get("/inwoner/verwerkingen/").content.decode()

    assert _dutch("Not sealed yet: this happens within a few minutes.") in html


def test_it_pages_back_through_older_entries(login_as, people: People) -> None:
    client = login_as(people.anna_user)
    for _ in range(30):
        client.get("/inwoner/verwerkingen/")

    first = client.get("/inwoner/verwerkingen/").content.decode()
    assert "?voor=" in first
    cursor = first.split("?voor=", 1)[1].split('"', 1)[0]
    older = client.get(f"/inwoner/verwerkingen/?voor={cursor}")
    assert older.status_code == 200
    assert activity_version_in_force(builtin.REGISTER_RESIDENT).name in older.content.decode()
