"""A full copy of a resident's data (AVG art. 15 lid 3): one ZIP with a readable PDF summary
and the same data as JSON for a machine."""

import io
import json
import zipfile
from dataclasses import asdict
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from regie.accounts.models import User
from regie.cases.models import Case
from regie.cases.selectors import resident_name
from regie.lawfulness.models import Consent, Objection, TransparencyNotice
from regie.portal import activities
from regie.portal.models import ConsentRequest
from regie.portal.selectors import (
    _card,
    _decisions,
    _documents,
    consent_view,
    representatives_in_gate,
    request_view,
    resident_in_gate,
)
from regie.processing_log.gate import processing
from regie.processing_log.models import ProcessingRecord


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@transaction.atomic
def data_copy(*, user: User, resident_id: UUID | None) -> tuple[str, bytes]:
    """The file name and the ZIP of everything Regie holds about the resident."""
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.copy", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        cases = []
        for case in Case.objects.filter(resident=resident).select_related("consulent"):
            cases.append(
                {
                    **asdict(_card(case)),
                    "decisions": [asdict(d) for d in _decisions(case)],
                    "documents": [asdict(d) for d in _documents(case)],
                }
            )
        records = [
            {
                "when": r.end_time,
                "activity": r.activity_version.name,
                "purpose": r.activity_version.purpose,
                "legal_basis": r.activity_version.legal_basis,
                "name": r.name,
            }
            for r in ProcessingRecord.objects.filter(data_subject_id=resident.subject_pseudonym)
            .select_related("activity_version")
            .order_by("-id")
        ]
        data = _plain(
            {
                "made_at": timezone.now(),
                "name": resident_name(resident),
                "cases": cases,
                "consent_requests": [
                    asdict(request_view(r))
                    for r in ConsentRequest.objects.filter(case__resident=resident).select_related(
                        "case", "contact"
                    )
                ],
                "consents": [
                    asdict(consent_view(c)) for c in Consent.objects.filter(resident=resident)
                ],
                "notices": [
                    {"told_at": n.told_at, "method": n.get_method_display()}
                    for n in TransparencyNotice.objects.filter(resident=resident)
                ],
                "objections": [
                    {"raised_at": o.raised_at, "option": o.get_option_display()}
                    for o in Objection.objects.filter(resident=resident)
                ],
                "legal_representatives": [
                    {
                        "name": row.other,
                        "basis": row.basis,
                        "since": row.since,
                        "evidence": row.evidence,
                        "ended_at": row.ended_at,
                        "end_reason": row.end_reason,
                    }
                    for row in representatives_in_gate(resident, current)
                ],
                "processing_log": records,
            }
        )
    html = render_to_string("portal/copy_pdf.html", {"data": data})
    pdf = HTML(string=html).write_pdf()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("overzicht.pdf", pdf)
        archive.writestr("gegevens.json", json.dumps(data, ensure_ascii=False, indent=2))
    return f"mijn-gegevens-{timezone.localdate().isoformat()}.zip", buffer.getvalue()
