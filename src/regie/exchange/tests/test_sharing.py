"""Sharing with a care partner: only what the engine allowed, only with a partner under a signed
processor agreement where one is needed, only after the data-loss check; the recipient needs
the link and a one-time code, within the limits; a revoked link is dead at once; every step is
in the processing log."""

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from regie.cases import services as case_services
from regie.conftest import People, inspecting
from regie.exchange import services
from regie.exchange.models import Share
from regie.exchange.tests.conftest import (
    PLAN,
    Commit,
    Shareable,
    add_document,
    link_token,
    mailed_code,
)
from regie.processing_log.models import ActorKind, ProcessingRecord


def share(people: People, shareable: Shareable, **overrides: object) -> Share:
    arguments = {
        "actor": people.consulent,
        "case_id": shareable.case.public_id,
        "contact_id": shareable.contact.public_id,
        "professional_id": people.professional.public_id,
        "document_ids": [shareable.document.public_id],
        "days": 7,
        "max_downloads": 2,
        **overrides,
    }
    return services.share_create(**arguments)  # type: ignore[arg-type]


def _main(page: str) -> str:
    """The page's own content, without the nonces and ids that differ per response."""
    return page[page.index("<h1") : page.index("</main>")]


def open_with_code(client: Client, token: str, commit: Commit) -> None:
    commit(client.post, reverse("exchange:open", args=[token]), {"send": "1"})
    answer = client.post(reverse("exchange:open", args=[token]), {"code": mailed_code()})
    assert answer.status_code == 302, answer.content.decode()


def test_it_mails_a_link_without_personal_data(
    people: People, shareable: Shareable, commit: Commit
) -> None:
    commit(share, people, shareable)

    [message] = mail.outbox
    assert message.to == [people.professional.email]
    text = f"{message.subject} {message.body}"
    for personal in ("Anna", "Willems", "999990019", "Ondersteuningsplan", "Plan"):
        assert personal not in text


def test_the_recipient_downloads_with_link_and_code(
    people: People, shareable: Shareable, commit: Commit
) -> None:
    commit(share, people, shareable)
    token = link_token()
    client = Client()
    assert client.get(reverse("exchange:documents", args=[token])).status_code == 302
    open_with_code(client, token, commit)

    page = client.get(reverse("exchange:documents", args=[token]))
    assert "Plan" in page.content.decode()
    item_id = page.context["view"].documents[0].item_id
    download = client.get(reverse("exchange:download", args=[token, item_id]))
    assert b"".join(download.streaming_content) == PLAN  # type: ignore[attr-defined]
    records = ProcessingRecord.objects.filter(name__startswith="share.")
    assert {r.name.split(" ")[0] for r in records} >= {
        "share.create",
        "share.open",
        "share.download",
    }
    opened = records.get(name="share.download")
    assert opened.actor_kind == ActorKind.PROFESSIONAL
    assert opened.data_subject_id == people.anna.subject_pseudonym
    assert "wmo." in records.get(name__startswith="share.create").name  # the engine's rule ids


def test_it_stops_at_the_download_limit(
    people: People, shareable: Shareable, commit: Commit
) -> None:
    commit(share, people, shareable, max_downloads=1)
    token = link_token()
    client = Client()
    open_with_code(client, token, commit)
    item_id = (
        client.get(reverse("exchange:documents", args=[token])).context["view"].documents[0].item_id
    )
    url = reverse("exchange:download", args=[token, item_id])

    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 302  # back to the list, with a message


def test_a_revoked_link_shows_the_neutral_page_at_once(
    people: People, shareable: Shareable, commit: Commit
) -> None:
    created = commit(share, people, shareable)
    token = link_token()
    client = Client()
    open_with_code(client, token, commit)

    services.share_revoke(
        actor=people.consulent, case_id=shareable.case.public_id, share_id=created.public_id
    )

    answer = client.get(reverse("exchange:documents", args=[token]))
    assert answer.status_code == 404
    assert "Plan" not in answer.content.decode()
    unknown = client.get(reverse("exchange:open", args=["not-a-token"]))
    assert unknown.status_code == 404
    assert _main(unknown.content.decode()) == _main(answer.content.decode())


def test_wrong_codes_lock_the_link(people: People, shareable: Shareable, commit: Commit) -> None:
    commit(share, people, shareable)
    token = link_token()
    client = Client()
    commit(client.post, reverse("exchange:open", args=[token]), {"send": "1"})
    code = mailed_code()
    wrong = "000000" if code != "000000" else "111111"

    answers = [
        client.post(reverse("exchange:open", args=[token]), {"code": wrong}).status_code
        for _ in range(services.ATTEMPTS_MAX)
    ]

    assert answers[:-1] == [200] * (services.ATTEMPTS_MAX - 1) and answers[-1] == 404
    assert client.post(reverse("exchange:open", args=[token]), {"code": code}).status_code == 404


def test_a_code_works_once(people: People, shareable: Shareable, commit: Commit) -> None:
    commit(share, people, shareable)
    token = link_token()
    commit(Client().post, reverse("exchange:open", args=[token]), {"send": "1"})
    code = mailed_code()

    assert services.code_verify(token=token, code=code)
    assert not services.code_verify(token=token, code=code)


def test_it_refuses_what_the_engine_did_not_allow(people: People, shareable: Shareable) -> None:
    refused = case_services.exchange_assess(
        actor=people.consulent,
        case_id=shareable.case.public_id,
        partner="Zorggroep De Linde",
        answers={
            "action": "provide",
            "counterparty": "third_party",
            "purpose": "other",
            "necessary": False,
        },
        summary="Niet nodig.",
    )
    with pytest.raises(ValidationError) as error:
        share(people, shareable, contact_id=refused.public_id)
    assert "contact" in error.value.message_dict


def test_it_refuses_a_consent_exchange_without_consent_in_force(
    people: People, shareable: Shareable
) -> None:
    needs_consent = case_services.exchange_assess(
        actor=people.consulent,
        case_id=shareable.case.public_id,
        partner="Zorggroep De Linde",
        answers={
            "action": "provide",
            "counterparty": "health_insurer",
            "purpose": "zvw_tasks",
            "necessary": True,
        },
        summary="Voor de zorgverzekeraar.",
    )
    assert needs_consent.outcome == "consent_required"
    with override("en"), pytest.raises(ValidationError) as error:
        share(people, shareable, contact_id=needs_consent.public_id)
    assert "no consent in force" in error.value.message_dict["contact"][0]


def test_it_refuses_a_partner_without_a_signed_agreement(
    people: People, shareable: Shareable
) -> None:
    from regie.accounts import services as account_services

    stranger = account_services.professional_create(
        name="Piet", organisation="Zorg Zonder Contract", email="piet@zzc.example"
    )
    with pytest.raises(ValidationError) as error:
        share(people, shareable, professional_id=stranger.public_id)
    assert "professional" in error.value.message_dict


def test_it_blocks_another_residents_bsn(people: People, shareable: Shareable) -> None:
    leaky = add_document(people, shareable.case, b"Zie ook het dossier van 999990020.", "Leaky")

    with pytest.raises(ValidationError) as error:
        share(people, shareable, document_ids=[leaky.public_id])

    assert "documents" in error.value.message_dict
    with inspecting():
        assert not Share.objects.exists()


def test_it_asks_a_reason_for_a_warning_and_stores_only_counts(
    people: People, shareable: Shareable
) -> None:
    sensitive = add_document(
        people, shareable.case, b"Er is sprake van een verslaving. IBAN NL91ABNA0417164300.", "GGZ"
    )

    with pytest.raises(services.NeedsReason) as asked:
        share(people, shareable, document_ids=[sensitive.public_id])
    created = share(
        people, shareable, document_ids=[sensitive.public_id], reason="Nodig voor de indicatie."
    )

    assert asked.value.findings[0].counts == {"iban": 1, "special_category": 1}
    assert created.dlp == {str(sensitive.public_id): {"iban": 1, "special_category": 1}}
    assert "NL91" not in str(created.dlp)


def test_the_recipient_sends_a_report_back_into_the_case(
    people: People,
    shareable: Shareable,
    commit: Commit,
    login_as: Callable[..., Client],
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    commit(share, people, shareable)
    token = link_token()
    client = Client()
    open_with_code(client, token, commit)

    answer = client.post(
        reverse("exchange:documents", args=[token]),
        {"title": "Rapportage", "file": SimpleUploadedFile("rapport.txt", b"Het gaat goed.")},
    )

    assert answer.status_code == 302
    case_page = login_as(people.consulent).get(
        reverse("cases:detail", args=[shareable.case.public_id])
    )
    assert "Rapportage" in case_page.content.decode()
    assert ProcessingRecord.objects.filter(name="share.upload").exists()
