from django import forms
from django.utils.translation import gettext_lazy as _

from regie.register.models import (
    ProcessingActivity,
    ProcessingActivityVersion,
    Processor,
    ProcessorAgreement,
    WorkProcess,
    WorkProcessStep,
)
from regie.register.services import ACTIVITY_FIELDS

_TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ActivityForm(forms.ModelForm[ProcessingActivityVersion]):
    """The content of a version; the model's `clean` refuses consent for a statutory task
    and special categories without an art. 9 exception."""

    class Meta:
        model = ProcessingActivityVersion
        fields = list(ACTIVITY_FIELDS)
        widgets = {
            name: _TEXTAREA
            for name in (
                "purpose",
                "special_categories",
                "data_subject_categories",
                "personal_data_categories",
                "recipients",
                "third_country_transfers",
                "security_measures",
                "plain_explanation",
            )
        }
        help_texts = {
            "legal_source": _("The law and article, for instance Wmo 2015 art. 2.3.2."),
            "retention": _("An ISO 8601 duration: P7Y is seven years, P6M six months."),
            "third_country_transfers": _("Leave empty when nothing goes outside the EEA."),
            "plain_explanation": _("Shown to residents on the public privacy page."),
        }


class NewActivityForm(ActivityForm):
    slug = forms.SlugField(
        label=_("Identifier"),
        max_length=80,
        help_text=_("Lower-case letters, digits and hyphens; part of the activity's fixed URI."),
    )

    field_order = ["slug", *ACTIVITY_FIELDS]


class ReviseActivityForm(ActivityForm):
    change_note = forms.CharField(
        label=_("What changed and why"),
        max_length=500,
        widget=forms.TextInput(),
        error_messages={"required": _("Say what changed, so that readers of the versions know.")},
    )


IMPORT_MAX_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The columns of the CSV export; the first row names them."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class WorkProcessForm(forms.ModelForm[WorkProcess]):
    class Meta:
        model = WorkProcess
        fields = ["name", "description"]
        widgets = {"description": _TEXTAREA}


class _ActivityChoice(forms.ModelChoiceField[ProcessingActivity]):
    """Offers activities by the name of their version in force."""

    def label_from_instance(self, obj: ProcessingActivity) -> str:
        return obj.current_version().name


class _ActivitiesChoice(forms.ModelMultipleChoiceField[ProcessingActivity]):
    def label_from_instance(self, obj: ProcessingActivity) -> str:
        return obj.current_version().name


class StepForm(forms.ModelForm[WorkProcessStep]):
    class Meta:
        model = WorkProcessStep
        fields = ["name", "data_registered", "activity", "needs_consent", "consent_note"]
        field_classes = {"activity": _ActivityChoice}
        widgets = {"data_registered": _TEXTAREA}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["activity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ProcessingActivity.objects.all()
        field.empty_label = _("— none: a gap in the register —")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("needs_consent") and not str(data.get("consent_note", "")).strip():
            self.add_error("consent_note", _("Say for what specific consent is needed."))
        return data


class ProcessorForm(forms.ModelForm[Processor]):
    class Meta:
        model = Processor
        fields = ["name", "kind", "sub_processors", "activities"]
        field_classes = {"activities": _ActivitiesChoice}
        widgets = {
            "sub_processors": _TEXTAREA,
            "activities": forms.SelectMultiple(attrs={"size": 6}),
        }


class AgreementForm(forms.ModelForm[ProcessorAgreement]):
    class Meta:
        model = ProcessorAgreement
        fields = ["status", "model_version", "signed_on", "starts_on", "ends_on", "note"]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": _TEXTAREA,
        }
