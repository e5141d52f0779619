"""The writes of the core app: numbering that other apps share."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from regie.core.models import SerialCounter


@transaction.atomic
def serial_take(*, series: str, in_use: Iterable[str]) -> int:
    """The next number of SERIES (a reference's stem, "DL-2026-"), never handed out twice, also
    not to two registrations at the same moment: the series' counter row stays locked until
    the caller's transaction ends, so a rolled-back registration gives its number back.

    IN_USE, a lazy queryset of the references that begin with SERIES, is read only when the
    series starts, so that numbers given before the counter existed are not given again."""
    counter = SerialCounter.objects.filter(series=series)
    # An UPDATE takes the row lock at once (on SQLite the write lock), with no read before it
    # that a concurrent writer could make stale.
    if not counter.update(last=F("last") + 1):
        last = max((int(reference.removeprefix(series)) for reference in in_use), default=0)
        # A concurrent first registration waits here on the unique series until the other
        # commits, inserts nothing, and then counts on the other's row.
        SerialCounter.objects.bulk_create(
            [SerialCounter(series=series, last=last)], ignore_conflicts=True
        )
        counter.update(last=F("last") + 1)
    return counter.get().last
