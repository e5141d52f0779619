from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.accounts.models import Kind, User
from regie.isms.models import (
    Campaign,
    Framework,
    Measure,
    Policy,
    RaciRole,
    RequirementNode,
    Result,
    Risk,
)
from regie.isms.services import risk_matrix

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CHECKBOX = (
    "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom "
    "utrecht-form-field__input"
)


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


def _staff() -> Any:
    return User.objects.filter(kind=Kind.STAFF, is_active=True).order_by("first_name")


MAX_LIBRARY_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    library = forms.FileField(
        label=_("Library file (CISO Assistant YAML)"),
        help_text=_("Importing a newer version keeps the results of requirements that remain."),
    )

    def clean_library(self) -> Any:
        library = self.cleaned_data["library"]
        if library.size > MAX_LIBRARY_BYTES:
            raise forms.ValidationError(_("A library file may be at most 5 MB."))
        return library


class NodeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        text = obj.display_name or obj.display_description[:80]
        return f"{obj.framework.ref_id} {obj.ref_id} {text}"


class AssessmentForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.all(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DATE)
    department = forms.CharField(
        label=_("Department"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to assess the whole organisation."),
    )


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    maturity = forms.IntegerField(label=_("Maturity"), required=False)
    notes = forms.CharField(
        label=pgettext_lazy("explanation of a result", "Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.CharField(
        label=_("Where paper evidence is kept"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Document numbers or locations of evidence that is not attached as a file below."
        ),
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maturity"].help_text = _("A score from %(low)d to %(high)d.") % {
            "low": framework.min_score,
            "high": framework.max_score,
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office document, image or text; it is scanned for viruses."),
        error_messages={"required": _("Choose a file."), "empty": _("The file is empty.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        help_text=_("What the file shows, in a sentence."),
        error_messages={"required": _("Say briefly what this file shows.")},
    )


class MeasureForm(forms.ModelForm):
    owner = StaffChoice(label=_("Owner"), queryset=_staff(), required=False)
    nodes = NodeChoices(
        label=_("Requirements it addresses"),
        queryset=RequirementNode.objects.filter(assessable=True).select_related("framework"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    risks = forms.ModelMultipleChoiceField(
        label=_("Risks it treats"),
        queryset=Risk.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "owner",
            "priority",
            "status",
            "planned_start",
            "planned_end",
            "actual_end",
            "incidental_cost",
            "structural_cost",
            "budget_year",
            "nodes",
            "risks",
        ]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "priority": _("Priority"),
            "status": _("Status"),
            "planned_start": _("Planned start"),
            "planned_end": _("Planned end"),
            "actual_end": _("Actually finished on"),
            "incidental_cost": _("Incidental cost (euro)"),
            "structural_cost": _("Structural cost per year (euro)"),
            "budget_year": _("Budget year"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DATE,
            "planned_end": DATE,
            "actual_end": DATE,
        }


class RaciForm(forms.Form):
    party = forms.CharField(
        label=_("Role or team"),
        max_length=100,
        help_text=_("For example CISO, privacy officer, or the process owner Wmo."),
    )
    role = forms.ChoiceField(
        label=_("RACI"),
        choices=[("", _("(remove)")), *RaciRole.choices],
        required=False,
    )


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    amount = forms.DecimalField(label=_("Budget (euro)"), max_digits=12, decimal_places=2)


class RiskForm(forms.ModelForm):
    owner = StaffChoice(label=_("Owner"), queryset=_staff(), required=False)

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "owner",
            "likelihood",
            "impact",
            "residual_likelihood",
            "residual_impact",
            "treatment_short",
            "treatment_long",
            "closed",
        ]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "likelihood": _("Likelihood"),
            "impact": _("Impact"),
            "residual_likelihood": _("Residual likelihood (after treatment)"),
            "residual_impact": _("Residual impact (after treatment)"),
            "treatment_short": _("Treatment in the short term"),
            "treatment_long": _("Treatment in the long term"),
            "closed": _("Closed"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "treatment_short": forms.Textarea(attrs={"rows": 2}),
            "treatment_long": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = risk_matrix().size
        for name in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
            self.fields[name].help_text = _("From 1 (lowest) to %(size)d (highest).") % {
                "size": size
            }


class PolicyForm(forms.ModelForm):
    owner = StaffChoice(label=_("Owner"), queryset=_staff(), required=False)

    class Meta:
        model = Policy
        fields = ["title", "version", "owner", "adopted_by", "adopted_on", "review_on", "reference"]
        labels = {
            "title": _("Title"),
            "version": _("Version"),
            "adopted_by": _("Adopted by"),
            "adopted_on": _("Adopted on"),
            "review_on": _("Review on"),
            "reference": _("Where the adopted text is kept"),
        }
        widgets = {"adopted_on": DATE, "review_on": DATE}


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "description", "starts_on", "ends_on"]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "starts_on": _("Starts on"),
            "ends_on": _("Ends on"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DATE,
            "ends_on": DATE,
        }


class StaffChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class CompletionForm(forms.Form):
    users = StaffChoices(
        label=_("Who completed it"),
        queryset=_staff(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": _CHECKBOX}),
        error_messages={"required": _("Choose at least one person.")},
    )
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
