from django import forms
from django.utils.translation import gettext_lazy as _

from regie.portal.models import Basis


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("What is it?"),
        max_length=200,
        help_text=_("For example: support plan, or a letter from your doctor."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, text, DOCX, XLSX or ODT; it is checked for viruses."),
    )


class AnswerForm(forms.Form):
    remark = forms.CharField(
        label=_("Remark (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsentRequestForm(forms.Form):
    covered_data = forms.CharField(
        label=_("Which data"),
        max_length=500,
        help_text=_("In words the resident understands, e.g. 'the support plan of March'."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RightsForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask?"),
        choices=[
            ("objection", _("I object to a processing of my data")),
            ("rectification", _("Please correct a record about me")),
        ],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Explain"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which processing or which record, and why."),
    )


class RepresentationForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN of the representative"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name of the representative (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Only used when the municipality does not know this person yet; they can then log "
            "in with DigiD straight away."
        ),
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=Basis.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence seen"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Which document shows it, and of which date, e.g. 'uittreksel gezagsregister d.d. "
            "2 november 2026'. Stored encrypted."
        ),
    )


class RepresentationEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does it end?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. 'turned 18 on 1 December 2026' or 'curatele lifted by the court'."),
    )
