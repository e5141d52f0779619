"""Pages of the exchange: the case worker's shares of a case, and the recipient's side behind
the link and the one-time code. Every link that does not work (unknown, expired, revoked,
locked) gets one neutral page that says nothing about the document."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regie.accounts.access import Action, permits, public
from regie.accounts.models import User
from regie.exchange import dlp, selectors, services
from regie.exchange.forms import CodeForm, ReturnForm, ShareForm
from regie.web.forms import refusal_onto

_VERIFIED = "regie_verified_shares"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _gone(request: HttpRequest) -> HttpResponse:
    return render(request, "exchange/gone.html", status=404)


@permits(Action.CASE_VIEW)
def case_shares(request: HttpRequest, public_id: UUID) -> HttpResponse:
    view = selectors.case_shares(user=_user(request), case_id=public_id)
    form = ShareForm(
        request.POST or None,
        contacts=view.contacts,
        professionals=view.professionals,
        documents=view.documents,
    )
    findings: list[services.DlpFinding] = []
    if request.method == "POST" and view.can_work and form.is_valid():
        data = form.cleaned_data
        try:
            share = services.share_create(
                actor=_user(request),
                case_id=public_id,
                contact_id=UUID(data["contact"]),
                professional_id=UUID(data["professional"]),
                document_ids=[UUID(value) for value in data["documents"]],
                days=data["days"],
                max_downloads=data["max_downloads"],
                reason=data["reason"],
            )
        except services.NeedsReason as refusal:
            findings = refusal.findings
            form.add_error("reason", refusal.message_dict["reason"])
        except ValidationError as refusal:
            refusal_onto(form, refusal)
        else:
            messages.success(
                request,
                _("The documents are shared with %(organisation)s. The link is sent by e-mail.")
                % {"organisation": share.professional.organisation},
            )
            return redirect("exchange:case", public_id=public_id)
    return render(
        request,
        "exchange/case_shares.html",
        {"view": view, "form": form, "findings": findings, "kinds": _kinds()},
    )


def _kinds() -> dict[str, str]:
    return {
        dlp.BSN_OTHER: _("BSN of another resident"),
        dlp.IBAN: _("bank account number (IBAN)"),
        dlp.NAME_OTHER: _("name of someone else the case knows"),
        dlp.SPECIAL_CATEGORY: _(
            "word pointing at special personal data (health, criminal record…)"
        ),
        services.UNREADABLE: _("the text could not be read, so it was not checked"),
    }


@permits(Action.CASE_WORK)
def share_revoke(request: HttpRequest, public_id: UUID, share_id: UUID) -> HttpResponse:
    if request.method == "POST":
        try:
            services.share_revoke(actor=_user(request), case_id=public_id, share_id=share_id)
        except ValidationError:
            return _gone(request)
        messages.success(request, _("The share is revoked: its link no longer works."))
        return redirect("exchange:case", public_id=public_id)
    view = selectors.case_shares(user=_user(request), case_id=public_id)
    row = next((row for row in view.shares if row.public_id == share_id), None)
    if row is None:
        return _gone(request)
    return render(request, "exchange/revoke.html", {"view": view, "row": row})


# The recipient ---------------------------------------------------------------------------


def _verified(request: HttpRequest, token: str) -> bool:
    return services.token_digest(token) in request.session.get(_VERIFIED, [])


def _still_usable(token: str) -> bool:
    try:
        services.usable_share(token)
    except services.ShareGone:
        return False
    return True


@public
def share_open(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link: ask for a code, then type it in."""
    try:
        services.usable_share(token)
        if _verified(request, token):
            return redirect("exchange:documents", token=token)
        form = CodeForm(request.POST or None)
        sent = False
        if request.method == "POST" and "send" in request.POST:
            services.code_send(token=token)
            sent = True
            form = CodeForm()
        elif request.method == "POST" and form.is_valid():
            if services.code_verify(token=token, code=form.cleaned_data["code"]):
                request.session.cycle_key()
                request.session[_VERIFIED] = [
                    *request.session.get(_VERIFIED, []),
                    services.token_digest(token),
                ]
                return redirect("exchange:documents", token=token)
            services.usable_share(token)  # locked by this attempt: the neutral page
            form.add_error("code", _("This code is not right, or no longer valid."))
    except services.ShareGone:
        return _gone(request)
    return render(request, "exchange/open.html", {"form": form, "sent": sent})


@public
def share_documents(request: HttpRequest, token: str) -> HttpResponse:
    if not _still_usable(token):
        return _gone(request)
    if not _verified(request, token):
        return redirect("exchange:open", token=token)
    form = ReturnForm(request.POST or None, request.FILES or None)
    try:
        if request.method == "POST" and form.is_valid():
            try:
                services.share_upload(
                    token=token,
                    upload=form.cleaned_data["file"],
                    filename=form.cleaned_data["file"].name,
                    title=form.cleaned_data["title"],
                )
            except ValidationError as refusal:
                refusal_onto(form, refusal)
            else:
                messages.success(request, _("Your document is received. Thank you."))
                return redirect("exchange:documents", token=token)
        view = services.share_open(token=token)
    except services.ShareGone:
        return _gone(request)
    return render(request, "exchange/documents.html", {"view": view, "form": form, "token": token})


@public
def share_download(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    if not _still_usable(token):
        return _gone(request)
    if not _verified(request, token):
        return redirect("exchange:open", token=token)
    try:
        download = services.share_download(token=token, item_id=item_id)
    except services.ShareGone:
        return _gone(request)
    except services.DownloadsUsed:
        messages.error(request, _("You have downloaded this document as often as allowed."))
        return redirect("exchange:documents", token=token)
    response = StreamingHttpResponse(download.chunks, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Content-Length"] = str(download.size)
    return response  # type: ignore[return-value]
