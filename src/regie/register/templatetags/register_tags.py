"""Show the register's values in words."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.register.duration import parse_duration

register = template.Library()


@register.filter
def retention_words(value: str) -> str:
    """P15Y becomes "15 years", P1Y6M "1 year and 6 months"; an unreadable value stays."""
    try:
        duration = parse_duration(value)
    except ValueError:
        return value
    parts = [
        ngettext(singular, plural, number) % {"n": number}
        for number, singular, plural in (
            (duration.years, "%(n)d year", "%(n)d years"),
            (duration.months, "%(n)d month", "%(n)d months"),
            (duration.days, "%(n)d day", "%(n)d days"),
        )
        if number
    ]
    if not parts:
        return _("none")
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
