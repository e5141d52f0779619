from django import forms
from django.utils.translation import gettext_lazy as _

from regie.exchange.selectors import Option
from regie.exchange.services import DAYS_MAX, DOWNLOADS_MAX


def _choices(options: list[Option]) -> list[tuple[str, str]]:
    return [(str(option.value), option.label) for option in options]


class ShareForm(forms.Form):
    contact = forms.ChoiceField(
        label=_("Contact with the care partner"),
        help_text=_("The exchange the engine allowed, or for which consent is recorded."),
    )
    professional = forms.ChoiceField(label=_("Recipient"))
    documents = forms.MultipleChoiceField(label=_("Documents"), widget=forms.CheckboxSelectMultiple)
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=DAYS_MAX, initial=7
    )
    max_downloads = forms.IntegerField(
        label=_("Downloads per document"), min_value=1, max_value=DOWNLOADS_MAX, initial=2
    )
    reason = forms.CharField(
        label=_("Reason (only when the check asks for one)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: object,
        contacts: list[Option],
        professionals: list[Option],
        documents: list[Option],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["contact"].choices = _choices(contacts)  # type: ignore[attr-defined]
        self.fields["professional"].choices = _choices(professionals)  # type: ignore[attr-defined]
        self.fields["documents"].choices = _choices(documents)  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReturnForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))
