from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.breaches.models import Category, ReportKind
from regie.register.models import ProcessingActivity

_CHECKBOX = (
    "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom "
    "utrecht-form-field__input"
)


class MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _moment(label: Any, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=MomentInput(), help_text=help_text
    )


class ActivityChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ProcessingActivity) -> str:
        version = obj.current_version()
        return version.name if version else obj.slug


class BreachForm(forms.Form):
    title = forms.CharField(
        label=_("Short description"),
        max_length=200,
        help_text=_("For example: USB stick lost on the train. No names or BSNs."),
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    occurred_at = _moment(
        _("When it happened"), required=False, help_text=_("Leave empty if unknown.")
    )
    discovered_at = _moment(
        _("When it was discovered"), help_text=_("The 72 hours count from here.")
    )
    activities = ActivityChoice(
        label=_("Processing activities"),
        queryset=ProcessingActivity.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": _CHECKBOX}),
    )
    data_categories = forms.MultipleChoiceField(
        label=_("Kinds of personal data"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": _CHECKBOX}),
    )
    subjects_count = forms.IntegerField(label=_("Number of people concerned"), min_value=0)
    records_count = forms.IntegerField(label=_("Number of records concerned"), min_value=0)
    records_held = forms.IntegerField(
        label=_("Number of records the system holds"),
        min_value=0,
        required=False,
        help_text=_("Leave empty if unknown."),
    )
    personal_data = forms.BooleanField(
        label=_("Personal data is involved"), required=False, initial=True
    )
    confidentiality_loss = forms.BooleanField(
        label=_("Others could see or take the data"), required=False
    )
    integrity_loss = forms.BooleanField(label=_("Data was altered"), required=False)
    availability_loss_hours = forms.DecimalField(
        label=_("Hours the data was unavailable"),
        min_value=0,
        max_digits=7,
        decimal_places=1,
        initial=0,
    )
    permanent_loss = forms.BooleanField(
        label=_("Data is lost for good, without a backup"), required=False
    )
    unintelligible = forms.BooleanField(
        label=_("The data was unintelligible (encrypted, with the key safe)"), required=False
    )
    recipient_trusted_and_deleted = forms.BooleanField(
        label=_("The recipient is trusted and confirmed deleting the data"), required=False
    )
    vulnerable_subjects = forms.BooleanField(
        label=_("Vulnerable people are concerned"), required=False
    )
    confidential_address = forms.BooleanField(
        label=_("A confidential address leaked (for example of a shelter)"), required=False
    )
    consequences = forms.CharField(
        label=_("Possible consequences"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    measures_taken = forms.CharField(
        label=_("Measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    measures_planned = forms.CharField(
        label=_("Measures planned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    reported_at = _moment(_("Reported to the AP at"))
    authority_reference = forms.CharField(
        label=_("AP reference number"), max_length=50, required=False
    )
    late_reason = forms.CharField(
        label=_("Reason for reporting late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the report comes after the 72 hours."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["reported_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (ReportKind.FOLLOW_UP, ReportKind.FOLLOW_UP.label),
            (ReportKind.WITHDRAWAL, ReportKind.WITHDRAWAL.label),
        ],
    )
    submitted_at = _moment(_("Sent at"))
    authority_reference = forms.CharField(
        label=_("AP reference number"), max_length=50, required=False
    )
    note = forms.CharField(
        label=_("What is new, or why the report is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InformedForm(forms.Form):
    informed_at = _moment(_("The people concerned were informed on"))
