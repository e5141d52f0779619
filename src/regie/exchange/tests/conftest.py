import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from pytest_django.fixtures import Settings

from regie.accounts.access import Action
from regie.cases import activities
from regie.cases import services as case_services
from regie.cases.models import CareContact, Case, CaseDocument, DocumentSource, Law
from regie.cases.selectors import case_in_gate
from regie.conftest import INTAKE, People
from regie.processing_log.gate import processing
from regie.register import services as register_services

PLAN = b"Ondersteuningsplan: huishoudelijke hulp, twee uur per week.\n"


@dataclass
class Shareable:
    case: Case
    contact: CareContact
    document: CaseDocument


def add_document(people: People, case: Case, body: bytes, title: str = "Plan") -> CaseDocument:
    with (
        transaction.atomic(),
        processing(
            activity=activities.CASE_WORK,
            actor=people.consulent,
            name="case.document.add",
            subjects=[people.anna],
        ),
    ):
        return case_services.document_store(
            case=case_in_gate(people.consulent, Action.CASE_WORK, case.public_id),
            upload=io.BytesIO(body),
            filename="plan.txt",
            title=title,
            source=DocumentSource.STAFF,
            added_by=people.consulent,
        )


def sign_agreement(organisation: str) -> None:
    processor = register_services.processor_create(name=organisation, kind="care_partner")
    register_services.agreement_save(
        processor=processor,
        status="signed",
        model_version="Regio 2026",
        signed_on=date.today() - timedelta(days=30),
        starts_on=date.today() - timedelta(days=30),
        ends_on=date.today() + timedelta(days=365),
    )


@pytest.fixture
def shareable(people: People, settings: Settings) -> Shareable:
    """Anna's Wmo case, a contact with a Wmo provider the engine allowed, and a plan."""
    settings.REGIE_SCAN = "off"  # scanning is tested in the vault and cases
    case = case_services.case_open(
        resident=people.anna,
        law=Law.WMO,
        consulent=people.consulent,
        birth_date=date(1985, 3, 12),
        actor=INTAKE,
    )
    contact = case_services.exchange_assess(
        actor=people.consulent,
        case_id=case.public_id,
        partner="Zorggroep De Linde",
        answers={
            "action": "provide",
            "counterparty": "wmo_provider",
            "purpose": "support_delivery",
            "necessary": True,
        },
        summary="Het ondersteuningsplan, zodat de hulp kan beginnen.",
    )
    assert contact.outcome == "allowed"
    sign_agreement(people.professional.organisation)
    return Shareable(case, contact, add_document(people, case, PLAN))


Commit = Callable[..., Any]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    """Run a step and then what it left for after the commit (the e-mails)."""

    def run(step: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


def _last_mail_matching(pattern: str) -> str:
    """The first group of PATTERN in the newest e-mail that has it (other mail, an insider
    alert say, may have come in after)."""
    for message in reversed(mail.outbox):
        match = re.search(pattern, str(message.body))
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail matches {pattern}")


def link_token() -> str:
    """The token of the link in the last share e-mail."""
    return _last_mail_matching(r"/delen/([A-Za-z0-9_-]+)/")


def mailed_code() -> str:
    """The one-time code in the last code e-mail."""
    return _last_mail_matching(r"\b(\d{6})\b")
