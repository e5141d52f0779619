from dataclasses import dataclass
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action, permits
from regie.accounts.models import Resident, Role, User
from regie.processing_log import merkle
from regie.processing_log.models import ActorKind
from regie.processing_log.reading import Entry, own_records
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.register.models import ProcessingActivityVersion

PAGE_SIZE = 25


@dataclass(frozen=True)
class Row:
    when: datetime
    activity: ProcessingActivityVersion
    who: str
    sealed: bool


def _who(entry: Entry, user: User) -> str:
    """The organisation and role, never a colleague's name (the letter's promise is about
    what happens to the resident's data, not about exposing staff)."""
    record = entry.record
    if record.actor_kind == ActorKind.RESIDENT and record.actor_id == str(user.public_id):
        return str(_("You"))
    if record.actor_kind == ActorKind.STAFF:
        try:
            return str(_("The municipality: %(role)s") % {"role": Role(record.actor_role).label})
        except ValueError:
            return str(_("The municipality"))
    if record.actor_kind == ActorKind.PROFESSIONAL:
        return str(_("A care professional"))
    return str(_("An automatic process of the municipality"))


def _sealed(entry: Entry, root: bytes | None) -> bool:
    """The record is in the signed log and still matches it: its leaf is its own hash and the
    proof leads to the signed root."""
    if entry.proof is None or root is None:
        return False
    values = [getattr(entry.record, field) for field in HASHED_FIELDS]
    leaf = merkle.leaf_hash(record_bytes(values))
    proof = entry.proof
    return leaf == proof.leaf_hash and merkle.verify_inclusion(
        leaf, proof.leaf_index, proof.tree_size, proof.path, root
    )


@permits(Action.PROCESSING_LOG_OWN)
def my_processing(request: HttpRequest) -> HttpResponse:
    """Who processed my data, when, and why: the resident's own records, newest first."""
    user = request.user
    assert isinstance(user, User)
    before = request.GET.get("voor", "")
    try:
        page = own_records(
            user=user, limit=PAGE_SIZE, before_id=int(before) if before.isdigit() else None
        )
    except Resident.DoesNotExist:
        raise Http404 from None
    root = bytes(page.checkpoint.root_hash) if page.checkpoint else None
    rows = [
        Row(
            when=entry.record.end_time,
            activity=entry.record.activity_version,
            who=_who(entry, user),
            sealed=_sealed(entry, root),
        )
        for entry in page.entries
    ]
    return render(
        request,
        "processing_log/my_processing.html",
        {"rows": rows, "next_before": page.next_before, "checkpoint": page.checkpoint},
    )
