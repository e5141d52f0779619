"""Putting a service's refusal on a form, and the confirmation steps built on that."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def refusal_onto(
    form: BaseForm, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show ERROR, raised by a service, on the form field it names (ALIASES maps a service's
    field name to the form's), and on the form as a whole for a field the form does not have
    or an error that names no field."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, texts in error.message_dict.items():
        field = (aliases or {}).get(name, name)
        for message in texts:
            form.add_error(field if field in form.fields else None, message)


@dataclass(frozen=True)
class Attempt:
    succeeded: bool
    error: str = ""  # the refusal of a step that has no form to show it on


def step_attempt(
    request: HttpRequest,
    form: BaseForm | None,
    act: Callable[[dict[str, Any]], object],
    *,
    done: str,
) -> Attempt:
    """A confirmation step (with a form where the step needs one): on a POST whose form is
    valid, ACT runs with the form's data. Success queues the message DONE; a service's refusal
    goes onto the form, or comes back as the error of a step without a form."""
    if request.method != "POST" or (form is not None and not form.is_valid()):
        return Attempt(False)
    try:
        act(form.cleaned_data if form is not None else {})
    except ValidationError as refusal:
        if form is None:
            return Attempt(False, " ".join(refusal.messages))
        refusal_onto(form, refusal)
        return Attempt(False)
    messages.success(request, done)
    return Attempt(True)
