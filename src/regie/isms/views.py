from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from regie.accounts.access import Action, get_for, may, permits
from regie.accounts.models import User
from regie.isms import exports, forms, selectors, services
from regie.isms.chart import gap_chart
from regie.isms.importing import explain
from regie.isms.library import LibraryError
from regie.isms.models import (
    Assessment,
    AssessmentResult,
    Campaign,
    EvidenceFile,
    Framework,
    Measure,
    Policy,
    RequirementNode,
    Risk,
)
from regie.web.forms import refusal_onto


def _form_page(
    request: HttpRequest, form: BaseForm, *, title: str, submit: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "back": back, **extra}
    return render(request, "isms/form.html", context)


def _saved(form: BaseForm, write: Callable[[], Model | int | None]) -> bool:
    """Run the service; its ValidationError lands on the form's fields."""
    try:
        write()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@permits(Action.ISMS_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "isms/home.html",
        {
            "frameworks": selectors.frameworks(),
            "assessments": selectors.assessments(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


@permits(Action.ISMS_MANAGE)
def framework_import(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.framework_import(text=form.cleaned_data["library"].read())
        except LibraryError as error:
            form.add_error("library", explain(error))
        else:
            messages.success(
                request,
                _("%(name)s imported: %(nodes)d requirements, %(assessable)d assessable.")
                % {
                    "name": summary.framework.display_name,
                    "nodes": summary.nodes,
                    "assessable": summary.assessable,
                },
            )
            return redirect("isms:framework", public_id=summary.framework.public_id)
    return _form_page(
        request,
        form,
        title=_("Import a framework"),
        submit=_("Import"),
        back="isms:home",
        multipart=True,
    )


@permits(Action.ISMS_VIEW)
def framework_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    framework = get_for(request, Action.ISMS_VIEW, Framework, public_id=public_id)
    return render(
        request,
        "isms/framework.html",
        {
            "framework": framework,
            "nodes": framework.nodes.all(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


@permits(Action.ISMS_MANAGE)
def assessment_new(request: HttpRequest) -> HttpResponse:
    initial: dict[str, object] = {"assessed_on": timezone.localdate()}
    try:
        initial["framework"] = Framework.objects.get(public_id=UUID(request.GET["framework"]))
    except (KeyError, ValueError, Framework.DoesNotExist):
        pass
    form = forms.AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        assessment = services.assessment_create(created_by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        return redirect("isms:assessment", public_id=assessment.public_id)
    return _form_page(
        request, form, title=_("New assessment"), submit=_("Start assessment"), back="isms:home"
    )


@permits(Action.ISMS_VIEW)
def assessment_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    assessment = get_for(request, Action.ISMS_VIEW, Assessment, public_id=public_id)
    found = selectors.gap_picture(assessment)
    return render(
        request,
        "isms/assessment.html",
        {
            "assessment": assessment,
            "picture": found,
            "chart": gap_chart(found.parts),
            "results": selectors.results(assessment).annotate(
                evidence_count=Count("evidence_files")
            ),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _result(
    request: HttpRequest, action: Action, public_id: UUID, node_id: UUID
) -> AssessmentResult:
    assessment = get_for(request, action, Assessment, public_id=public_id)
    node = get_for(request, action, RequirementNode, public_id=node_id)
    result = (
        AssessmentResult.objects.filter(assessment=assessment, node=node)
        .select_related("assessment", "node")
        .first()
    )
    if result is None:
        raise Http404
    return result


def _result_page(
    request: HttpRequest, result: AssessmentResult, form: BaseForm | None
) -> HttpResponse:
    return render(
        request,
        "isms/result.html",
        {
            "form": form,
            "result": result,
            "assessment": result.assessment,
            "node": result.node,
            "evidence_files": selectors.evidence_files(result),
            "trail": selectors.evidence_trail(result),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


@permits(Action.ISMS_VIEW)
def assessment_result(request: HttpRequest, public_id: UUID, node_id: UUID) -> HttpResponse:
    """The result of one requirement with its evidence: the CISO edits it, the privacy
    officer reads it."""
    result = _result(request, Action.ISMS_VIEW, public_id, node_id)
    if not may(request.user, Action.ISMS_MANAGE):
        if request.method == "POST":
            raise Http404
        return _result_page(request, result, None)
    form = forms.ResultForm(
        request.POST or None,
        framework=result.assessment.framework,
        initial={
            "result": result.result,
            "maturity": result.maturity,
            "notes": result.notes,
            "evidence": result.evidence,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            form,
            lambda: services.assessment_result_record(
                result=result,
                outcome=data["result"],
                maturity=data["maturity"],
                notes=data["notes"],
                evidence=data["evidence"],
            ),
        ):
            messages.success(
                request, _("The result for %(node)s is saved.") % {"node": result.node}
            )
            return redirect("isms:assessment", public_id=result.assessment.public_id)
    return _result_page(request, result, form)


@permits(Action.ISMS_MANAGE)
def evidence_add(request: HttpRequest, public_id: UUID, node_id: UUID) -> HttpResponse:
    result = _result(request, Action.ISMS_MANAGE, public_id, node_id)
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence = services.evidence_add(
                result=result,
                upload=upload,
                filename=upload.name or "",
                description=form.cleaned_data["description"],
                actor=_user(request),
            )
        except ValidationError as refusal:
            refusal_onto(form, refusal)
        else:
            messages.success(request, _("%(name)s is kept as evidence.") % {"name": evidence.name})
            return redirect(
                "isms:assessment-result",
                public_id=result.assessment.public_id,
                node_id=result.node.public_id,
            )
    return render(
        request,
        "isms/evidence_add.html",
        {"form": form, "result": result, "assessment": result.assessment, "node": result.node},
    )


def _evidence(request: HttpRequest, action: Action, public_id: UUID) -> EvidenceFile:
    evidence = get_for(request, action, EvidenceFile, public_id=public_id)
    return EvidenceFile.objects.select_related("file", "result__assessment", "result__node").get(
        pk=evidence.pk
    )


@permits(Action.ISMS_VIEW)
def evidence_download(request: HttpRequest, public_id: UUID) -> StreamingHttpResponse:
    evidence = _evidence(request, Action.ISMS_VIEW, public_id)
    chunks = services.evidence_open(evidence=evidence, actor=_user(request))
    response = StreamingHttpResponse(chunks, content_type=evidence.file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, evidence.name)
    response["Content-Length"] = str(evidence.file.size)
    return response


@permits(Action.ISMS_MANAGE)
def evidence_delete(request: HttpRequest, public_id: UUID) -> HttpResponse:
    evidence = _evidence(request, Action.ISMS_MANAGE, public_id)
    result = evidence.result
    if request.method == "POST":
        services.evidence_delete(evidence=evidence, actor=_user(request))
        messages.success(request, _("%(name)s is deleted.") % {"name": evidence.name})
        return redirect(
            "isms:assessment-result",
            public_id=result.assessment.public_id,
            node_id=result.node.public_id,
        )
    return render(
        request,
        "isms/evidence_delete.html",
        {"evidence": evidence, "assessment": result.assessment, "node": result.node},
    )


def _format(fmt: str) -> str:
    if fmt not in exports.FORMATS:
        raise Http404
    return fmt


@permits(Action.ISMS_VIEW)
def assessment_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    assessment = get_for(request, Action.ISMS_VIEW, Assessment, public_id=public_id)
    return exports.respond(exports.assessment_table(assessment), _format(fmt), "assessment")


@permits(Action.ISMS_VIEW)
def soa_export(request: HttpRequest, public_id: UUID, fmt: str) -> HttpResponse:
    assessment = get_for(request, Action.ISMS_VIEW, Assessment, public_id=public_id)
    return exports.respond(exports.applicability_table(assessment), _format(fmt), "soa")


@permits(Action.ISMS_VIEW)
def plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    measures = list(selectors.measures())
    return render(
        request,
        "isms/plan.html",
        {
            "measures": [(m, selectors.is_late(m, today)) for m in measures],
            "years": selectors.plan_by_year(),
            "raci": selectors.raci_matrix(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


@permits(Action.ISMS_VIEW)
def plan_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return exports.respond(exports.plan_table(), _format(fmt), "plan")


@permits(Action.ISMS_MANAGE)
def budget(request: HttpRequest) -> HttpResponse:
    form = forms.BudgetForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda: services.budget_set(**form.cleaned_data)):
            messages.success(request, _("The budget is saved."))
            return redirect("isms:plan")
    return _form_page(
        request, form, title=_("Budget for a year"), submit=_("Save"), back="isms:plan"
    )


def _measure_form(request: HttpRequest, measure: Measure | None) -> HttpResponse:
    initial = {"budget_year": timezone.localdate().year} if measure is None else None
    form = forms.MeasureForm(request.POST or None, instance=measure, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        nodes, risks = data.pop("nodes"), data.pop("risks")
        if _saved(
            form, lambda: services.measure_save(measure=measure, nodes=nodes, risks=risks, **data)
        ):
            messages.success(request, _("The measure is saved."))
            return redirect("isms:plan")
    title = _("New measure") if measure is None else _("Change measure")
    raci = measure.raci.all() if measure else None
    return _form_page(
        request, form, title=title, submit=_("Save"), back="isms:plan", measure=measure, raci=raci
    )


@permits(Action.ISMS_MANAGE)
def measure_new(request: HttpRequest) -> HttpResponse:
    return _measure_form(request, None)


@permits(Action.ISMS_MANAGE)
def measure_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _measure_form(
        request, get_for(request, Action.ISMS_MANAGE, Measure, public_id=public_id)
    )


@permits(Action.ISMS_MANAGE)
def measure_raci(request: HttpRequest, public_id: UUID) -> HttpResponse:
    measure = get_for(request, Action.ISMS_MANAGE, Measure, public_id=public_id)
    form = forms.RaciForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda: services.raci_set(measure=measure, **form.cleaned_data)):
            return redirect("isms:measure", public_id=measure.public_id)
    return _form_page(
        request,
        form,
        title=_("Roles for %(measure)s") % {"measure": measure},
        submit=_("Save"),
        back="isms:plan",
    )


@permits(Action.ISMS_VIEW)
def risks(request: HttpRequest) -> HttpResponse:
    rows = [(risk, *selectors.risk_levels(risk)) for risk in selectors.risks()]
    return render(
        request,
        "isms/risks.html",
        {
            "rows": rows,
            "grid": selectors.risk_grid(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


def _risk_form(request: HttpRequest, risk: Risk | None) -> HttpResponse:
    form = forms.RiskForm(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda: services.risk_save(risk=risk, **form.cleaned_data)):
            messages.success(request, _("The risk is saved."))
            return redirect("isms:risks")
    title = _("New risk") if risk is None else _("Change risk")
    return _form_page(request, form, title=title, submit=_("Save"), back="isms:risks")


@permits(Action.ISMS_MANAGE)
def risk_new(request: HttpRequest) -> HttpResponse:
    return _risk_form(request, None)


@permits(Action.ISMS_MANAGE)
def risk_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _risk_form(request, get_for(request, Action.ISMS_MANAGE, Risk, public_id=public_id))


@permits(Action.ISMS_VIEW)
def policies(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "isms/policies.html",
        {
            "policies": selectors.policies(),
            "today": timezone.localdate(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


def _policy_form(request: HttpRequest, policy: Policy | None) -> HttpResponse:
    form = forms.PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda: services.policy_save(policy=policy, **form.cleaned_data)):
            messages.success(request, _("The policy is saved."))
            return redirect("isms:policies")
    title = _("New policy") if policy is None else _("Change policy")
    return _form_page(request, form, title=title, submit=_("Save"), back="isms:policies")


@permits(Action.ISMS_MANAGE)
def policy_new(request: HttpRequest) -> HttpResponse:
    return _policy_form(request, None)


@permits(Action.ISMS_MANAGE)
def policy_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _policy_form(request, get_for(request, Action.ISMS_MANAGE, Policy, public_id=public_id))


@permits(Action.ISMS_VIEW)
def awareness(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "isms/awareness.html",
        {
            "campaigns": selectors.campaigns(),
            "staff": selectors.active_staff().count(),
            "may_manage": may(request.user, Action.ISMS_MANAGE),
        },
    )


@permits(Action.ISMS_MANAGE)
def campaign_new(request: HttpRequest) -> HttpResponse:
    form = forms.CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _saved(form, lambda: services.campaign_save(**form.cleaned_data)):
            messages.success(request, _("The campaign is saved."))
            return redirect("isms:awareness")
    return _form_page(
        request, form, title=_("New campaign"), submit=_("Save"), back="isms:awareness"
    )


@permits(Action.ISMS_VIEW)
def campaign_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    campaign = get_for(request, Action.ISMS_VIEW, Campaign, public_id=public_id)
    may_manage = may(request.user, Action.ISMS_MANAGE)
    form = forms.CompletionForm(
        request.POST or None, initial={"completed_on": timezone.localdate()}
    )
    if request.method == "POST":
        if not may_manage:
            raise Http404
        if form.is_valid() and _saved(
            form, lambda: services.completions_record(campaign=campaign, **form.cleaned_data)
        ):
            messages.success(request, _("The completions are saved."))
            return redirect("isms:campaign", public_id=campaign.public_id)
    return render(
        request,
        "isms/campaign.html",
        {
            "campaign": campaign,
            "teams": selectors.completion_by_team(campaign),
            "completions": campaign.completions.select_related("user").order_by("completed_on"),
            "form": form,
            "may_manage": may_manage,
        },
    )
