"""Render a form field's widget with the NL Design System classes and the ARIA links
between the input, its description and its error message."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-form-field__input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea utrecht-form-field__input",
    "select": "utrecht-select utrecht-select--html-select utrecht-form-field__input",
    "password": "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password "
    "utrecht-form-field__input",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input utrecht-form-field__input"


@register.simple_tag
def widget(field: BoundField) -> SafeString:
    classes = _CLASSES.get(field.widget_type, _TEXTBOX)
    attrs: dict[str, str | bool] = {"class": classes}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        if field.widget_type not in _CLASSES:
            attrs["class"] = f"{classes} utrecht-textbox--invalid"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
