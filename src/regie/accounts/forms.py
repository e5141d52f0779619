from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regie.accounts.access import API_SCOPES, SCOPE_DESCRIPTIONS


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "maxlength": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


_CHECKBOX = (
    "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom "
    "utrecht-form-field__input"
)
SCOPE_CHOICES = [
    (action.value, format_lazy("{} ({})", SCOPE_DESCRIPTIONS[action], action.value))
    for action in sorted(API_SCOPES)
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the system that uses the token"),
        max_length=100,
        widget=forms.TextInput(),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": _CHECKBOX}),
        error_messages={"required": _("Choose at least one thing the token may do.")},
    )
    expires_at = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
