"""A consultation on anonymised data: the case worker sees what was replaced, then shares it;
only the colleague asked (and the asker) can open it."""

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.urls import reverse

from regie.cases import activities, selectors, services
from regie.cases.anonymise import fingerprint
from regie.cases.models import Case
from regie.conftest import People
from regie.processing_log.models import ProcessingRecord


def _fill(people: People, case: Case) -> None:
    services.involved_person_add(
        actor=people.consulent,
        case_id=case.public_id,
        role="legal_representative",
        name="Cor van Dijk",
        contact="c.vandijk@example.nl",
    )
    services.note_add(
        actor=people.consulent,
        case_id=case.public_id,
        text="Anna Willems (BSN 999990019, geboren 12-03-1985) woont op Lindenlaan 12. "
        "Meneer van Dijk belt vaak vanaf 06-12345678. Rekening NL91 ABNA 0417 1643 00.",
    )
    services.decision_add(
        actor=people.consulent,
        case_id=case.public_id,
        outcome="granted",
        decided_on=date(2026, 1, 5),
        text="Mevrouw Willems krijgt huishoudelijke hulp.",
    )


def test_it_replaces_everything_identifying_in_the_summary(people: People, case: Case) -> None:
    _fill(people, case)
    draft = selectors.consultation_draft(
        user=people.consulent, public_id=case.public_id, question="Wat zou jij Anna adviseren?"
    )
    for secret in (
        "Anna",
        "Willems",
        "Dijk",
        "999990019",
        "1985",
        "Lindenlaan",
        "06-12345678",
        "NL91",
        "c.vandijk",
    ):
        assert secret not in draft.text, secret
    assert "huishoudelijke hulp" in draft.text
    originals = {replacement.original for replacement in draft.replacements}
    assert {"Anna Willems", "999990019", "06-12345678", "van Dijk"} <= originals
    [record] = ProcessingRecord.objects.filter(name="consultation.draft")
    assert record.activity_uri == activities.CONSULTATION


def test_it_shows_what_was_replaced_before_sharing_and_shares_it(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    _fill(people, case)
    client = login_as(people.consulent)
    url = reverse("cases:consultation", args=[case.public_id])
    form = {"question": "Advies over Anna?", "colleague": people.teamleider.pk}
    preview = client.post(url, {**form, "step": "preview"}).content.decode()
    assert 'data-testid="anonymised-summary"' in preview
    assert '<td class="utrecht-table__cell">Anna Willems</td>' in preview
    checked = preview.split('name="checked" value="', 1)[1].split('"', 1)[0]
    assert client.post(url, {**form, "step": "share", "checked": checked}).status_code == 302

    [shared] = selectors.consultations_for(user=people.teamleider)
    assert "Anna" not in shared.summary and "huishoudelijke hulp" in shared.summary
    colleague = login_as(people.teamleider)
    page = colleague.get(reverse("cases:consultation-detail", args=[shared.public_id]))
    assert page.status_code == 200 and "Willems" not in page.content.decode()


def test_it_keeps_a_consultation_from_those_not_asked(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    _fill(people, case)
    draft = selectors.consultation_draft(
        user=people.consulent, public_id=case.public_id, question="?"
    )
    item = services.consultation_share(
        actor=people.consulent,
        case_id=case.public_id,
        colleague=people.teamleider,
        question="?",
        checked=fingerprint(draft),
    )
    client = login_as(people.other_consulent)
    url = reverse("cases:consultation-detail", args=[item.public_id])
    assert client.get(url).status_code == 404
    assert selectors.consultations_for(user=people.other_consulent) == []


def test_it_shares_nothing_that_changed_since_it_was_checked(
    people: People, case: Case, login_as: Callable[..., Client]
) -> None:
    _fill(people, case)
    client = login_as(people.consulent)
    url = reverse("cases:consultation", args=[case.public_id])
    form = {"question": "Advies?", "colleague": people.teamleider.pk}
    preview = client.post(url, {**form, "step": "preview"}).content.decode()
    checked = preview.split('name="checked" value="', 1)[1].split('"', 1)[0]
    services.note_add(actor=people.consulent, case_id=case.public_id, text="Nieuw: Bram belde")
    again = client.post(url, {**form, "step": "share", "checked": checked})
    assert again.status_code == 200
    assert "Nieuw:" in again.content.decode()  # shown again, to be checked
    assert selectors.consultations_for(user=people.teamleider) == []
