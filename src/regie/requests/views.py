from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.accounts.access import Action, may, permits
from regie.accounts.models import User
from regie.requests import selectors, services
from regie.requests.forms import AssignForm, DecideForm, ExtendForm, IdentityForm, RequestForm
from regie.requests.models import Status
from regie.web.forms import refusal_onto, step_attempt


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _detail(request: HttpRequest, public_id: UUID) -> selectors.Detail:
    detail = selectors.request_detail(public_id=public_id, actor=_user(request))
    if detail is None or not may(request.user, Action.REQUEST_MANAGE, detail.request):
        raise Http404
    return detail


@permits(Action.REQUEST_MANAGE)
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "requests/list.html", {"rows": selectors.request_list(actor=_user(request))}
    )


@permits(Action.REQUEST_MANAGE)
def request_new(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file_for_bsn(actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            refusal_onto(form, error)
        else:
            messages.success(
                request, _("Request %(reference)s is registered.") % {"reference": filed.reference}
            )
            return redirect("requests:detail", public_id=filed.public_id)
    return render(request, "requests/new.html", {"form": form})


@permits(Action.REQUEST_MANAGE)
def request_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    detail = _detail(request, public_id)
    return render(request, "requests/detail.html", {"detail": detail, "Status": Status})


def _step(
    request: HttpRequest,
    public_id: UUID,
    *,
    form_class: type[Form] | None,
    act: Any,
    title: str,
    button: str,
    done: str,
    explanation: str = "",
) -> HttpResponse:
    detail = _detail(request, public_id)
    form = form_class(request.POST or None) if form_class else None
    attempt = step_attempt(request, form, lambda data: act(detail.request, data), done=done)
    if attempt.succeeded:
        return redirect("requests:detail", public_id=public_id)
    return render(
        request,
        "requests/step.html",
        {
            "detail": detail,
            "cancel_url": reverse("requests:detail", kwargs={"public_id": public_id}),
            "form": form,
            "error": attempt.error,
            "title": title,
            "button": button,
            "explanation": explanation,
        },
    )


@permits(Action.REQUEST_MANAGE)
def request_identity(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=IdentityForm,
        act=lambda r, data: services.request_identity_check(request=r, actor=user, **data),
        title=_("Check the identity"),
        explanation=_("Make sure the request comes from the resident (or their representative)."),
        button=_("Record identity check"),
        done=_("The identity check is recorded."),
    )


@permits(Action.REQUEST_MANAGE)
def request_assign(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=AssignForm,
        act=lambda r, data: services.request_assign(request=r, actor=user, **data),
        title=_("Assign a handler"),
        button=_("Assign"),
        done=_("The handler is assigned."),
    )


@permits(Action.REQUEST_MANAGE)
def request_extend(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=ExtendForm,
        act=lambda r, data: services.request_extend(request=r, actor=user, **data),
        title=_("Extend the deadline"),
        explanation=_(
            "Once only, by one or two months, when the request is complex or there are many. "
            "Tell the resident why within the first month (AVG art. 12(3))."
        ),
        button=_("Extend"),
        done=_("The deadline is extended."),
    )


@permits(Action.REQUEST_MANAGE)
def request_decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=DecideForm,
        act=lambda r, data: services.request_decide(request=r, actor=user, **data),
        title=_("Decide"),
        explanation=_(
            "Write the letter to the resident: the decision, the reasons and how to object."
        ),
        button=_("Record decision"),
        done=_("The decision is recorded."),
    )


@permits(Action.REQUEST_MANAGE)
def request_close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    return _step(
        request,
        public_id,
        form_class=None,
        act=lambda r, data: services.request_close(request=r, actor=user),
        title=_("Close the request"),
        explanation=_("Close the request once the letter has been sent."),
        button=_("Yes, close"),
        done=_("The request is closed."),
    )


@permits(Action.REQUEST_MANAGE)
def request_access_overview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    detail = _detail(request, public_id)
    overview = selectors.access_overview(request=detail.request, actor=_user(request))
    return render(request, "requests/access.html", {"detail": detail, "overview": overview})
