"""Putting a service's refusal on a form."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.forms import BaseForm


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
    for name, messages in error.message_dict.items():
        field = (aliases or {}).get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
