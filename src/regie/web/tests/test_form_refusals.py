"""A service's refusal lands on the field it names, or on the form as a whole."""

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from regie.web.forms import refusal_onto, step_attempt


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


def _request(method: str) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _refuse(data: dict[str, Any]) -> None:
    raise ValidationError({"title": "Past niet bij de status."})


def test_a_step_runs_only_on_a_post_with_a_valid_form_and_says_it_is_done():
    ran: list[dict[str, Any]] = []
    get = step_attempt(_request("get"), _form(), ran.append, done="Gedaan.")
    post = _request("post")
    done = step_attempt(post, _form(), ran.append, done="Gedaan.")

    assert not get.succeeded
    assert done.succeeded and done.error == ""
    assert ran == [{"title": "x", "covered_data": "y"}]
    assert [str(m) for m in get_messages(post)] == ["Gedaan."]


def test_a_refused_step_shows_the_refusal_on_the_form_or_without_one_as_its_error():
    form = _form()
    with_form = step_attempt(_request("post"), form, _refuse, done="Gedaan.")
    without_form = step_attempt(_request("post"), None, _refuse, done="Gedaan.")

    assert not with_form.succeeded and form.errors["title"] == ["Past niet bij de status."]
    assert not without_form.succeeded and without_form.error == "Past niet bij de status."
