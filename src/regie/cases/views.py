"""The case worker's pages. Thin: forms in, services and selectors do the work, and every
case is loaded inside a logged processing with the one access decision."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts.access import Action, permits
from regie.accounts.models import User
from regie.cases import selectors, services
from regie.cases.anonymise import fingerprint
from regie.cases.cover import cover_sheet_pdf
from regie.cases.forms import (
    AddressForm,
    ConsentForm,
    ConsultationForm,
    DecisionForm,
    DocumentForm,
    ExchangeForm,
    InvolvedPersonForm,
    NoteForm,
    NoticeForm,
    ObjectionForm,
    PostFileForm,
    PostIntakeForm,
    RevealRequestForm,
    StatusForm,
)
from regie.web.forms import refusal_onto


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _errors_onto(form: Form, error: ValidationError) -> None:
    """A service names consent data "data"; the form calls it "covered_data"."""
    refusal_onto(form, error, {"data": "covered_data"})


@permits(Action.CASE_VIEW)
def caseload(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/caseload.html", {"rows": selectors.caseload(user=_user(request))})


@permits(Action.CASE_VIEW)
def case_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    view = selectors.case_detail(user=_user(request), public_id=public_id)
    return render(
        request,
        "cases/case_detail.html",
        {"view": view, "status_form": StatusForm(initial={"status": view.case.status})},
    )


def _case_form(
    request: HttpRequest,
    public_id: UUID,
    form: Form,
    *,
    title: Any,
    save: Callable[[Form], object],
    done: Any,
    template: str = "cases/case_form.html",
) -> HttpResponse:
    """A form about one case: on a valid POST the service saves it and the case page follows;
    a refusal by the service lands on the field it names."""
    user = _user(request)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, str(done))
            return redirect("cases:detail", public_id=public_id)
    heading = selectors.case_heading(user=user, public_id=public_id)
    return render(request, template, {"form": form, "title": title, "heading": heading})


@permits(Action.CASE_WORK)
def note_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        NoteForm(request.POST or None),
        title=gettext_lazy("Add a note"),
        save=lambda form: services.note_add(
            actor=_user(request), case_id=public_id, text=form.cleaned_data["text"]
        ),
        done=gettext_lazy("The note is saved."),
    )


@permits(Action.CASE_WORK)
def decision_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        DecisionForm(request.POST or None),
        title=gettext_lazy("Record a decision"),
        save=lambda form: services.decision_add(
            actor=_user(request), case_id=public_id, **form.cleaned_data
        ),
        done=gettext_lazy("The decision is recorded."),
    )


@permits(Action.CASE_WORK)
def involved_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        InvolvedPersonForm(request.POST or None),
        title=gettext_lazy("Add an involved person"),
        save=lambda form: services.involved_person_add(
            actor=_user(request), case_id=public_id, **form.cleaned_data
        ),
        done=gettext_lazy("The involved person is added."),
    )


@permits(Action.CASE_WORK)
def status_set(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        StatusForm(request.POST or None),
        title=gettext_lazy("Change the status"),
        save=lambda form: services.case_status_set(
            actor=_user(request), case_id=public_id, status=form.cleaned_data["status"]
        ),
        done=gettext_lazy("The status is changed."),
    )


@permits(Action.CASE_WORK)
def address_set(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        AddressForm(request.POST or None),
        title=gettext_lazy("Record the address"),
        save=lambda form: services.case_address_set(
            actor=_user(request), case_id=public_id, **form.cleaned_data
        ),
        done=gettext_lazy("The address is saved."),
    )


@permits(Action.CASE_WORK)
def exchange_assess(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Ask the lawfulness engine whether a proposed exchange may go ahead; the answer is
    recorded with the contact and shown on the case page."""
    form = ExchangeForm(request.POST or None)

    def save(form: Form) -> None:
        assert isinstance(form, ExchangeForm)
        contact = services.exchange_assess(
            actor=_user(request),
            case_id=public_id,
            partner=form.cleaned_data["partner"],
            answers=form.answers(),
            summary=form.cleaned_data["summary"],
        )
        request.session["regie_last_contact"] = str(contact.public_id)

    return _case_form(
        request,
        public_id,
        form,
        title=gettext_lazy("Ask whether an exchange is lawful"),
        save=save,
        done=gettext_lazy("The engine's decision is recorded with the contact."),
        template="cases/exchange_form.html",
    )


@permits(Action.CASE_WORK)
def consultation(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """An anonymised summary of the case for a colleague: first shown with everything that
    was replaced, then shared."""
    user = _user(request)
    form = ConsultationForm(request.POST or None, user=user)
    draft = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "share":
            try:
                services.consultation_share(
                    actor=user,
                    case_id=public_id,
                    colleague=form.cleaned_data["colleague"],
                    question=form.cleaned_data["question"],
                    checked=request.POST.get("checked", ""),
                )
            except ValidationError as error:
                _errors_onto(form, error)
            else:
                messages.success(
                    request, _("The anonymised summary is shared with your colleague.")
                )
                return redirect("cases:detail", public_id=public_id)
        # Shown (again) before anything is shared: the text and what was replaced.
        draft = selectors.consultation_draft(
            user=user, public_id=public_id, question=form.cleaned_data["question"]
        )
    heading = selectors.case_heading(user=user, public_id=public_id)
    return render(
        request,
        "cases/consultation.html",
        {
            "form": form,
            "heading": heading,
            "draft": draft,
            "checked": fingerprint(draft) if draft else "",
        },
    )


@permits(Action.CONSULTATION_VIEW)
def consultations(request: HttpRequest) -> HttpResponse:
    rows = selectors.consultations_for(user=_user(request))
    return render(request, "cases/consultations.html", {"rows": rows})


@permits(Action.CONSULTATION_VIEW)
def consultation_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = selectors.consultation_detail(user=_user(request), public_id=public_id)
    return render(request, "cases/consultation_detail.html", {"item": item})


@permits(Action.CASE_WORK)
def reveal_request(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _case_form(
        request,
        public_id,
        RevealRequestForm(request.POST or None),
        title=gettext_lazy("Ask to see the confidential address"),
        save=lambda form: services.address_reveal_request(
            actor=_user(request), case_id=public_id, **form.cleaned_data
        ),
        done=gettext_lazy("Your request is sent to your team leader."),
        template="cases/reveal_request.html",
    )


@permits(Action.CASE_WORK)
@require_POST
def reveal_open(request: HttpRequest, public_id: UUID) -> HttpResponse:
    try:
        address = services.address_reveal_open(
            actor=_user(request),
            reveal_id=public_id,
            alerts_url=request.build_absolute_uri(reverse("cases:reveal-alerts")),
        )
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect("cases:caseload")
    return render(request, "cases/reveal_open.html", {"address": address})


@permits(Action.CASE_ADDRESS_APPROVE)
def reveals(request: HttpRequest) -> HttpResponse:
    rows = selectors.reveals_to_decide(user=_user(request))
    return render(request, "cases/reveals.html", {"rows": rows})


@permits(Action.CASE_ADDRESS_APPROVE)
@require_POST
def reveal_decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    try:
        services.address_reveal_decide(actor=_user(request), reveal_id=public_id, approve=approve)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(
            request, _("The request is approved.") if approve else _("The request is refused.")
        )
    return redirect("cases:reveals")


@permits(Action.CASE_ADDRESS_ALERTS)
def reveal_alerts(request: HttpRequest) -> HttpResponse:
    rows = selectors.reveal_alerts(user=_user(request))
    return render(request, "cases/reveal_alerts.html", {"rows": rows})


def _contact_form(
    request: HttpRequest,
    public_id: UUID,
    contact_id: UUID,
    form: Form,
    *,
    title: Any,
    save: Callable[[Form], object],
    done: Any,
    heading: "selectors.ContactHeading | None" = None,
    template: str = "cases/contact_form.html",
) -> HttpResponse:
    """A form about one contact with a care partner (consent, notice, objection)."""
    user = _user(request)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, str(done))
            return redirect("cases:detail", public_id=public_id)
    contact = heading or selectors.contact_heading(
        user=user, public_id=public_id, contact_id=contact_id
    )
    return render(
        request,
        template,
        {"form": form, "title": title, "heading": contact.case, "contact": contact},
    )


def _now_initial(*fields: str) -> dict[str, Any]:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return dict.fromkeys(fields, now)


@permits(Action.CASE_WORK)
def consent_add(request: HttpRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    initial: dict[str, Any] = {}
    contact = None
    if request.method != "POST":
        # Pre-filled from the engine's answer: whose consent, and the case's legal representative.
        contact = selectors.contact_heading(
            user=_user(request), public_id=public_id, contact_id=contact_id
        )
        now = timezone.localtime().replace(second=0, microsecond=0)
        initial = {
            "given_by": contact.decision.get("consent_from") or "resident",
            "representative": contact.representatives[0] if contact.representatives else "",
            "given_at": now,
            "valid_until": now + timedelta(days=365),
        }
    return _contact_form(
        request,
        public_id,
        contact_id,
        ConsentForm(request.POST or None, initial=initial),
        title=gettext_lazy("Record specific consent"),
        save=lambda form: services.contact_consent_record(
            actor=_user(request),
            case_id=public_id,
            contact_id=contact_id,
            **form.record_fields(),  # type: ignore[attr-defined]
        ),
        done=gettext_lazy("The consent is recorded."),
        heading=contact,
    )


@permits(Action.CASE_WORK)
def notice_add(request: HttpRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    return _contact_form(
        request,
        public_id,
        contact_id,
        NoticeForm(request.POST or None, initial=_now_initial("told_at")),
        title=gettext_lazy("Record what the resident was told"),
        save=lambda form: services.contact_notice_record(
            actor=_user(request), case_id=public_id, contact_id=contact_id, **form.cleaned_data
        ),
        done=gettext_lazy("The notice is recorded."),
    )


@permits(Action.CASE_WORK)
def objection_add(request: HttpRequest, public_id: UUID, contact_id: UUID) -> HttpResponse:
    return _contact_form(
        request,
        public_id,
        contact_id,
        ObjectionForm(request.POST or None, initial=_now_initial("raised_at")),
        title=gettext_lazy("Record an objection"),
        save=lambda form: services.contact_objection_record(
            actor=_user(request), case_id=public_id, contact_id=contact_id, **form.cleaned_data
        ),
        done=gettext_lazy("The objection is recorded."),
        template="cases/objection_form.html",
    )


@permits(Action.CASE_WORK)
def consent_withdraw(request: HttpRequest, public_id: UUID, consent_id: UUID) -> HttpResponse:
    heading = selectors.case_heading(user=_user(request), public_id=public_id)
    if request.method == "POST":
        try:
            services.case_consent_withdraw(
                actor=_user(request), case_id=public_id, consent_id=consent_id
            )
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    messages.error(request, problem)
        else:
            messages.success(request, _("The consent is withdrawn; it allows nothing from now on."))
        return redirect("cases:detail", public_id=public_id)
    return render(request, "cases/consent_withdraw.html", {"heading": heading})


@permits(Action.CASE_COUNTERSIGN)
@require_POST
def objection_countersign(
    request: HttpRequest, public_id: UUID, objection_id: UUID
) -> HttpResponse:
    try:
        services.case_objection_countersign(
            actor=_user(request), case_id=public_id, objection_id=objection_id
        )
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("Your second signature is recorded."))
    return redirect("cases:detail", public_id=public_id)


@permits(Action.CASE_WORK)
def document_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    return _case_form(
        request,
        public_id,
        form,
        title=gettext_lazy("Add a document"),
        save=lambda form: services.document_add(
            actor=_user(request),
            case_id=public_id,
            upload=form.cleaned_data["file"],
            filename=form.cleaned_data["file"].name,
            title=form.cleaned_data["title"],
        ),
        done=gettext_lazy("The document is checked, encrypted and added to the case."),
        template="cases/document_form.html",
    )


@permits(Action.CASE_VIEW)
def document_download(
    request: HttpRequest, public_id: UUID, document_id: UUID
) -> StreamingHttpResponse:
    download = selectors.document_download(
        user=_user(request), case_id=public_id, document_id=document_id
    )
    response = StreamingHttpResponse(download.chunks, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Content-Length"] = str(download.size)
    return response


# Incoming post ---------------------------------------------------------------------------


@permits(Action.POST_INTAKE)
def cover_sheet(request: HttpRequest, public_id: UUID) -> HttpResponse:
    sheet = selectors.cover_sheet(user=_user(request), public_id=public_id)
    response = HttpResponse(cover_sheet_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voorblad-{sheet.number}.pdf"'
    return response


@permits(Action.POST_INTAKE)
def post_intake(request: HttpRequest) -> HttpResponse:
    form = PostIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = services.post_batch_receive(
            actor=_user(request), scans=form.cleaned_data["scans"], language=get_language()
        )
        return redirect("cases:post-batch", batch.public_id)
    recent = selectors.post_batches_recent(user=_user(request))
    return render(request, "cases/post_intake.html", {"form": form, "recent": recent})


@permits(Action.POST_BATCH)
def post_batch(request: HttpRequest, public_id: UUID) -> HttpResponse:
    view = selectors.post_batch(user=_user(request), batch_id=public_id)
    return render(request, "cases/post_batch.html", {"view": view})


@permits(Action.POST_QUEUE)
def post_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "cases/post_queue.html", {"queue": selectors.post_queue(user=_user(request))}
    )


@permits(Action.POST_QUEUE)
def post_item(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    form = PostFileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_file(actor=user, item_id=public_id, **form.cleaned_data)
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The post is filed into the case, encrypted."))
            return redirect("cases:post-queue")
    item = selectors.post_item(user=user, item_id=public_id)
    return render(request, "cases/post_item.html", {"item": item, "form": form})


@permits(Action.POST_QUEUE)
def post_item_pdf(request: HttpRequest, public_id: UUID) -> StreamingHttpResponse:
    download = selectors.post_item_download(user=_user(request), item_id=public_id)
    response = StreamingHttpResponse(download.chunks, content_type=download.content_type)
    response["Content-Disposition"] = f'inline; filename="{download.filename}"'
    response["Content-Length"] = str(download.size)
    return response


@permits(Action.POST_QUEUE)
def post_reject(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        services.post_reject(actor=user, item_id=public_id)
        messages.success(request, _("The post is rejected and its scan deleted."))
        return redirect("cases:post-queue")
    item = selectors.post_item(user=user, item_id=public_id)
    return render(request, "cases/post_reject.html", {"item": item})


@permits(Action.POST_OPENINGS)
def post_openings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/post_openings.html",
        {"openings": selectors.post_openings(user=_user(request))},
    )
