"""The resident portal's pages. Thin: the session says whom the resident acts for (themselves,
or a minor or ward they represent); every selector and service checks it again inside its
processing, so a tampered session or URL finds nothing (404)."""

from datetime import datetime, time
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts.access import Action, permits, public
from regie.accounts.models import Role, User
from regie.cases.selectors import case_heading
from regie.portal import selectors, services
from regie.portal.datacopy import data_copy
from regie.portal.forms import (
    AnswerForm,
    ConsentRequestForm,
    DocumentForm,
    RepresentationEndForm,
    RepresentationForm,
    RightsForm,
)
from regie.portal.models import MessageKind
from regie.portal.rights import rights_request_file, rights_requests_of
from regie.processing_log import merkle
from regie.processing_log.models import ActorKind
from regie.processing_log.reading import Entry
from regie.processing_log.records import HASHED_FIELDS, record_bytes
from regie.processing_log.verify import checkpoint_signed
from regie.web.forms import refusal_onto

ACTING_FOR = "portal_acting_for"
PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _for(request: HttpRequest) -> UUID | None:
    value = request.session.get(ACTING_FOR)
    return UUID(value) if value else None


def _errors_onto(form: Form, error: ValidationError) -> None:
    refusal_onto(form, error, {"data": "covered_data"})


def _context(request: HttpRequest, **extra: object) -> dict[str, object]:
    """Whom the session acts for. Only the start page reads the names (reading who represents
    whom is logged too); the other pages say only that it is not the resident themselves."""
    return {"acting_for_other": _for(request) is not None, **extra}


def _people_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    people = selectors.people_for(user=_user(request))
    acting = _for(request)
    current = next((p for p in people if p.public_id == acting), people[0])
    return {"people": people, "acting": current, **_context(request), **extra}


@permits(Action.PORTAL_USE)
def home(request: HttpRequest) -> HttpResponse:
    user, acting = _user(request), _for(request)
    unread = [m for m in selectors.messages_of(user=user, resident_id=acting) if m.unread]
    sharing = selectors.sharing_of(user=user, resident_id=acting)
    return render(
        request,
        "portal/home.html",
        _people_context(request, unread=unread, open_requests=sharing.open_requests),
    )


@require_POST
@permits(Action.PORTAL_USE)
def act_for(request: HttpRequest) -> HttpResponse:
    people = selectors.people_for(user=_user(request))
    wanted = request.POST.get("person", "")
    match = next((p for p in people if str(p.public_id) == wanted), None)
    if match is None:
        raise selectors.NotYours
    request.session[ACTING_FOR] = None if match.is_self else str(match.public_id)
    return redirect("portal:home")


@permits(Action.PORTAL_USE)
def cases(request: HttpRequest) -> HttpResponse:
    rows = selectors.cases_of(user=_user(request), resident_id=_for(request))
    return render(request, "portal/cases.html", _context(request, rows=rows))


@permits(Action.PORTAL_USE)
def case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    dossier = selectors.case_of(user=_user(request), resident_id=_for(request), case_id=case_id)
    return render(request, "portal/case.html", _context(request, dossier=dossier))


@permits(Action.PORTAL_USE)
def document(request: HttpRequest, case_id: UUID, document_id: UUID) -> StreamingHttpResponse:
    download = selectors.document_of(
        user=_user(request), resident_id=_for(request), case_id=case_id, document_id=document_id
    )
    response = StreamingHttpResponse(download.chunks, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Content-Length"] = str(download.size)
    return response


@permits(Action.PORTAL_USE)
def send(request: HttpRequest, case_id: UUID) -> HttpResponse:
    user, acting = _user(request), _for(request)
    dossier = selectors.case_of(user=user, resident_id=acting, case_id=case_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    receipt = None
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.document_send(
                actor=user,
                resident_id=acting,
                case_id=case_id,
                upload=form.cleaned_data["file"],
                filename=form.cleaned_data["file"].name,
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            _errors_onto(form, error)
    return render(
        request,
        "portal/send.html",
        _context(request, dossier=dossier, form=form, receipt=receipt),
    )


def _who(record_actor_kind: str, actor_id: str, role: str, user: User) -> str:
    """The organisation and role, never a colleague's name."""
    if record_actor_kind == ActorKind.RESIDENT:
        return _("You") if actor_id == str(user.public_id) else _("Your legal representative")
    if record_actor_kind == ActorKind.STAFF:
        try:
            return _("The municipality: %(role)s") % {"role": Role(role).label}
        except ValueError:
            return _("The municipality")
    if record_actor_kind == ActorKind.PROFESSIONAL:
        return _("A care professional")
    return _("An automatic process of the municipality")


def _verified(entry: Entry, root: bytes | None) -> bool:
    """The record's own hash is the leaf, and the proof leads from it to the signed root."""
    if entry.proof is None or root is None:
        return False
    leaf = merkle.leaf_hash(record_bytes([getattr(entry.record, f) for f in HASHED_FIELDS]))
    proof = entry.proof
    return leaf == proof.leaf_hash and merkle.verify_inclusion(
        leaf, proof.leaf_index, proof.tree_size, proof.path, root
    )


@permits(Action.PORTAL_USE)
def log(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    before = request.GET.get("voor", "")
    resident, page = selectors.log_of(
        user=user,
        resident_id=_for(request),
        limit=PAGE_SIZE,
        before_id=int(before) if before.isdigit() else None,
    )
    # A checkpoint is only as good as its signature: a root written straight into the database
    # would make every proof against it "verify". An unsigned one is not witnessed either.
    signed = page.checkpoint is None or checkpoint_signed(page.checkpoint)
    consistent = signed and services.checkpoint_witness(
        actor=user, resident=resident, checkpoint=page.checkpoint
    )
    root = bytes(page.checkpoint.root_hash) if page.checkpoint and consistent else None
    rows = [
        {
            "when": e.record.end_time,
            "activity": e.record.activity_version,
            "who": _who(e.record.actor_kind, e.record.actor_id, e.record.actor_role, user),
            "verified": _verified(e, root),
        }
        for e in page.entries
    ]
    return render(
        request,
        "portal/log.html",
        _context(
            request,
            rows=rows,
            next_before=page.next_before,
            checkpoint=page.checkpoint,
            signed=signed,
            consistent=consistent,
        ),
    )


@public
def log_moved(request: HttpRequest) -> HttpResponse:
    """The address of the older page of who used the resident's data: bookmarks and e-mails
    may still point there, so it leads, for good, to this page (which decides who may see it)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("portal:log") + (f"?{query}" if query else ""))


@permits(Action.PORTAL_USE)
def sharing(request: HttpRequest) -> HttpResponse:
    shown = selectors.sharing_of(user=_user(request), resident_id=_for(request))
    return render(
        request, "portal/sharing.html", _context(request, sharing=shown, shares=_shares(request))
    )


def _shares(request: HttpRequest) -> list[selectors.ShareRow]:
    return selectors.shares_of(user=_user(request), resident_id=_for(request))


@permits(Action.PORTAL_USE)
def consent_request(request: HttpRequest, request_id: UUID) -> HttpResponse:
    user, acting = _user(request), _for(request)
    item = selectors.consent_request_of(user=user, resident_id=acting, request_id=request_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = request.POST.get("answer") == "grant"
        try:
            services.consent_request_answer(
                actor=user,
                resident_id=acting,
                request_id=request_id,
                grant=grant,
                remark=form.cleaned_data["remark"],
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request,
                _("You gave your consent.") if grant else _("You refused; nothing is shared."),
            )
            return redirect("portal:sharing")
    return render(request, "portal/consent_request.html", _context(request, item=item, form=form))


@permits(Action.PORTAL_USE)
def consent_withdraw(request: HttpRequest, consent_id: UUID) -> HttpResponse:
    user, acting = _user(request), _for(request)
    shown = selectors.sharing_of(user=user, resident_id=acting)
    consent = next((c for c in shown.consents if c.public_id == consent_id), None)
    if consent is None:
        raise selectors.NotYours
    if request.method == "POST":
        try:
            services.consent_withdraw(actor=user, resident_id=acting, consent_id=consent_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your consent is withdrawn."))
        return redirect("portal:sharing")
    return render(request, "portal/consent_withdraw.html", _context(request, consent=consent))


@permits(Action.PORTAL_USE)
def rights(request: HttpRequest) -> HttpResponse:
    user, acting = _user(request), _for(request)
    form = RightsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = rights_request_file(
                actor=user,
                resident_id=acting,
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request,
                _("Your request %(reference)s is received; the answer is due by %(deadline)s.")
                % {"reference": filed.reference, "deadline": date_format(filed.deadline)},
            )
            return redirect("portal:rights")
    requests = rights_requests_of(user=user, resident_id=acting)
    return render(
        request, "portal/rights.html", _context(request, rights_form=form, requests=requests)
    )


@require_POST
@permits(Action.PORTAL_USE)
def copy(request: HttpRequest) -> HttpResponse:
    user, acting = _user(request), _for(request)
    name, body = data_copy(user=user, resident_id=acting)
    # The copy is an access request (AVG art. 15) answered at once; the privacy office sees it.
    # requests.request_file accepts a resident's own requests only, so a legal
    # representative's copy is delivered but not registered there (yet).
    try:
        rights_request_file(
            actor=user,
            resident_id=acting,
            kind="access",
            details=_("A full copy of the data was downloaded in the resident portal."),
        )
    except ValidationError:
        if acting is None:
            raise
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permits(Action.PORTAL_USE)
def inbox(request: HttpRequest) -> HttpResponse:
    rows = selectors.messages_of(user=_user(request), resident_id=_for(request))
    return render(request, "portal/messages.html", _context(request, rows=rows))


@require_POST
@permits(Action.PORTAL_USE)
def message_open(request: HttpRequest, message_id: UUID) -> HttpResponse:
    message = services.message_read(
        actor=_user(request), resident_id=_for(request), message_id=message_id
    )
    if message.kind == MessageKind.CONSENT_REQUEST:
        return redirect("portal:consent-request", request_id=message.about)
    if message.kind in {MessageKind.REPRESENTATION, MessageKind.REPRESENTATION_ENDED}:
        return redirect("portal:representation")
    if message.case is not None:
        return redirect("portal:case", case_id=message.case.public_id)
    return redirect("portal:messages")


@permits(Action.CASE_WORK)
def consent_request_create(request: HttpRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    """The case worker asks the resident for consent through the portal."""
    user = _user(request)
    heading = case_heading(user=user, public_id=public_id)
    form = ConsentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = timezone.make_aware(datetime.combine(form.cleaned_data["valid_until"], time.max))
        try:
            services.consent_request_create(
                actor=user,
                case_id=public_id,
                contact_id=contact_id,
                data=form.cleaned_data["covered_data"],
                valid_until=until,
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The resident is asked in the portal."))
            return redirect("cases:detail", public_id=public_id)
    return render(request, "portal/consent_request_form.html", {"heading": heading, "form": form})


@permits(Action.PORTAL_USE)
def representation(request: HttpRequest) -> HttpResponse:
    """Who acts for me, and for whom I act: always about the person logged in, whoever they
    act for at the moment."""
    shown = selectors.representations_of(user=_user(request))
    return render(request, "portal/representation.html", _context(request, shown=shown))


@permits(Action.REPRESENTATION_MANAGE)
def representations(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The case worker records (and sees, current and ended) who legally represents the
    resident of a case."""
    user = _user(request)
    form = RepresentationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.representation_record(
                actor=user,
                case_id=public_id,
                bsn=form.cleaned_data["bsn"],
                basis=form.cleaned_data["basis"],
                evidence=form.cleaned_data["evidence"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            refusal_onto(form, error)
        else:
            messages.success(
                request,
                _(
                    "The legal representation is recorded; the representative can log in with "
                    "DigiD and act."
                ),
            )
            return redirect("portal:representations", public_id=public_id)
    shown = selectors.representations_for_case(user=user, case_id=public_id)
    return render(request, "portal/representations.html", {"shown": shown, "form": form})


@permits(Action.REPRESENTATION_MANAGE)
def representation_end(
    request: HttpRequest, public_id: UUID, representation_id: UUID
) -> HttpResponse:
    """Ending takes a reason and a confirmation (POST); the representation stays as history."""
    user = _user(request)
    shown = selectors.representations_for_case(user=user, case_id=public_id)
    link = next((row for row in shown.current if row.public_id == representation_id), None)
    if link is None:
        raise selectors.NotYours
    form = RepresentationEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.representation_end(
                actor=user,
                case_id=public_id,
                representation_id=representation_id,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            refusal_onto(form, error)
        else:
            messages.success(request, _("The legal representation has ended."))
            return redirect("portal:representations", public_id=public_id)
    return render(
        request, "portal/representation_end.html", {"shown": shown, "link": link, "form": form}
    )
