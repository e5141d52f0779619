from django import forms
from django.utils.translation import gettext_lazy as _

from regie.monitoring.models import (
    InsiderSettings,
    InsiderStatus,
    SignalSource,
    SourceKind,
    TriageStatus,
)


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind of source"), choices=SourceKind.choices)


class UploadForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=SignalSource.objects.filter(revoked_at__isnull=True),
        empty_label=None,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Suricata: the eve.json file. Mail gateway: a CSV with the columns period, "
            "received, spam, virus and phishing. Other tools: JSON."
        ),
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[choice for choice in TriageStatus.choices if choice[0] != TriageStatus.NEW],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class HandleForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Conclusion"),
        choices=[choice for choice in InsiderStatus.choices if choice[0] != InsiderStatus.OPEN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class InsiderSettingsForm(forms.ModelForm):
    class Meta:
        model = InsiderSettings
        fields = [
            "outside_caseload",
            "volume_minimum",
            "volume_factor",
            "history_days",
            "confidential_address",
            "workday_start",
            "workday_end",
            "weekend_is_unusual",
            "bulk_export_minimum",
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("workday_start"), data.get("workday_end")
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start < end <= 24:
            self.add_error("workday_end", _("The working day must end after it starts."))
        return data
