from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.reports.models import Kind


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Half year (committee report only)"),
        choices=[("", "—"), (1, _("January to June")), (2, _("July to December"))],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Kind.HALF_YEARLY and not cleaned.get("half"):
            self.add_error("half", _("Choose the half year of the committee report."))
        return cleaned
