"""The privacy officer searches the processing log by resident, activity or staff member,
and a search that names a resident is itself recorded."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from regie.conftest import BSN_ANNA, People, inspecting
from regie.processing_log.models import Checkpoint, ProcessingRecord
from regie.processing_log.services import log_seal_all
from regie.processing_log.tests.factories import process, tamper_signature
from regie.register import builtin

URL = reverse("processing_log:search")


def _nl(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def _search(client: Client, **fields: str) -> str:
    data = {"bsn": "", "activity": "", "staff": "", "since": "", "until": "", **fields}
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_a_residents_records_and_records_the_search(login_as, people: People) -> None:
    process(people.consulent, people.anna, times=2)
    process(people.other_consulent, people.bram)
    log_seal_all()
    reads = ProcessingRecord.objects.filter(name="processing_log.read")
    before = reads.count()

    html = _search(login_as(people.privacy_officer), bsn=BSN_ANNA)

    assert html.count("<code>case.read</code>") == 2  # Anna's two, not Bram's
    assert "Consulent Test (" in html
    assert people.anna.subject_pseudonym[:12] in html
    assert people.bram.subject_pseudonym[:12] not in html
    assert _nl("yes, proof checked") in html
    assert reads.count() == before + 1
    read = reads.order_by("-id").first()
    assert read is not None
    assert read.data_subject_id == people.anna.subject_pseudonym
    assert read.actor_id == str(people.privacy_officer.public_id)


def test_it_finds_what_one_staff_member_did(login_as, people: People) -> None:
    process(people.consulent, people.anna)
    process(people.other_consulent, people.bram, times=3)

    html = _search(login_as(people.privacy_officer), staff=str(people.other_consulent.public_id))

    assert html.count("<code>case.read</code>") == 3
    assert people.bram.subject_pseudonym[:12] in html
    assert people.anna.subject_pseudonym[:12] not in html
    assert "Other_consulent Test (" in html


def test_it_pages_to_older_records(login_as, people: People) -> None:
    process(people.consulent, people.anna, times=30)
    client = login_as(people.privacy_officer)
    staff = str(people.consulent.public_id)

    first = _search(client, staff=staff)
    assert first.count("<code>case.read</code>") == 25
    assert _nl("Older records") in first
    oldest_shown = (
        ProcessingRecord.objects.filter(actor_id=staff).order_by("-id").values_list("id", flat=True)
    )[24]

    second = _search(client, staff=staff, before=str(oldest_shown))
    assert second.count("<code>case.read</code>") == 5
    assert _nl("Older records") not in second


def test_it_bounds_the_search_by_date(login_as, people: People) -> None:
    process(people.consulent, people.anna)
    today = timezone.localdate()
    client = login_as(people.privacy_officer)
    staff = str(people.consulent.public_id)

    assert "<code>case.read</code>" in _search(
        client, staff=staff, since=str(today), until=str(today)
    )
    tomorrow = str(today + timedelta(days=1))
    html = _search(client, staff=staff, since=tomorrow)
    assert "<code>case.read</code>" not in html
    assert _nl("No records match this search.") in html


def test_it_refuses_bad_questions_in_dutch_and_reads_nothing(login_as, people: People) -> None:
    client = login_as(people.privacy_officer)
    reads = ProcessingRecord.objects.filter(name="processing_log.read")
    before = reads.count()

    bad_bsn = _search(client, bsn="123456789")
    assert _nl("This is not a valid BSN: it fails the eleven test.") in bad_bsn
    nothing = _search(client)
    assert (
        _nl("Name a resident, a processing activity or a staff member: the log is not read whole.")
        in nothing
    )
    backwards = _search(
        client, activity=builtin.REGISTER_RESIDENT, since="2026-05-02", until="2026-05-01"
    )
    assert _nl("This date lies before the start date.") in backwards
    for html in (bad_bsn, nothing, backwards):
        assert _nl("Records found") not in html
    assert reads.count() == before


def test_it_never_takes_the_question_from_the_address(login_as, people: People) -> None:
    client = login_as(people.privacy_officer)
    reads = ProcessingRecord.objects.filter(name="processing_log.read").count()

    html = client.get(URL, {"bsn": BSN_ANNA}).content.decode()

    assert _nl("Records found") not in html
    assert ProcessingRecord.objects.filter(name="processing_log.read").count() == reads


def test_it_starts_from_the_staff_member_an_alert_names(login_as, people: People) -> None:
    client = login_as(people.privacy_officer)
    member = str(people.consulent.public_id)

    html = client.get(URL, {"medewerker": member}).content.decode()
    unknown = client.get(URL, {"medewerker": "not-a-member"}).content.decode()

    assert f'<option value="{member}" selected>' in html
    assert '<option value="" selected>' in unknown.split('name="staff"')[1]


def test_it_records_the_read_for_every_resident_a_page_shows(login_as, people: People) -> None:
    process(people.consulent, people.anna)
    process(people.consulent, people.bram)
    reads = ProcessingRecord.objects.filter(
        name="processing_log.read", actor_id=str(people.privacy_officer.public_id)
    )

    _search(login_as(people.privacy_officer), staff=str(people.consulent.public_id))

    assert sorted(reads.values_list("data_subject_id", flat=True)) == sorted(
        [people.anna.subject_pseudonym, people.bram.subject_pseudonym]
    )
    assert reads.values("trace_id").distinct().count() == 1  # one search, one trace


def test_it_trusts_no_checkpoint_without_a_valid_signature(login_as, people: People) -> None:
    process(people.consulent, people.anna)
    log_seal_all()
    client = login_as(people.privacy_officer)
    assert _nl("yes, proof checked") in _search(client, bsn=BSN_ANNA)
    with inspecting():
        tamper_signature(Checkpoint.objects.latest("size"))

    html = _search(client, bsn=BSN_ANNA)

    assert 'data-testid="checkpoint-unsigned"' in html
    assert _nl("yes, proof checked") not in html
