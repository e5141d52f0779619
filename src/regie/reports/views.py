from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.accounts.access import Action, get_for, may, permits, public
from regie.accounts.models import User
from regie.reports import pdf, presentation, selectors, services
from regie.reports.forms import DraftForm
from regie.reports.models import Report, ReportFrozen


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _logs_refusal[V: Callable[..., HttpResponse]](view: V) -> V:
    """Outside `permits`: a refused (or unknown) report answers 404 like any other, and the
    refusal is recorded with the id that was asked for."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            user = request.user if isinstance(request.user, User) else None
            services.report_access_refused(requested_id=str(kwargs.get("public_id", "")), by=user)
            raise

    return wrapped  # type: ignore[return-value]


def _reader(user: User) -> str:
    return user.get_full_name() or user.username


def _pdf_response(document: bytes, name: str) -> HttpResponse:
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@_logs_refusal
@permits(Action.REPORTS_READ)
def report_list(request: HttpRequest) -> HttpResponse:
    manager = may(request.user, Action.REPORTS_MANAGE)
    return render(
        request,
        "reports/list.html",
        {"reports": selectors.reports_for(manager=manager), "can_manage": manager},
    )


@permits(Action.REPORTS_MANAGE)
def report_new(request: HttpRequest) -> HttpResponse:
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_draft(
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                half=form.cleaned_data["half"],
                by=_user(request),
            )
        except services.ReportRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, _("The report is drafted with the figures of today."))
            return redirect("reports:detail", public_id=report.public_id)
    return render(request, "reports/new.html", {"form": form})


@_logs_refusal
@permits(Action.REPORTS_READ)
def report_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = get_for(request, Action.REPORTS_READ, Report, public_id=public_id)
    services.report_viewed(report=report, by=_user(request))
    manager = may(request.user, Action.REPORTS_MANAGE, report)
    return render(
        request,
        "reports/report.html",
        {
            **presentation.context(report),
            "can_manage": manager,
            "events": selectors.events(report)[:50] if manager else [],
        },
    )


@_logs_refusal
@permits(Action.REPORTS_READ)
def report_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = get_for(request, Action.REPORTS_READ, Report, public_id=public_id)
    user = _user(request)
    if report.is_frozen and not report.is_confidential and report.pdf is not None:
        document = report.pdf_bytes()
    else:
        document = pdf.render(report, reader=_reader(user), at=timezone.now())
    services.report_downloaded(report=report, by=user, document=document)
    return _pdf_response(document, f"{report.kind}-{report.period_start:%Y-%m}")


def _change(request: HttpRequest, public_id: UUID, change: Callable[..., Report]) -> HttpResponse:
    report = get_for(request, Action.REPORTS_MANAGE, Report, public_id=public_id)
    try:
        change(report=report, by=_user(request))
    except services.ReportRefused as refused:
        messages.error(request, refused.message)
    except ReportFrozen:
        messages.error(request, _("A frozen report never changes."))
    else:
        messages.success(request, _("The report is %(status)s.") % {"status": _status(report)})
    return redirect("reports:detail", public_id=report.public_id)


def _status(report: Report) -> str:
    return str(Report.objects.get(pk=report.pk).get_status_display())


@permits(Action.REPORTS_MANAGE)
@require_POST
def report_refresh(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _change(request, public_id, services.report_refresh)


@permits(Action.REPORTS_MANAGE)
@require_POST
def report_review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _change(request, public_id, services.report_review)


@permits(Action.REPORTS_MANAGE)
def report_freeze(request: HttpRequest, public_id: UUID) -> HttpResponse:
    if request.method == "POST":
        return _change(request, public_id, services.report_freeze)
    report = get_for(request, Action.REPORTS_MANAGE, Report, public_id=public_id)
    return render(request, "reports/freeze.html", {"report": report})


# The public site: frozen annual reports only.


@public
def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/public_list.html", {"reports": selectors.published()})


def _published(year: int) -> Report:
    report = selectors.published_for(year)
    if report is None:
        raise Http404
    return report


def _visitor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@public
def public_report(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    services.report_viewed(report=report, by=_visitor(request))
    return render(request, "reports/public.html", presentation.context(report))


@public
def public_pdf(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    document = report.pdf_bytes()
    services.report_downloaded(report=report, by=_visitor(request), document=document)
    return _pdf_response(document, f"jaarverslag-{year}")
