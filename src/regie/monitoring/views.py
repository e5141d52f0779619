from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.accounts.access import Action, get_for, permits
from regie.accounts.models import User
from regie.monitoring import charts, explain, selectors, services
from regie.monitoring.escalation import breach_facts, group_escalate
from regie.monitoring.forms import (
    DecisionForm,
    HandleForm,
    InsiderSettingsForm,
    SourceForm,
    UploadForm,
)
from regie.monitoring.models import (
    AlertGroup,
    Delivery,
    InsiderAlert,
    InsiderStatus,
    Severity,
    SignalSource,
    TriageStatus,
)
from regie.monitoring.sources import FileRefused
from regie.web.forms import refusal_onto

# What the mail-gateway parser (a module without Django) says, in the user's language.
_REFUSALS = {
    "this column is missing": gettext_lazy("this column is missing"),
    "expected a month as YYYY-MM": gettext_lazy("expected a month as YYYY-MM"),
    "expected a whole number of zero or more": gettext_lazy(
        "expected a whole number of zero or more"
    ),
    "more than the number received": gettext_lazy("more than the number received"),
    "this month appears twice": gettext_lazy("this month appears twice"),
    "not UTF-8 text": gettext_lazy("not UTF-8 text"),
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@permits(Action.SIGNALS_TRIAGE)
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", TriageStatus.NEW)
    if status not in TriageStatus.values:
        status = TriageStatus.NEW
    return render(
        request,
        "monitoring/queue.html",
        {
            "groups": selectors.alert_queue(status=status)[:200],
            "status": status,
            "statuses": TriageStatus.choices,
            "counts": selectors.queue_counts(),
        },
    )


@permits(Action.SIGNALS_TRIAGE)
def group_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    group = get_for(request, Action.SIGNALS_TRIAGE, AlertGroup, public_id=public_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.triage_decide(
                group=group,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                decided_by=_user(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("monitoring:group", public_id=group.public_id)
    summary = selectors.alert_queue().filter(pk=group.pk).first()
    return render(
        request,
        "monitoring/group.html",
        {
            "group": group,
            "summary": summary,
            "alerts": selectors.group_alerts(group),
            "decisions": group.decisions.select_related("decided_by"),
            "form": form,
            "breach_facts": breach_facts(group) if group.status == TriageStatus.INCIDENT else None,
        },
    )


@permits(Action.SIGNALS_TRIAGE)
def group_escalate_view(request: HttpRequest, public_id: UUID) -> HttpResponse:
    group = get_for(request, Action.SIGNALS_TRIAGE, AlertGroup, public_id=public_id)
    if request.method != "POST":
        return redirect("monitoring:group", public_id=group.public_id)
    try:
        breach = group_escalate(group=group, escalated_by=_user(request))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _(
                "The incident is in the breach register as %(reference)s; the privacy officer "
                "takes it from there."
            )
            % {"reference": breach.reference},
        )
    return redirect("monitoring:group", public_id=group.public_id)


@permits(Action.SIGNALS_TRIAGE)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    delivery: Delivery | None = None
    if request.method == "POST" and form.is_valid():
        try:
            delivery = services.signals_ingest(
                source=form.cleaned_data["source"],
                stream=form.cleaned_data["file"],
                received_by=_user(request),
            )
        except FileRefused as refused:
            form.add_error(
                "file",
                _("The file was refused as a whole: line %(line)d, column %(field)s: %(message)s")
                % {
                    "line": refused.line,
                    "field": refused.field,
                    "message": _REFUSALS.get(refused.message, refused.message),
                },
            )
    return render(
        request,
        "monitoring/upload.html",
        {"form": form, "delivery": delivery, "deliveries": selectors.recent_deliveries()},
    )


@permits(Action.SIGNALS_TRIAGE)
def sources(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None)
    created_secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _source, created_secret = services.signal_source_create(
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                created_by=_user(request),
            )
        except ValidationError as exc:
            refusal_onto(form, exc)
        else:
            form = SourceForm()
    return render(
        request,
        "monitoring/sources.html",
        {"form": form, "sources": selectors.signal_sources(), "created_secret": created_secret},
    )


@permits(Action.SIGNALS_TRIAGE)
def source_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    source = get_for(request, Action.SIGNALS_TRIAGE, SignalSource, public_id=public_id)
    if request.method == "POST":
        services.signal_source_revoke(source=source)
        messages.success(request, _("The token of %(name)s is revoked.") % {"name": source.name})
        return redirect("monitoring:sources")
    return render(request, "monitoring/source_revoke.html", {"source": source})


def _months_back(end: date, count: int) -> date:
    month = end.year * 12 + end.month - 1 - (count - 1)
    return date(month // 12, month % 12 + 1, 1)


@permits(Action.SIGNALS_TRIAGE)
def figures(request: HttpRequest) -> HttpResponse:
    end = timezone.localdate()
    try:
        end = date.fromisoformat(request.GET.get("tot", "") + "-01")
    except ValueError:
        pass
    months = selectors.monthly_figures(start=_months_back(end, 12), end=end)
    labels = [month.period.strftime("%m-%Y") for month in months]
    mail_chart = charts.bar_chart(
        "chart-mail",
        _("Mail received per month"),
        labels,
        [charts.Series(_("Received"), [month.received for month in months])],
    )
    rate_chart = charts.line_chart(
        "chart-rates",
        _("Spam and virus as a percentage of mail received"),
        labels,
        [
            charts.Series(_("Spam %"), [month.spam_rate for month in months]),
            charts.Series(_("Virus %"), [month.virus_rate for month in months]),
        ],
        decimals=2,
    )
    alert_chart = charts.bar_chart(
        "chart-alerts",
        _("Intrusion alerts per month by severity"),
        labels,
        [
            charts.Series(str(label), [month.alerts[value] for month in months])
            for value, label in Severity.choices
        ],
    )
    return render(
        request,
        "monitoring/figures.html",
        {
            "months": months,
            "severities": Severity.choices,
            "mail_chart": mail_chart,
            "rate_chart": rate_chart,
            "alert_chart": alert_chart,
        },
    )


@permits(Action.INSIDER_ALERTS)
def insider_alerts(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", InsiderStatus.OPEN)
    if status not in InsiderStatus.values:
        status = InsiderStatus.OPEN
    alerts = [
        (alert, explain.rule_name(alert.rule))
        for alert in selectors.insider_alerts(status=status)[:200]
    ]
    return render(
        request,
        "monitoring/insider_alerts.html",
        {"alerts": alerts, "status": status, "statuses": InsiderStatus.choices},
    )


@permits(Action.INSIDER_ALERTS)
def insider_alert(request: HttpRequest, public_id: UUID) -> HttpResponse:
    alert = get_for(request, Action.INSIDER_ALERTS, InsiderAlert, public_id=public_id)
    form = HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.insider_alert_handle(
                alert=alert,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                handled_by=_user(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your conclusion is recorded."))
            return redirect("monitoring:insider-alert", public_id=alert.public_id)
    records = selectors.insider_alert_read(user=_user(request), alert=alert)
    return render(
        request,
        "monitoring/insider_alert.html",
        {
            "alert": alert,
            "rule_name": explain.rule_name(alert.rule),
            "explanation": explain.explanation(alert),
            "records": records,
            "form": form,
        },
    )


@permits(Action.INSIDER_ALERTS)
def insider_settings(request: HttpRequest) -> HttpResponse:
    current = services.insider_settings()
    form = InsiderSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.insider_settings_update(changed_by=_user(request), **form.cleaned_data)
        messages.success(request, _("The thresholds are saved."))
        return redirect("monitoring:insider-settings")
    return render(request, "monitoring/insider_settings.html", {"form": form})
