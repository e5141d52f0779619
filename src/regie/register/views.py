from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.accounts.access import Action, get_for, may, permits, public
from regie.accounts.models import User
from regie.register import exports, selectors, services
from regie.register.forms import (
    AgreementForm,
    ImportForm,
    NewActivityForm,
    ProcessorForm,
    ReviseActivityForm,
    StepForm,
    WorkProcessForm,
)
from regie.register.models import (
    ProcessingActivity,
    ProcessingActivityVersion,
    Processor,
    ProcessorAgreement,
    WorkProcess,
    WorkProcessStep,
)
from regie.register.services import ACTIVITY_FIELDS
from regie.web.forms import refusal_onto


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _errors_onto(form: BaseForm, error: ValidationError) -> None:
    refusal_onto(form, error)


def _page(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    """A register page; those who maintain the register also see the buttons to change it."""
    context["can_manage"] = may(request.user, Action.REGISTER_MANAGE)
    return render(request, template, context)


def _form(
    request: HttpRequest,
    form: BaseForm,
    *,
    heading: str,
    submit: str,
    cancel_url: str,
    template: str = "register/form.html",
    **extra: object,
) -> HttpResponse:
    context = {"form": form, "heading": heading, "submit": submit, "cancel_url": cancel_url}
    return render(request, template, {**context, **extra})


# Activities


@permits(Action.REGISTER_READ)
def activity_list(request: HttpRequest) -> HttpResponse:
    return _page(request, "register/activities.html", {"versions": selectors.versions_in_force()})


@permits(Action.REGISTER_MANAGE)
def activity_new(request: HttpRequest) -> HttpResponse:
    form = NewActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                slug=form.cleaned_data["slug"], content=form.cleaned_data, by=_user(request)
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The activity is in the register."))
            return redirect("register:activity", public_id=activity.public_id)
    return _form(
        request,
        form,
        heading=_("New processing activity"),
        submit=_("Add to the register"),
        cancel_url=reverse("register:activities"),
    )


@permits(Action.REGISTER_READ)
def activity_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    activity = get_for(request, Action.REGISTER_READ, ProcessingActivity, public_id=public_id)
    versions = list(selectors.activity_versions(activity))
    return _page(
        request,
        "register/activity.html",
        {"activity": activity, "version": versions[0], "versions": versions, "in_force": True},
    )


@permits(Action.REGISTER_READ)
def activity_version(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    activity = get_for(request, Action.REGISTER_READ, ProcessingActivity, public_id=public_id)
    versions = list(selectors.activity_versions(activity))
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    return _page(
        request,
        "register/activity.html",
        {
            "activity": activity,
            "version": version,
            "versions": versions,
            "in_force": version.number == versions[0].number,
        },
    )


@permits(Action.REGISTER_MANAGE)
def activity_revise(request: HttpRequest, public_id: UUID) -> HttpResponse:
    activity = get_for(request, Action.REGISTER_MANAGE, ProcessingActivity, public_id=public_id)
    current = activity.current_version()
    initial = {name: getattr(current, name) for name in ACTIVITY_FIELDS}
    initial["lawful_ground"] = current.ground
    form = ReviseActivityForm(
        request.POST or None, initial=initial, instance=ProcessingActivityVersion()
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.activity_revise(
                activity=activity,
                content=form.cleaned_data,
                change_note=form.cleaned_data["change_note"],
                by=_user(request),
            )
        except services.NothingChanged:
            form.add_error(None, _("Nothing changed; the version in force stays."))
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request, _("Version %(number)d is in force now.") % {"number": version.number}
            )
            return redirect("register:activity", public_id=activity.public_id)
    return _form(
        request,
        form,
        heading=_("Change %(name)s") % {"name": current.name},
        submit=_("Save as version %(number)d") % {"number": current.number + 1},
        cancel_url=reverse("register:activity", kwargs={"public_id": activity.public_id}),
    )


# Exports and import


def _download(content: str | bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"register-verwerkingen-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permits(Action.REGISTER_READ)
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(exports.register_csv(), "text/csv; charset=utf-8", "csv")


@permits(Action.REGISTER_READ)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(
        exports.register_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@permits(Action.REGISTER_READ)
def export_pdf(request: HttpRequest) -> HttpResponse:
    return _download(exports.register_pdf(), "application/pdf", "pdf")


@permits(Action.REGISTER_MANAGE)
def register_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[services.ImportProblem] = []
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                result = services.register_import(text=text, by=_user(request))
            except services.ImportRefused as refused:
                problems = refused.problems
                form.add_error("file", _("The file has problems; nothing was imported."))
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d new, %(revised)d revised, %(unchanged)d unchanged.")
                    % {
                        "created": len(result.created),
                        "revised": len(result.revised),
                        "unchanged": len(result.unchanged),
                    },
                )
                return redirect("register:activities")
    return _form(
        request,
        form,
        heading=_("Import activities from CSV"),
        submit=_("Import"),
        cancel_url=reverse("register:activities"),
        template="register/import.html",
        multipart=True,
        problems=problems,
    )


# Work processes


@permits(Action.REGISTER_READ)
def process_list(request: HttpRequest) -> HttpResponse:
    return _page(request, "register/processes.html", {"processes": selectors.work_processes()})


@permits(Action.REGISTER_MANAGE)
def process_new(request: HttpRequest) -> HttpResponse:
    form = WorkProcessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        process = services.work_process_create(
            name=form.cleaned_data["name"], description=form.cleaned_data["description"]
        )
        return redirect("register:process", public_id=process.public_id)
    return _form(
        request,
        form,
        heading=_("New work process"),
        submit=_("Save"),
        cancel_url=reverse("register:processes"),
    )


@permits(Action.REGISTER_MANAGE)
def process_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    process = get_for(request, Action.REGISTER_MANAGE, WorkProcess, public_id=public_id)
    form = WorkProcessForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        services.work_process_update(
            process=process,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
        )
        return redirect("register:process", public_id=process.public_id)
    return _form(
        request,
        form,
        heading=_("Change %(name)s") % {"name": process.name},
        submit=_("Save"),
        cancel_url=reverse("register:process", kwargs={"public_id": process.public_id}),
    )


@permits(Action.REGISTER_READ)
def process_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    process = get_for(request, Action.REGISTER_READ, WorkProcess, public_id=public_id)
    steps = selectors.process_steps(process)
    return _page(
        request,
        "register/process.html",
        {"process": process, "steps": steps, "gaps": sum(view.is_gap for view in steps)},
    )


@permits(Action.REGISTER_MANAGE)
def step_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    process = get_for(request, Action.REGISTER_MANAGE, WorkProcess, public_id=public_id)
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.step_add(process=process, **form.cleaned_data)
        return redirect("register:process", public_id=process.public_id)
    return _form(
        request,
        form,
        heading=_("Add a step to %(name)s") % {"name": process.name},
        submit=_("Add step"),
        cancel_url=reverse("register:process", kwargs={"public_id": process.public_id}),
    )


@permits(Action.REGISTER_MANAGE)
def step_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    step = get_for(request, Action.REGISTER_MANAGE, WorkProcessStep, public_id=public_id)
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        services.step_update(step=step, **form.cleaned_data)
        return redirect("register:process", public_id=step.process.public_id)
    return _form(
        request,
        form,
        heading=_("Change step %(number)d") % {"number": step.position},
        submit=_("Save"),
        cancel_url=reverse("register:process", kwargs={"public_id": step.process.public_id}),
    )


@permits(Action.REGISTER_MANAGE)
def step_remove(request: HttpRequest, public_id: UUID) -> HttpResponse:
    step = get_for(request, Action.REGISTER_MANAGE, WorkProcessStep, public_id=public_id)
    process = step.process
    if request.method == "POST":
        services.step_remove(step=step)
        messages.success(request, _("The step is removed."))
        return redirect("register:process", public_id=process.public_id)
    return render(request, "register/step_remove.html", {"step": step, "process": process})


# Processors and agreements


@permits(Action.REGISTER_READ)
def processor_list(request: HttpRequest) -> HttpResponse:
    items = [(p, selectors.processor_may_receive(p)) for p in selectors.processors()]
    return _page(request, "register/processors.html", {"items": items})


@permits(Action.REGISTER_MANAGE)
def processor_new(request: HttpRequest) -> HttpResponse:
    form = ProcessorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        processor = services.processor_create(**form.cleaned_data)
        return redirect("register:processor", public_id=processor.public_id)
    return _form(
        request,
        form,
        heading=_("New processor"),
        submit=_("Save"),
        cancel_url=reverse("register:processors"),
    )


@permits(Action.REGISTER_MANAGE)
def processor_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    processor = get_for(request, Action.REGISTER_MANAGE, Processor, public_id=public_id)
    form = ProcessorForm(request.POST or None, instance=processor)
    if request.method == "POST" and form.is_valid():
        services.processor_update(processor=processor, **form.cleaned_data)
        return redirect("register:processor", public_id=processor.public_id)
    return _form(
        request,
        form,
        heading=_("Change %(name)s") % {"name": processor.name},
        submit=_("Save"),
        cancel_url=reverse("register:processor", kwargs={"public_id": processor.public_id}),
    )


@permits(Action.REGISTER_READ)
def processor_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    processor = get_for(request, Action.REGISTER_READ, Processor, public_id=public_id)
    return _page(
        request,
        "register/processor.html",
        {
            "processor": processor,
            "agreements": processor.agreements.all(),
            "may_receive": selectors.processor_may_receive(processor),
        },
    )


def _agreement_form(
    request: HttpRequest, processor: Processor, agreement: ProcessorAgreement | None
) -> HttpResponse:
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(processor=processor, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("register:processor", public_id=processor.public_id)
    heading = (_("Agreement with %(name)s") if agreement else _("New agreement with %(name)s")) % {
        "name": processor.name
    }
    return _form(
        request,
        form,
        heading=heading,
        submit=_("Save"),
        cancel_url=reverse("register:processor", kwargs={"public_id": processor.public_id}),
    )


@permits(Action.REGISTER_MANAGE)
def agreement_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    processor = get_for(request, Action.REGISTER_MANAGE, Processor, public_id=public_id)
    return _agreement_form(request, processor, None)


@permits(Action.REGISTER_MANAGE)
def agreement_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    agreement = get_for(request, Action.REGISTER_MANAGE, ProcessorAgreement, public_id=public_id)
    return _agreement_form(request, agreement.processor, agreement)


# The privacy officer's dashboard and the public page


@permits(Action.REGISTER_MANAGE)
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    attention = selectors.agreements_needing_attention(today=today)
    gaps = [
        (process, [view for view in selectors.process_steps(process) if view.is_gap])
        for process in selectors.work_processes()
    ]
    return render(
        request,
        "register/dashboard.html",
        {
            "attention": [(item, (item.deadline - today).days) for item in attention],
            "gaps": [(process, views) for process, views in gaps if views],
            "versions": selectors.versions_in_force(),
        },
    )


@public
def public_page(request: HttpRequest) -> HttpResponse:
    return render(request, "register/public.html", {"versions": selectors.versions_in_force()})
