from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.access import Action, permits
from regie.accounts.models import User
from regie.accounts.selectors import staff_list
from regie.processing_log import merkle
from regie.processing_log.forms import LogSearchForm
from regie.processing_log.models import ActorKind, Status
from regie.processing_log.reading import Entry, Page, QueryError, records_for
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.selectors import latest_checkpoint
from regie.processing_log.verify import checkpoint_signed
from regie.register.models import ProcessingActivityVersion
from regie.register.selectors import versions_in_force

PAGE_SIZE = 25


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


@dataclass(frozen=True)
class FoundRow:
    when: datetime
    activity: ProcessingActivityVersion
    name: str
    who: str
    subject: str
    failed: bool
    status: str
    sealed: bool


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _actor_label(entry: Entry, staff: dict[str, User]) -> str:
    """Who acted, for the privacy officer: staff by name and role, systems by their name."""
    record = entry.record
    if record.actor_kind == ActorKind.STAFF:
        member = staff.get(record.actor_id)
        if member is None:
            return str(_("Staff member (account removed)"))
        return f"{member.get_full_name() or member.username} ({member.get_role_display()})"
    if record.actor_kind == ActorKind.RESIDENT:
        return str(_("The resident, or their representative, in the portal"))
    if record.actor_kind == ActorKind.PROFESSIONAL:
        return str(_("A care professional, through a share"))
    return str(_("System: %(name)s") % {"name": record.actor_id})


def _found(page: Page) -> list[FoundRow]:
    # A root is only as good as its signature: whoever can write to the database can write
    # a checkpoint row too.
    signed = page.checkpoint is not None and checkpoint_signed(page.checkpoint)
    root = bytes(page.checkpoint.root_hash) if page.checkpoint and signed else None
    staff_ids = {
        entry.record.actor_id
        for entry in page.entries
        if entry.record.actor_kind == ActorKind.STAFF
    }
    staff = {str(user.public_id): user for user in staff_list().filter(public_id__in=staff_ids)}
    return [
        FoundRow(
            when=entry.record.end_time,
            activity=entry.record.activity_version,
            name=entry.record.name,
            who=_actor_label(entry, staff),
            subject=entry.record.data_subject_id[:12],
            failed=entry.record.status != Status.OK,
            status=entry.record.get_status_display(),
            sealed=_sealed(entry, root),
        )
        for entry in page.entries
    ]


_QUERY_FIELDS = {"data_subject.bsn": "bsn", "processing_activity_id": "activity", "until": "until"}


@permits(Action.PROCESSING_LOG_READ)
def search(request: HttpRequest) -> HttpResponse:
    """The privacy officer searches the log by resident, activity or staff member. A search
    that names a resident is itself a processing of that resident's data, and logged."""
    user = request.user
    assert isinstance(user, User)
    activities = [(version.activity.uri, version.name) for version in versions_in_force()]
    members = [
        (str(member.public_id), f"{member.get_full_name() or member.username}")
        for member in staff_list()
    ]
    # A link from an insider alert names the staff member to start from; the search itself
    # is always posted.
    start_with = request.GET.get("medewerker", "")
    form = LogSearchForm(
        request.POST or None,
        activities=activities,
        staff=members,
        initial={"staff": start_with} if start_with in dict(members) else None,
    )
    checkpoint = latest_checkpoint()
    context: dict[str, Any] = {
        "form": form,
        "checkpoint": checkpoint,
        "checkpoint_signed": checkpoint is None or checkpoint_signed(checkpoint),
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = records_for(
                actor=user,
                data_subject_bsn=data["bsn"] or None,
                activity=data["activity"] or None,
                actor_id=data["staff"] or None,
                since=_midnight(data["since"]) if data["since"] else None,
                until=_midnight(data["until"] + timedelta(days=1)) if data["until"] else None,
                limit=PAGE_SIZE,
                before_id=data["before"],
            )
        except QueryError as error:
            form.add_error(_QUERY_FIELDS.get(error.field), _("The log cannot be searched so."))
        else:
            context.update(
                rows=_found(page),
                searched=True,
                next_before=page.next_before,
                by_resident=bool(data["bsn"]),
            )
    return render(request, "processing_log/search.html", context)
