from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Role, User
from regie.cases.models import DecisionOutcome, InvolvedRole, Status
from regie.lawfulness.models import ConsentMethod, GivenBy, NoticeMethod, ObjectionOption

_TEXTAREA = forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"})


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=_TEXTAREA, max_length=10_000)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DecisionOutcome.choices)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(label=_("What was decided"), widget=_TEXTAREA)


class InvolvedPersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=InvolvedRole.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    contact = forms.CharField(
        label=_("Phone number or e-mail address (optional)"), max_length=200, required=False
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class AddressForm(forms.Form):
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        help_text=_(
            "Street and number, postcode and place, e.g. Lindenlaan 12, 1234 AB Lindendal."
        ),
    )
    confidential = forms.BooleanField(
        label=_("Confidential address (for instance a shelter): mask it everywhere"),
        required=False,
    )


class RevealRequestForm(forms.Form):
    reason = forms.CharField(label=_("Why do you need to see the address?"), widget=_TEXTAREA)
    password = forms.CharField(
        label=_("Your password, to confirm it is you"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


ACTION_CHOICES = [
    ("collect", _("Ask for data (collect)")),
    ("use", _("Use data we already hold")),
    ("provide", _("Give data (provide)")),
]
COUNTERPARTY_CHOICES = [
    ("general_practitioner", _("General practitioner")),
    ("zvw_care_provider", _("Care provider under the Zvw")),
    ("health_insurer", _("Health insurer")),
    ("ciz", _("CIZ")),
    ("wmo_provider", _("Wmo provider")),
    ("cooperating_professional", _("Professional whose cooperation is needed")),
    ("pgb_third_party", _("Third party paid from a personal budget")),
    ("participatiewet_records", _("Our own Participatiewet records")),
    ("jeugdwet_records", _("Our own Jeugdwet records")),
    ("cak", _("CAK")),
    ("svb", _("SVB")),
    ("supervisor", _("Supervising official")),
    ("veilig_thuis", _("Veilig Thuis (AMHK)")),
    ("resident", _("The resident")),
    ("third_party", _("Someone else")),
]
PURPOSE_CHOICES = [
    ("support_assessment", _("Assess the need for support")),
    ("support_delivery", _("Deliver the support")),
    ("zvw_tasks", _("The recipient's tasks under the Zvw")),
    ("other", _("Something else")),
]
FLAGS = (
    "necessary",
    "professional_secrecy",
    "subject_capable",
    "general_consent_on_file",
    "objection",
    "safety_at_risk",
)


class ExchangeForm(forms.Form):
    partner = forms.CharField(label=_("Care partner (organisation)"), max_length=200)
    action = forms.ChoiceField(label=_("What do you want to do?"), choices=ACTION_CHOICES)
    counterparty = forms.ChoiceField(label=_("With whom?"), choices=COUNTERPARTY_CHOICES)
    purpose = forms.ChoiceField(label=_("For what purpose?"), choices=PURPOSE_CHOICES)
    summary = forms.CharField(label=_("Which data, and why"), widget=_TEXTAREA)
    necessary = forms.BooleanField(
        label=_("The data are necessary for this purpose (no more than needed)"), required=False
    )
    professional_secrecy = forms.BooleanField(
        label=_("The data fall under a professional secrecy (e.g. medical data)"), required=False
    )
    subject_capable = forms.BooleanField(
        label=_("The resident (12 to 17) can reasonably weigh their own interests"), required=False
    )
    general_consent_on_file = forms.BooleanField(
        label=_("A general consent form is on file"), required=False
    )
    objection = forms.BooleanField(
        label=_("The resident objects or refuses consent"), required=False
    )
    safety_at_risk = forms.BooleanField(label=_("Health or safety is at stake"), required=False)

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "action": data["action"],
            "counterparty": data["counterparty"],
            "purpose": data["purpose"],
            **{flag: bool(data[flag]) for flag in FLAGS},
        }


def _colleague_label(user: User) -> str:
    return user.get_full_name() or user.username


class ConsultationForm(forms.Form):
    question = forms.CharField(label=_("Your question for your colleague"), widget=_TEXTAREA)
    colleague = forms.ModelChoiceField(
        label=_("Colleague"), queryset=User.objects.none(), empty_label=_("Choose a colleague")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(role__in=[Role.CONSULENT, Role.TEAMLEIDER], is_active=True)
            .exclude(pk=user.pk)
            .order_by("first_name", "username")
        )
        field.label_from_instance = _colleague_label  # type: ignore[method-assign,assignment]


_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConsentForm(forms.Form):
    given_by = forms.ChoiceField(label=_("Consent given by"), choices=GivenBy.choices)
    representative = forms.CharField(
        label=_("Name of the legal representative (when they gave it)"),
        max_length=200,
        required=False,
    )
    covered_data = forms.CharField(label=_("Which data the consent covers"), widget=_TEXTAREA)

    def record_fields(self) -> dict[str, Any]:
        """The fields as `consent_record` names them."""
        fields = dict(self.cleaned_data)
        fields["data"] = fields.pop("covered_data")
        return fields

    method = forms.ChoiceField(label=_("How was it given?"), choices=ConsentMethod.choices)
    given_at = forms.DateTimeField(label=_("Given at"), widget=_DATETIME)
    valid_until = forms.DateTimeField(label=_("Valid until"), widget=_DATETIME)


class NoticeForm(forms.Form):
    told = forms.CharField(
        label=_("What was the resident told about the purpose and why it is necessary?"),
        widget=_TEXTAREA,
    )
    told_at = forms.DateTimeField(label=_("Told at"), widget=_DATETIME)
    method = forms.ChoiceField(label=_("How?"), choices=NoticeMethod.choices)


class ObjectionForm(forms.Form):
    objection = forms.CharField(label=_("What does the resident object to?"), widget=_TEXTAREA)
    raised_at = forms.DateTimeField(label=_("Raised at"), widget=_DATETIME)
    safety_at_risk = forms.BooleanField(
        label=_("The resident's health or safety is at stake"), required=False
    )
    option = forms.ChoiceField(label=_("How do you go on?"), choices=ObjectionOption.choices)
    importance_explained = forms.BooleanField(
        label=_("I told the resident why the service matters"), required=False
    )
    colleague_consulted = forms.BooleanField(
        label=_("I consulted a colleague or expert"), required=False
    )
    consulted_on_anonymised_data = forms.BooleanField(
        label=_("The consultation was on anonymised data"), required=False
    )
    considerations = forms.CharField(
        label=_("Considerations (required for involuntary service)"),
        widget=_TEXTAREA,
        required=False,
    )
    resident_informed = forms.BooleanField(
        label=_("I informed the resident of the decision and of their rights"), required=False
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, text, DOCX, XLSX or ODT; it is checked for viruses."),
    )


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one field; each is cleaned like a single file."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or single(None, initial)
        return [single(data, initial)]


class PostIntakeForm(forms.Form):
    scans = _MultipleFileField(
        label=_("Scanned post (PDF, several at once)"),
        help_text=_(
            "Each PDF is filed into the case its cover sheet or case number names; what "
            "cannot be matched waits in the queue for a team leader."
        ),
    )


class PostFileForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"), max_length=20, help_text=_("For example WMO-2026-0001.")
    )
    title = forms.CharField(label=_("Title in the case (optional)"), max_length=200, required=False)
