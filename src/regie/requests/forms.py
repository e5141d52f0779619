from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Role, User
from regie.requests.models import Channel, Decision, Kind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, widget=DateInput(), help_text=help_text, initial=timezone.localdate
    )


class RequestForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN of the resident"),
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(label=_("Kind of request"), choices=Kind.choices)
    channel = forms.ChoiceField(
        label=_("Received through"),
        choices=[(value, label) for value, label in Channel.choices if value != Channel.PORTAL],
    )
    received_on = _date(_("Received on"), _("The month for the answer counts from here."))
    details = forms.CharField(
        label=_("What the resident asks"), widget=forms.Textarea(attrs={"rows": 4})
    )


class IdentityForm(forms.Form):
    method = forms.CharField(
        label=_("How the identity was checked"),
        max_length=200,
        help_text=_("For example: passport shown at the desk, or DigiD."),
    )


class HandlerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    handler = HandlerChoice(
        label=_("Handler"),
        queryset=User.objects.filter(role=Role.PRIVACY_OFFICER, is_active=True),
        empty_label=None,
    )


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[(1, _("one month")), (2, _("two months"))],
    )
    reason = forms.CharField(
        label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 3})
    )
    told_on = _date(_("Resident told on"), _("Within the first month."))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    letter = forms.CharField(
        label=_("Letter to the resident, with the reasons"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
