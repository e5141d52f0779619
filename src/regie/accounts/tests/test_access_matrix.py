"""Every URL pattern, walked with every role and anonymously.

The matrix below is the specification of who may open what. A new URL without a row fails
`test_it_has_a_row_for_every_url`, so nobody adds a page without deciding who may see it.
"""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from regie.accounts import services
from regie.accounts.models import ApiToken, User
from regie.breaches.models import Breach
from regie.breaches.services import breach_register
from regie.cases import selectors as case_selectors
from regie.cases import services as case_services
from regie.cases.anonymise import fingerprint
from regie.cases.models import (
    AddressReveal,
    CareContact,
    Case,
    CaseDocument,
    Consultation,
    PostBatch,
    PostItem,
    PostStatus,
)
from regie.conftest import INTAKE, PASSWORD, People, inspecting, log_in
from regie.exchange.models import Share
from regie.lawfulness.models import Consent, Objection
from regie.monitoring import services as monitoring_services
from regie.monitoring.models import AlertGroup, InsiderAlert, SignalSource
from regie.processing_log.services import log_seal_all
from regie.register import services as register_services
from regie.register.models import ProcessingActivity, Processor, WorkProcess
from regie.requests.models import RightsRequest
from regie.requests.services import request_file
from regie.vault import services as vault_services

ANON = "anonymous"
UNVERIFIED = "consulent_without_second_factor"
STAFF_ROLES = [
    "consulent",
    "teamleider",
    "privacy_officer",
    "ciso",
    "beheerder",
    "raadslid",
    "commissielid",
]
ROLES = [ANON, UNVERIFIED, *STAFF_ROLES, "resident", "professional"]

LOGIN = "→login"  # redirected to the staff log-in page
DIGID = "→digid"  # redirected to the DigiD start page
CODE = "→code"  # redirected to the second-factor step
REDIRECT = "→"  # any redirect


@dataclass
class Row:
    expect: dict[str, int | str]
    kwargs: Callable[[People], dict[str, object]] = field(default=lambda p: {})
    query: str = ""


def staff_only(*allowed: str, kwargs: Callable[[People], dict[str, object]] | None = None) -> Row:
    expect: dict[str, int | str] = {
        ANON: LOGIN,
        UNVERIFIED: CODE,
        "resident": 404,
        "professional": 404,
    }
    for role in STAFF_ROLES:
        expect[role] = 200 if role in allowed else 404
    return Row(expect, kwargs or (lambda p: {}))


def everyone(status: int | str, **overrides: Any) -> Row:
    return Row({role: overrides.get(role, status) for role in ROLES})


def _token(people: People) -> ApiToken:
    token = ApiToken.objects.first()
    if token is None:
        token, _secret = services.api_token_create(
            name="Zaaksysteem", scopes=["api.me"], created_by=people.beheerder
        )
    return token


def _sealed(people: People) -> dict[str, object]:
    """The checkpoint and its proofs exist once the log has been sealed."""
    log_seal_all()
    return {}


def _isms(kind: str) -> Callable[[People], dict[str, object]]:
    """Keyword arguments for an ISMS page about one object of KIND, made on first use."""

    def kwargs(people: People) -> dict[str, object]:
        from datetime import date

        from regie.isms import services as isms
        from regie.isms.models import Assessment, Campaign, EvidenceFile, Measure, Policy, Risk
        from regie.isms.tests.libraries import TREE, small

        assessment = Assessment.objects.first()
        if assessment is None:
            framework = isms.framework_import(text=small(*TREE)).framework
            assessment = isms.assessment_create(
                framework=framework,
                title="GAP",
                assessed_on=date(2026, 1, 1),
                department="",
                created_by=people.ciso,
            )
        made: dict[str, Callable[[], Any]] = {
            "framework": lambda: assessment.framework,
            "assessment": lambda: assessment,
            "measure": lambda: (
                Measure.objects.first() or isms.measure_save(title="Maatregel", budget_year=2026)
            ),
            "risk": lambda: (
                Risk.objects.first()
                or isms.risk_save(
                    title="Risico", likelihood=1, impact=1, residual_likelihood=1, residual_impact=1
                )
            ),
            "policy": lambda: (
                Policy.objects.first()
                or isms.policy_save(title="Beleid", version="1", review_on=date(2027, 1, 1))
            ),
            "campaign": lambda: (
                Campaign.objects.first()
                or isms.campaign_save(
                    title="Training", starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1)
                )
            ),
        }
        if kind == "result":
            node = assessment.results.select_related("node").first().node  # type: ignore[union-attr]
            return {"public_id": assessment.public_id, "node_id": node.public_id}
        if kind == "evidence":
            evidence = EvidenceFile.objects.first()
            if evidence is None:
                stored = vault_services.organisation_file_store(
                    source=io.BytesIO(b"%PDF-1.7 verslag"),
                    content_type="application/pdf",
                    extension="pdf",
                )
                evidence = EvidenceFile.objects.create(
                    result=assessment.results.earliest("pk"),
                    file=stored,
                    name="verslag.pdf",
                    description="Verslag",
                )
            return {"public_id": evidence.public_id}
        if kind.endswith(".csv"):
            obj = made[kind.removesuffix(".csv")]()
            return {"public_id": obj.public_id, "fmt": "csv"}
        return {"public_id": made[kind]().public_id}

    return kwargs


ISMS_READERS = ("ciso", "privacy_officer")


REPORT_READERS = ("commissielid", "ciso", "privacy_officer")
REPORT_MAKERS = ("ciso", "privacy_officer")


def _report(frozen: bool) -> Callable[[People], dict[str, object]]:
    """A half-yearly report, frozen (the committee may read it) or still a draft."""

    def kwargs(people: People) -> dict[str, object]:
        from regie.reports import services as reports
        from regie.reports.models import Kind, Report

        half = 1 if frozen else 2
        report = Report.objects.filter(kind=Kind.HALF_YEARLY, period_start__month=half * 6 - 5)
        found = report.first() or reports.report_draft(
            kind=Kind.HALF_YEARLY, year=2025, half=half, by=people.ciso
        )
        if frozen and not found.is_frozen:
            reports.report_review(report=found, by=people.privacy_officer)
            found = reports.report_freeze(report=found, by=people.ciso)
        return {"public_id": found.public_id}

    return kwargs


def _annual(people: People) -> dict[str, object]:
    from regie.reports import services as reports
    from regie.reports.models import Kind, Report

    if not Report.objects.filter(kind=Kind.ANNUAL, period_start__year=2025).exists():
        report = reports.report_draft(kind=Kind.ANNUAL, year=2025, half=None, by=people.ciso)
        reports.report_review(report=report, by=people.privacy_officer)
        reports.report_freeze(report=report, by=people.ciso)
    return {"year": 2025}


def _activity(people: People) -> dict[str, object]:
    return {"public_id": ProcessingActivity.objects.first().public_id}  # type: ignore[union-attr]


def _activity_version(people: People) -> dict[str, object]:
    return {**_activity(people), "number": 1}


def _process(people: People) -> WorkProcess:
    return WorkProcess.objects.first() or register_services.work_process_create(
        name="Aanvraag ondersteuning", description=""
    )


def _step(people: People) -> dict[str, object]:
    process = _process(people)
    step = process.steps.first() or register_services.step_add(
        process=process, name="Melding", data_registered="Naam", activity=None
    )
    return {"public_id": step.public_id}


def _processor(people: People) -> Processor:
    return Processor.objects.first() or register_services.processor_create(
        name="Zorggroep De Linde", kind="care_partner"
    )


def _agreement(people: People) -> dict[str, object]:
    processor = _processor(people)
    agreement = processor.agreements.first() or register_services.agreement_save(
        processor=processor, status="draft"
    )
    return {"public_id": agreement.public_id}


def _breach(people: People) -> dict[str, object]:
    breach = Breach.objects.first() or breach_register(
        registered_by=people.privacy_officer,
        title="USB stick lost",
        description="Lost on the train.",
        discovered_at=timezone.now(),
        subjects_count=10,
        records_count=10,
        personal_data=True,
        confidentiality_loss=True,
        data_categories=["name"],
    )
    return {"public_id": breach.public_id}


def _rights_request(people: People) -> dict[str, object]:
    with inspecting():
        existing = RightsRequest.objects.first()
    request = existing or request_file(
        resident=people.anna,
        kind="access",
        channel="letter",
        details="Welke gegevens heeft u van mij?",
        actor=people.privacy_officer,
    )
    return {"public_id": request.public_id}


def _case(people: People) -> Case:
    """Anna's case (in the consulent's caseload, team Wmo) with a confidential address."""
    with inspecting():
        case = Case.objects.filter(resident=people.anna).first()
    if case is None:
        case = case_services.case_open(
            resident=people.anna,
            law="wmo",
            consulent=people.consulent,
            birth_date=date(1985, 3, 12),
            address="Opvangweg 1, 9999 ZZ Lindendal",
            address_confidential=True,
            actor=INTAKE,
        )
    return case


def _case_id(people: People) -> dict[str, object]:
    return {"public_id": _case(people).public_id}


def _consultation_id(people: People) -> dict[str, object]:
    case = _case(people)
    with inspecting():
        item = Consultation.objects.first()
    if item is None:
        draft = case_selectors.consultation_draft(
            user=people.consulent, public_id=case.public_id, question="?"
        )
        item = case_services.consultation_share(
            actor=people.consulent,
            case_id=case.public_id,
            colleague=people.teamleider,
            question="?",
            checked=fingerprint(draft),
        )
    return {"public_id": item.public_id}


def _post_item_id(people: People) -> dict[str, object]:
    item = PostItem.objects.filter(status=PostStatus.WAITING).first()
    if item is None:
        held = vault_services.held_store(
            source=io.BytesIO(b"%PDF-1.7 scanned post"),
            content_type="application/pdf",
            extension="pdf",
        )
        item = PostItem.objects.create(held=held, channel="upload", unmatched="nothing")
    return {"public_id": item.public_id}


def _post_batch_id(people: People) -> dict[str, object]:
    """The consulent's own upload of post; a team leader of the same team does not see it."""
    batch = PostBatch.objects.filter(uploaded_by=people.consulent).first()
    if batch is None:
        batch = PostBatch.objects.create(uploaded_by=people.consulent, language="nl")
    return {"public_id": batch.public_id}


def _reveal_id(people: People) -> dict[str, object]:
    case = _case(people)
    with inspecting():
        reveal = AddressReveal.objects.first()
    if reveal is None:
        reveal = case_services.address_reveal_request(
            actor=people.consulent, case_id=case.public_id, reason="Bezoek", password=PASSWORD
        )
    return {"public_id": reveal.public_id}


def _contact(people: People) -> CareContact:
    case = _case(people)
    with inspecting():
        contact = CareContact.objects.first()
    if contact is None:
        contact = case_services.exchange_assess(
            actor=people.consulent,
            case_id=case.public_id,
            partner="Jeugdteam",
            answers={
                "action": "use",
                "counterparty": "jeugdwet_records",
                "purpose": "support_assessment",
                "necessary": True,
            },
            summary="Jeugddossier",
        )
    return contact


def _document_ids(people: People) -> dict[str, object]:
    case = _case(people)
    with inspecting():
        document = CaseDocument.objects.first()
        if document is None:
            stored = vault_services.file_store(
                resident=case.resident,
                source=io.BytesIO(b"plan"),
                content_type="text/plain",
                extension="txt",
            )
            title = vault_services.text_seal(
                resident_id=case.resident_id, text="Plan", context="case.document"
            )
            document = CaseDocument.objects.create(
                case=case, file=stored, title_sealed=title, source="staff"
            )
    return {"public_id": case.public_id, "document_id": document.public_id}


def _share_ids(people: People) -> dict[str, object]:
    case = _case(people)
    with inspecting():
        share = Share.objects.first()
        if share is None:
            share = Share.objects.create(
                case=case,
                contact=_contact(people),
                professional=people.professional,
                expires_at=timezone.now() + timedelta(days=1),
                max_downloads=1,
                token_hash="matrix",
                decision={},
                dlp={},
            )
    return {"public_id": case.public_id, "share_id": share.public_id}


def _contact_ids(people: People) -> dict[str, object]:
    return {"public_id": _case(people).public_id, "contact_id": _contact(people).public_id}


def _consent_ids(people: People) -> dict[str, object]:
    ids = _contact_ids(people)
    with inspecting():
        consent = Consent.objects.first()
    if consent is None:
        consent = case_services.contact_consent_record(
            actor=people.consulent,
            case_id=ids["public_id"],  # type: ignore[arg-type]
            contact_id=ids["contact_id"],  # type: ignore[arg-type]
            given_by="resident",
            data="Jeugddossier",
            method="in_person",
            given_at=timezone.now() - timedelta(hours=1),
            valid_until=timezone.now() + timedelta(days=30),
        )
    return {"public_id": ids["public_id"], "consent_id": consent.public_id}


def _objection_ids(people: People) -> dict[str, object]:
    ids = _contact_ids(people)
    with inspecting():
        objection = Objection.objects.first()
    if objection is None:
        objection = case_services.contact_objection_record(
            actor=people.consulent,
            case_id=ids["public_id"],  # type: ignore[arg-type]
            contact_id=ids["contact_id"],  # type: ignore[arg-type]
            safety_at_risk=False,
            objection="Nee",
            raised_at=timezone.now(),
            option="stop",
        )
    return {"public_id": ids["public_id"], "objection_id": objection.public_id}


def _post_only(*allowed: str, kwargs: Callable[[People], dict[str, object]]) -> Row:
    """A POST-only URL: GET answers 405 to whoever passes the access decision."""
    row = staff_only(kwargs=kwargs)
    return Row({**row.expect, **dict.fromkeys(allowed, 405)}, kwargs)


def _alert_group(people: People) -> dict[str, object]:
    group, _created = AlertGroup.objects.get_or_create(signature="ET SCAN test", host="10.0.0.1")
    return {"public_id": group.public_id}


def _signal_source(people: People) -> dict[str, object]:
    source = (
        SignalSource.objects.first()
        or monitoring_services.signal_source_create(
            name="Suricata", kind="suricata-eve", created_by=people.ciso
        )[0]
    )
    return {"public_id": source.public_id}


def _insider_alert(people: People) -> dict[str, object]:
    alert, _created = InsiderAlert.objects.get_or_create(
        key="test", rule="volume", day=date(2026, 11, 2), actor_id="someone"
    )
    return {"public_id": alert.public_id}


def _resident_only(
    status: int = 200, kwargs: Callable[[People], dict[str, object]] | None = None
) -> Row:
    """A portal page: residents (for their own data), nobody else."""
    expect: dict[str, int | str] = {role: 404 for role in STAFF_ROLES}
    expect.update({ANON: DIGID, UNVERIFIED: CODE, "resident": status, "professional": 404})
    return Row(expect, kwargs or (lambda p: {}))


def _portal(people: People) -> Any:
    """Anna's portal dossier (a case, a document, a decision, an open consent request)."""
    from regie.portal.models import ConsentRequest
    from regie.portal.tests.conftest import make_dossier

    with inspecting():
        made = ConsentRequest.objects.exists()
    if not made:
        people.portal = make_dossier(people, _case(people))  # type: ignore[attr-defined]
    return people.portal  # type: ignore[attr-defined]


def _portal_consent_id(people: People) -> dict[str, object]:
    from regie.portal.tests.conftest import grant

    dossier = _portal(people)
    with inspecting():
        consent = Consent.objects.filter(resident=people.anna, withdrawn_at=None).first()
    if consent is None:
        consent = grant(people, dossier)
    return {"consent_id": consent.public_id}


def _representation(people: People) -> dict[str, object]:
    """Bram, recorded from Anna's case as her legal representative (made on first use)."""
    from regie.conftest import BSN_BRAM
    from regie.portal import services as portal_services
    from regie.portal.models import Representation

    case = _portal(people).case
    with inspecting():
        link = Representation.objects.filter(represented=people.anna, ended_at=None).first()
    if link is None:
        link = portal_services.representation_record(
            actor=people.consulent,
            case_id=case.public_id,
            bsn=BSN_BRAM,
            basis="curatele",
            evidence="Beschikking rechtbank",
        )
    return {"public_id": case.public_id, "representation_id": link.public_id}


def _mock_idp_query() -> str:
    return "?acs=/digid/acs/&next=/inwoner/&cancel=/inwoner/inloggen/afgebroken/"


MATRIX: dict[str, Row] = {
    "home": everyone(REDIRECT, anonymous=200, professional=200),
    "healthz": everyone(200),
    "set_language": everyone(REDIRECT),
    "accounts:login": everyone(200),
    "accounts:login-code": everyone(
        REDIRECT, **{ANON: LOGIN, UNVERIFIED: 200, "resident": LOGIN, "professional": LOGIN}
    ),
    "accounts:totp-setup": everyone(
        CODE, **{ANON: LOGIN, "resident": LOGIN, "professional": LOGIN}
    ),
    "accounts:logout": everyone(405),
    "accounts:home": staff_only(*STAFF_ROLES),
    "accounts:team": staff_only("teamleider", kwargs=lambda p: {"public_id": p.team.public_id}),
    "accounts:users": staff_only("beheerder"),
    "accounts:user-deactivate": staff_only(
        "beheerder", kwargs=lambda p: {"public_id": p.consulent.public_id}
    ),
    "accounts:tokens": staff_only("beheerder"),
    "accounts:token-revoke": staff_only(
        "beheerder", kwargs=lambda p: {"public_id": _token(p).public_id}
    ),
    "accounts:resident-home": Row(
        {
            **{role: 404 for role in STAFF_ROLES},
            ANON: DIGID,
            UNVERIFIED: CODE,
            "resident": REDIRECT,
            "professional": 404,
        }
    ),
    "register:activities": staff_only(*STAFF_ROLES),
    "register:activity-new": staff_only("privacy_officer"),
    "register:import": staff_only("privacy_officer"),
    "register:export-csv": staff_only(*STAFF_ROLES),
    "register:export-xlsx": staff_only(*STAFF_ROLES),
    "register:export-pdf": staff_only(*STAFF_ROLES),
    "register:dashboard": staff_only("privacy_officer"),
    "register:activity": staff_only(*STAFF_ROLES, kwargs=_activity),
    "register:activity-version": staff_only(*STAFF_ROLES, kwargs=_activity_version),
    "register:activity-revise": staff_only("privacy_officer", kwargs=_activity),
    "register:processes": staff_only(*STAFF_ROLES),
    "register:process-new": staff_only("privacy_officer"),
    "register:process": staff_only(
        *STAFF_ROLES, kwargs=lambda p: {"public_id": _process(p).public_id}
    ),
    "register:process-edit": staff_only(
        "privacy_officer", kwargs=lambda p: {"public_id": _process(p).public_id}
    ),
    "register:step-new": staff_only(
        "privacy_officer", kwargs=lambda p: {"public_id": _process(p).public_id}
    ),
    "register:step-edit": staff_only("privacy_officer", kwargs=_step),
    "register:step-remove": staff_only("privacy_officer", kwargs=_step),
    "register:processors": staff_only(*STAFF_ROLES),
    "register:processor-new": staff_only("privacy_officer"),
    "register:processor": staff_only(
        *STAFF_ROLES, kwargs=lambda p: {"public_id": _processor(p).public_id}
    ),
    "register:processor-edit": staff_only(
        "privacy_officer", kwargs=lambda p: {"public_id": _processor(p).public_id}
    ),
    "register:agreement-new": staff_only(
        "privacy_officer", kwargs=lambda p: {"public_id": _processor(p).public_id}
    ),
    "register:agreement-edit": staff_only("privacy_officer", kwargs=_agreement),
    "register:public": everyone(200),
    "processing_log:search": staff_only("privacy_officer"),
    "portal:home": _resident_only(),
    "portal:act-for": everyone(405),
    "portal:cases": _resident_only(),
    "portal:case": _resident_only(kwargs=lambda p: {"case_id": _portal(p).case.public_id}),
    "portal:document": _resident_only(
        kwargs=lambda p: {
            "case_id": _portal(p).case.public_id,
            "document_id": _portal(p).document.public_id,
        }
    ),
    "portal:send": _resident_only(kwargs=lambda p: {"case_id": _portal(p).case.public_id}),
    "portal:log": _resident_only(),
    # The older page's address: a permanent redirect for everyone; the page decides.
    "portal:log-moved": everyone(301),
    "portal:sharing": _resident_only(),
    "portal:consent-request": _resident_only(
        kwargs=lambda p: {"request_id": _portal(p).request.public_id}
    ),
    "portal:consent-withdraw": _resident_only(kwargs=_portal_consent_id),
    "portal:rights": _resident_only(),
    "portal:copy": everyone(405),
    "portal:messages": _resident_only(),
    "portal:message": Row(
        everyone(405).expect, kwargs=lambda p: {"message_id": _portal(p).message.public_id}
    ),
    "portal:representation": _resident_only(),
    # Who represents a resident: their case worker, and the team leader of the team.
    "portal:representations": staff_only(
        "consulent", "teamleider", kwargs=lambda p: {"public_id": _portal(p).case.public_id}
    ),
    "portal:representation-end": staff_only("consulent", "teamleider", kwargs=_representation),
    "portal:consent-request-create": staff_only(
        "consulent",
        kwargs=lambda p: {
            "public_id": _portal(p).case.public_id,
            "contact_id": _portal(p).contact.public_id,
        },
    ),
    "accounts:digid-start": everyone(200),
    "accounts:digid-cancelled": everyone(200),
    "digid:login": everyone(REDIRECT),
    "digid:acs": everyone(REDIRECT),
    "digid-mock:login": Row({role: 200 for role in ROLES}, query=_mock_idp_query()),
    "digid-mock:bsn": Row({role: 200 for role in ROLES}, query=_mock_idp_query()),
    "api:schema": everyone(200),
    "api:me": everyone(200, **{ANON: 401, UNVERIFIED: 404}),
    # GET on the POST-only search answers 405 to whoever passes the access decision.
    "api:processing-log-search": everyone(404, **{ANON: 401, "privacy_officer": 405}),
    "api:processing-log-mine": everyone(404, **{ANON: 401, "resident": 200}),
    "api:processing-log-checkpoint": Row(
        everyone(404, **{ANON: 401, "privacy_officer": 200, "resident": 200}).expect,
        kwargs=_sealed,
    ),
    "api:processing-log-consistency": Row(
        everyone(404, **{ANON: 401, "privacy_officer": 200, "resident": 200}).expect,
        kwargs=_sealed,
        query="?old=1&new=1",
    ),
    # Only a system's token may write (see test_ingest_api).
    "api:processing-log-records": everyone(404, **{ANON: 401}),
    "api:processing-log-otlp": everyone(404, **{ANON: 401, "privacy_officer": 200}),
    # GET on the POST-only assessment answers 405 to whoever passes the access decision.
    "cases:caseload": staff_only("consulent", "teamleider"),
    "cases:detail": staff_only("consulent", "teamleider", kwargs=_case_id),
    "cases:note-add": staff_only("consulent", kwargs=_case_id),
    "cases:document-add": staff_only("consulent", kwargs=_case_id),
    "cases:document-download": staff_only("consulent", "teamleider", kwargs=_document_ids),
    "exchange:case": staff_only("consulent", "teamleider", kwargs=_case_id),
    "exchange:revoke": staff_only("consulent", kwargs=_share_ids),
    # The recipient's pages answer every link that does not work with the neutral 404 page;
    # the link and the one-time code are what let someone in (exchange/tests).
    "exchange:open": Row(everyone(404).expect, lambda p: {"token": "unknown"}),
    "exchange:documents": Row(everyone(404).expect, lambda p: {"token": "unknown"}),
    "exchange:download": Row(everyone(404).expect, lambda p: {"token": "unknown", "item_id": 1}),
    "cases:decision-add": staff_only("consulent", kwargs=_case_id),
    "cases:involved-add": staff_only("consulent", kwargs=_case_id),
    "cases:status": staff_only("consulent", kwargs=_case_id),
    "cases:address": staff_only("consulent", kwargs=_case_id),
    "cases:reveal-request": staff_only("consulent", kwargs=_case_id),
    "cases:exchange": staff_only("consulent", kwargs=_case_id),
    "cases:consultation": staff_only("consulent", kwargs=_case_id),
    "cases:consent-add": staff_only("consulent", kwargs=_contact_ids),
    "cases:notice-add": staff_only("consulent", kwargs=_contact_ids),
    "cases:objection-add": staff_only("consulent", kwargs=_contact_ids),
    "cases:consent-withdraw": staff_only("consulent", kwargs=_consent_ids),
    "cases:objection-countersign": _post_only("teamleider", kwargs=_objection_ids),
    "cases:consultations": staff_only("consulent", "teamleider"),
    "cases:consultation-detail": staff_only("consulent", "teamleider", kwargs=_consultation_id),
    "cases:reveals": staff_only("teamleider"),
    "cases:reveal-decide": _post_only("teamleider", kwargs=_reveal_id),
    "cases:reveal-open": _post_only("consulent", kwargs=_reveal_id),
    "cases:reveal-alerts": staff_only("privacy_officer"),
    "cases:cover-sheet": staff_only("consulent", "teamleider", kwargs=_case_id),
    "cases:post-intake": staff_only("consulent", "teamleider"),
    "cases:post-batch": staff_only("consulent", kwargs=_post_batch_id),
    "cases:post-queue": staff_only("teamleider"),
    "cases:post-item": staff_only("teamleider", kwargs=_post_item_id),
    "cases:post-item-pdf": staff_only("teamleider", kwargs=_post_item_id),
    "cases:post-reject": staff_only("teamleider", kwargs=_post_item_id),
    "cases:post-openings": staff_only("privacy_officer"),
    "api:lawfulness-assess": everyone(
        404, **{ANON: 401, "consulent": 405, "teamleider": 405, "privacy_officer": 405}
    ),
    # The ISMS: the CISO keeps it, the privacy officer reads along.
    "isms:home": staff_only(*ISMS_READERS),
    "isms:framework-import": staff_only("ciso"),
    "isms:framework": staff_only(*ISMS_READERS, kwargs=_isms("framework")),
    "isms:assessment-new": staff_only("ciso"),
    "isms:assessment": staff_only(*ISMS_READERS, kwargs=_isms("assessment")),
    "isms:assessment-result": staff_only(*ISMS_READERS, kwargs=_isms("result")),
    "isms:evidence-add": staff_only("ciso", kwargs=_isms("result")),
    "isms:evidence-download": staff_only(*ISMS_READERS, kwargs=_isms("evidence")),
    "isms:evidence-delete": staff_only("ciso", kwargs=_isms("evidence")),
    "isms:assessment-export": staff_only(*ISMS_READERS, kwargs=_isms("assessment.csv")),
    "isms:soa-export": staff_only(*ISMS_READERS, kwargs=_isms("assessment.csv")),
    "isms:plan": staff_only(*ISMS_READERS),
    "isms:plan-export": staff_only(*ISMS_READERS, kwargs=lambda p: {"fmt": "xlsx"}),
    "isms:budget": staff_only("ciso"),
    "isms:measure-new": staff_only("ciso"),
    "isms:measure": staff_only("ciso", kwargs=_isms("measure")),
    "isms:measure-raci": staff_only("ciso", kwargs=_isms("measure")),
    "isms:risks": staff_only(*ISMS_READERS),
    "isms:risk-new": staff_only("ciso"),
    "isms:risk": staff_only("ciso", kwargs=_isms("risk")),
    "isms:policies": staff_only(*ISMS_READERS),
    "isms:policy-new": staff_only("ciso"),
    "isms:policy": staff_only("ciso", kwargs=_isms("policy")),
    "isms:awareness": staff_only(*ISMS_READERS),
    "isms:campaign-new": staff_only("ciso"),
    "isms:campaign": staff_only(*ISMS_READERS, kwargs=_isms("campaign")),
    # POST only: GET answers 405 to whoever may assess.
    "api:breach-assess": everyone(404, **{ANON: 401, "privacy_officer": 405, "ciso": 405}),
    "breaches:list": staff_only("privacy_officer", "ciso"),
    "breaches:new": staff_only("privacy_officer"),
    "breaches:detail": staff_only("privacy_officer", "ciso", kwargs=_breach),
    "breaches:authority-form": staff_only("privacy_officer", "ciso", kwargs=_breach),
    "breaches:letter": staff_only("privacy_officer", "ciso", kwargs=_breach),
    "breaches:edit": staff_only("privacy_officer", kwargs=_breach),
    "breaches:assess": staff_only("privacy_officer", kwargs=_breach),
    "breaches:report": staff_only("privacy_officer", kwargs=_breach),
    "breaches:follow-up": staff_only("privacy_officer", kwargs=_breach),
    "breaches:informed": staff_only("privacy_officer", kwargs=_breach),
    "breaches:close": staff_only("privacy_officer", kwargs=_breach),
    "requests:list": staff_only("privacy_officer"),
    "requests:new": staff_only("privacy_officer"),
    "requests:detail": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:identity": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:assign": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:extend": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:decide": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:close": staff_only("privacy_officer", kwargs=_rights_request),
    "requests:access": staff_only("privacy_officer", kwargs=_rights_request),
    # Council reports: the committee reads frozen confidential reports, the CISO and the
    # privacy officer also drafts; the published annual reports are public.
    "reports:list": staff_only(*REPORT_READERS),
    "reports:new": staff_only(*REPORT_MAKERS),
    "reports:detail": staff_only(*REPORT_READERS, kwargs=_report(frozen=True)),
    "reports:pdf": staff_only(*REPORT_READERS, kwargs=_report(frozen=True)),
    # A draft stays with its authors; changing it is a POST (GET answers 405 once allowed).
    "reports:refresh": Row(
        {**staff_only().expect, "ciso": 405, "privacy_officer": 405}, _report(frozen=False)
    ),
    "reports:review": Row(
        {**staff_only().expect, "ciso": 405, "privacy_officer": 405}, _report(frozen=False)
    ),
    "reports:freeze": staff_only(*REPORT_MAKERS, kwargs=_report(frozen=False)),
    "reports:public": everyone(200),
    "reports:public-year": Row(everyone(200).expect, _annual),
    "reports:public-pdf": Row(everyone(200).expect, _annual),
    # Only a signal source's own token may deliver (see monitoring/tests/test_signals_api).
    "api:monitoring-signals": everyone(401),
    "monitoring:queue": staff_only("ciso"),
    "monitoring:upload": staff_only("ciso"),
    "monitoring:group": staff_only("ciso", kwargs=_alert_group),
    # A GET on the escalation goes back to the group page; only a POST escalates.
    "monitoring:group-escalate": Row({**staff_only("ciso").expect, "ciso": REDIRECT}, _alert_group),
    "monitoring:sources": staff_only("ciso"),
    "monitoring:source-revoke": staff_only("ciso", kwargs=_signal_source),
    "monitoring:figures": staff_only("ciso"),
    "monitoring:insider-alerts": staff_only("privacy_officer"),
    "monitoring:insider-settings": staff_only("privacy_officer"),
    "monitoring:insider-alert": staff_only("privacy_officer", kwargs=_insider_alert),
}


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            yield f"{namespace}{pattern.name}"


def test_it_has_a_row_for_every_url() -> None:
    names = set(_walk(get_resolver()))
    assert names - MATRIX.keys() == set(), "URLs without a row in the access matrix"
    assert MATRIX.keys() - names == set(), "rows for URLs that no longer exist"


def _client_for(role: str, people: People) -> Client:
    client = Client()
    if role == ANON:
        return client
    if role == UNVERIFIED:
        client.force_login(people.consulent)
        return client
    user: User = (
        people.anna_user
        if role == "resident"
        else people.professional.user  # type: ignore[assignment]
        if role == "professional"
        else people.staff()[role]
    )
    return log_in(client, user)


def _outcome(response: object) -> int | str:
    status = response.status_code  # type: ignore[attr-defined]
    if status != 302:
        return status
    path = urlparse(response["Location"]).path  # type: ignore[index]
    return {
        reverse("accounts:login"): LOGIN,
        reverse("accounts:digid-start"): DIGID,
        reverse("accounts:login-code"): CODE,
    }.get(path, REDIRECT)


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_each_role_exactly_what_the_matrix_says(role: str, people: People) -> None:
    client = _client_for(role, people)
    mismatches = []
    for name, row in MATRIX.items():
        url = reverse(name, kwargs=row.kwargs(people)) + row.query
        got = _outcome(client.get(url))
        want = row.expect[role]
        if got != want:
            mismatches.append(f"{name}: expected {want}, got {got}")
    assert mismatches == []


def test_it_hides_another_teams_page_from_a_team_leader(people: People) -> None:
    client = log_in(Client(), people.teamleider)
    response = client.get(
        reverse("accounts:team", kwargs={"public_id": people.other_team.public_id})
    )
    assert response.status_code == 404


def test_it_answers_an_unknown_object_like_a_forbidden_one(people: People) -> None:
    client = log_in(Client(), people.beheerder)
    import uuid

    unknown = client.get(reverse("accounts:user-deactivate", kwargs={"public_id": uuid.uuid4()}))
    resident_user = client.get(
        reverse("accounts:user-deactivate", kwargs={"public_id": people.anna_user.public_id})
    )
    assert unknown.status_code == resident_user.status_code == 404
