from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from regie.core.bsn import is_valid_bsn, normalise_bsn

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LogSearchForm(forms.Form):
    """The privacy officer's question to the log. It is posted, never put in the address: a
    BSN does not belong in a URL or a server's access log."""

    bsn = forms.CharField(
        label=_("BSN of the resident"),
        required=False,
        max_length=12,
        help_text=_("Turned into the pseudonym the log uses; the BSN itself is not kept."),
    )
    activity = forms.ChoiceField(label=_("Processing activity"), required=False)
    staff = forms.ChoiceField(label=_("Staff member"), required=False)
    since = forms.DateField(
        label=pgettext_lazy("start of a period", "From"), required=False, widget=_DATE
    )
    until = forms.DateField(label=_("Up to and including"), required=False, widget=_DATE)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        activities: list[tuple[str, str]],
        staff: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ChoiceField)
        activity.choices = [("", _("Any activity")), *activities]
        member = self.fields["staff"]
        assert isinstance(member, forms.ChoiceField)
        member.choices = [("", _("Anyone")), *staff]

    def clean_bsn(self) -> str:
        value = normalise_bsn(self.cleaned_data["bsn"].strip())
        if value and not is_valid_bsn(value):
            raise forms.ValidationError(_("This is not a valid BSN: it fails the eleven test."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("bsn") or data.get("activity") or data.get("staff")):
            raise forms.ValidationError(
                _(
                    "Name a resident, a processing activity or a staff member: the log is not "
                    "read whole."
                )
            )
        since: date | None = data.get("since")
        until: date | None = data.get("until")
        if since and until and until < since:
            self.add_error("until", _("This date lies before the start date."))
        return data
