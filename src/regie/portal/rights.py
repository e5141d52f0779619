"""Rights requests from the portal: objection, rectification and a full copy each become a
request of the `requests` app, with its statutory deadline, for the privacy office."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import transaction

from regie.accounts.models import User
from regie.portal import activities
from regie.portal.selectors import resident_in_gate
from regie.processing_log.gate import processing
from regie.requests.models import Channel, Kind, RightsRequest
from regie.requests.services import request_file

# What a resident asks for in the portal; a copy is asked by downloading it.
PORTAL_KINDS = [Kind.OBJECTION, Kind.RECTIFICATION]


@transaction.atomic
def rights_request_file(
    *, actor: User, resident_id: UUID | None, kind: Kind | str, details: str
) -> RightsRequest:
    with processing(
        activity=activities.PORTAL, actor=actor, name="portal.rights.file", subjects_follow=True
    ) as current:
        resident = resident_in_gate(actor, resident_id)
        current.add_subject(resident)
        return request_file(
            resident=resident, kind=kind, channel=Channel.PORTAL, details=details, actor=actor
        )


@dataclass(frozen=True)
class RequestRow:
    reference: str
    kind: str
    received_on: date
    deadline: date
    status: str


@transaction.atomic
def rights_requests_of(*, user: User, resident_id: UUID | None) -> list[RequestRow]:
    with processing(
        activity=activities.PORTAL, actor=user, name="portal.rights.list", subjects_follow=True
    ) as current:
        resident = resident_in_gate(user, resident_id)
        current.add_subject(resident)
        return [
            RequestRow(
                r.reference,
                r.get_kind_display(),
                r.received_on,
                r.extended_until or r.deadline,
                r.get_status_display(),
            )
            for r in RightsRequest.objects.filter(resident=resident).order_by("-received_on")
        ]
