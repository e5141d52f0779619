from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from regie.accounts.access import Action, may, permits
from regie.accounts.models import User
from regie.breaches import selectors, services
from regie.breaches.documents import authority_form, resident_letter
from regie.breaches.forms import BreachForm, FollowUpForm, InformedForm, ReportForm
from regie.breaches.models import Breach, Category, ReportKind, Status
from regie.web.forms import refusal_onto, step_attempt


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _breach(request: HttpRequest, action: Action, public_id: UUID) -> Breach:
    breach = selectors.breach_detail(public_id)
    if breach is None or not may(request.user, action, breach):
        raise Http404
    return breach


@permits(Action.BREACH_READ)
def breach_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    on_the_clock = [
        (breach, selectors.countdown(breach, now)) for breach in selectors.breaches_on_the_clock()
    ]
    return render(
        request,
        "breaches/list.html",
        {
            "on_the_clock": on_the_clock,
            "breaches": selectors.breach_list(),
            "may_manage": may(request.user, Action.BREACH_MANAGE),
        },
    )


def _facts(form: BreachForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["activities"] = list(data["activities"])
    if data["availability_loss_hours"] is None:
        data["availability_loss_hours"] = 0
    return data


@permits(Action.BREACH_MANAGE)
def breach_new(request: HttpRequest) -> HttpResponse:
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_register(registered_by=_user(request), **_facts(form))
        except ValidationError as error:
            refusal_onto(form, error)
        else:
            messages.success(
                request, _("Breach %(reference)s is registered.") % {"reference": breach.reference}
            )
            return redirect("breaches:detail", public_id=breach.public_id)
    return render(request, "breaches/form.html", {"form": form, "breach": None})


@permits(Action.BREACH_MANAGE)
def breach_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    breach = _breach(request, Action.BREACH_MANAGE, public_id)
    if breach.status == Status.CLOSED:
        raise Http404
    initial = {name: getattr(breach, name) for name in services.FACT_FIELDS}
    initial["activities"] = list(breach.activities.all())
    form = BreachForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.breach_update(breach=breach, updated_by=_user(request), **_facts(form))
        except ValidationError as error:
            refusal_onto(form, error)
        else:
            messages.success(request, _("The breach is updated and assessed again."))
            return redirect("breaches:detail", public_id=breach.public_id)
    return render(request, "breaches/form.html", {"form": form, "breach": breach})


@permits(Action.BREACH_READ)
def breach_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    breach = _breach(request, Action.BREACH_READ, public_id)
    categories = dict(Category.choices)
    return render(
        request,
        "breaches/detail.html",
        {
            "breach": breach,
            "countdown": selectors.countdown(breach),
            "reasons": [
                {
                    "rule": reason["rule"],
                    "text": _(reason["text"]),
                    "source": "; ".join(_(source) for source in reason["sources"]),
                }
                for reason in breach.reasons
            ],
            "categories": [categories[c] for c in breach.data_categories],
            "activities": [activity.current_version() for activity in breach.activities.all()],
            "reports": breach.reports.all(),
            "may_manage": may(request.user, Action.BREACH_MANAGE, breach),
            "Status": Status,
        },
    )


def _step(
    request: HttpRequest,
    public_id: UUID,
    *,
    form_class: type[Form] | None,
    act: Any,
    title: str,
    explanation: str,
    button: str,
    done: str,
) -> HttpResponse:
    """A step in the breach's life: a confirmation page (with a form where the step needs
    one); the service refuses a step that does not fit the breach's status."""
    breach = _breach(request, Action.BREACH_MANAGE, public_id)
    form = form_class(request.POST or None) if form_class else None
    attempt = step_attempt(request, form, lambda data: act(breach, data), done=done)
    if attempt.succeeded:
        return redirect("breaches:detail", public_id=breach.public_id)
    return render(
        request,
        "breaches/step.html",
        {
            "breach": breach,
            "cancel_url": reverse("breaches:detail", kwargs={"public_id": breach.public_id}),
            "form": form,
            "error": attempt.error,
            "title": title,
            "explanation": explanation,
            "button": button,
        },
    )


@permits(Action.BREACH_MANAGE)
def breach_assess(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=None,
        act=lambda breach, data: services.breach_assess(breach=breach, assessed_by=user),
        title=_("Confirm the assessment"),
        explanation=_(
            "You confirm the risk and the notification duties as Regie assessed them. If a "
            "fact is wrong, change the breach first: it is assessed again."
        ),
        button=_("Confirm assessment"),
        done=_("The assessment is confirmed."),
    )


@permits(Action.BREACH_MANAGE)
def breach_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=ReportForm,
        act=lambda breach, data: services.breach_report(breach=breach, reported_by=user, **data),
        title=_("Record the report to the AP"),
        explanation=_(
            "Report the breach through the AP's meldloket with the content of the form Regie "
            "drafted, then record here when you sent it and the reference the AP gave."
        ),
        button=_("Record report"),
        done=_("The report to the AP is recorded."),
    )


@permits(Action.BREACH_MANAGE)
def breach_follow_up(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=FollowUpForm,
        act=lambda breach, data: services.breach_report_follow_up(
            breach=breach, made_by=user, **{**data, "kind": ReportKind(data["kind"])}
        ),
        title=_("Follow-up report or withdrawal"),
        explanation=_(
            "Send the AP new facts about a reported breach, or withdraw the report when it "
            "turned out not to be a breach."
        ),
        button=pgettext("button", "Record"),
        done=_("Recorded."),
    )


@permits(Action.BREACH_MANAGE)
def breach_informed(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=InformedForm,
        act=lambda breach, data: services.breach_residents_informed(
            breach=breach, recorded_by=user, **data
        ),
        title=_("The people concerned are informed"),
        explanation=_("Record when the letter to the people concerned was sent."),
        button=pgettext("button", "Record"),
        done=_("Recorded that the people concerned are informed."),
    )


@permits(Action.BREACH_MANAGE)
def breach_close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=None,
        act=lambda breach, data: services.breach_close(breach=breach, closed_by=user),
        title=_("Close the breach"),
        explanation=_(
            "Close the breach when everything is done. It stays in the register, as the AVG "
            "requires, and can no longer be changed."
        ),
        button=_("Yes, close"),
        done=_("The breach is closed."),
    )


@permits(Action.BREACH_READ)
def breach_authority_form(request: HttpRequest, public_id: UUID) -> HttpResponse:
    breach = _breach(request, Action.BREACH_READ, public_id)
    return render(
        request,
        "breaches/authority_form.html",
        {"breach": breach, "sections": authority_form(breach)},
    )


@permits(Action.BREACH_READ)
def breach_letter(request: HttpRequest, public_id: UUID) -> HttpResponse:
    breach = _breach(request, Action.BREACH_READ, public_id)
    return render(
        request,
        "breaches/letter.html",
        {"breach": breach, "paragraphs": resident_letter(breach)},
    )
