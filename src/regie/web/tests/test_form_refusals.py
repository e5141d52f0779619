"""A service's refusal lands on the field it names, or on the form as a whole."""

from django import forms
from django.core.exceptions import ValidationError

from regie.web.forms import refusal_onto


class _Form(forms.Form):
    title = forms.CharField()
    covered_data = forms.CharField()


def _form() -> _Form:
    form = _Form({"title": "x", "covered_data": "y"})
    assert form.is_valid()
    return form


def test_it_puts_a_named_refusal_on_its_field_and_an_unknown_one_on_the_form():
    form = _form()

    refusal_onto(form, ValidationError({"title": "Te lang.", "share": "Bestaat niet."}))

    assert form.errors["title"] == ["Te lang."]
    assert form.non_field_errors() == ["Bestaat niet."]


def test_it_follows_an_alias_from_the_services_name_to_the_forms():
    form = _form()

    refusal_onto(form, ValidationError({"data": "Welke gegevens?"}), {"data": "covered_data"})

    assert form.errors["covered_data"] == ["Welke gegevens?"]


def test_it_puts_a_refusal_without_a_field_on_the_form():
    form = _form()

    refusal_onto(form, ValidationError("Niet toegestaan."))

    assert form.non_field_errors() == ["Niet toegestaan."]
