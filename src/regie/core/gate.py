"""The one gate for personal data, at the bottom of the stack.

Models that hold a resident's personal data use `PersonalDataManager`. It refuses every
query unless the gate is open, and only `regie.processing_log.processing()` opens it, which
writes a processing-log record in the same transaction. So a view cannot read a dossier
without leaving a trace: it has to go through a selector or service that opens the gate.

`system_access` opens the gate for administrative queries that read nothing about a person
(the start-up check that no demo rows remain). Every use names its reason and is greppable.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models

_open: ContextVar[object | None] = ContextVar("regie_gate", default=None)


class UngatedAccess(RuntimeError):
    """Personal data was queried outside a logged processing."""


def current() -> object | None:
    """What opened the gate (a processing, or a system reason), or None."""
    return _open.get()


@contextmanager
def opened_by(holder: object) -> Iterator[None]:
    token = _open.set(holder)
    try:
        yield
    finally:
        _open.reset(token)


@contextmanager
def system_access(reason: str) -> Iterator[None]:
    if not reason.strip():
        raise ValueError("system_access needs a reason")
    with opened_by(f"system: {reason}"):
        yield


def _require_open(model: type[models.Model]) -> None:
    if _open.get() is None:
        raise UngatedAccess(
            f"{model.__name__} holds personal data: read or write it through a selector or "
            "service that runs inside processing_log.processing()"
        )


class PersonalDataQuerySet(models.QuerySet):
    """Checks the gate when the query runs, so a queryset built inside a processing cannot be
    evaluated later outside it (a lazy queryset in a template, say)."""

    def _fetch_all(self) -> None:
        _require_open(self.model)
        super()._fetch_all()

    def iterator(self, *args: Any, **kwargs: Any) -> Any:
        _require_open(self.model)
        return super().iterator(*args, **kwargs)

    def count(self) -> int:
        _require_open(self.model)
        return super().count()

    def exists(self) -> bool:
        _require_open(self.model)
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        _require_open(self.model)
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        _require_open(self.model)
        return super().update(**kwargs)

    def _update(self, *args: Any, **kwargs: Any) -> Any:
        _require_open(self.model)
        return super()._update(*args, **kwargs)  # type: ignore[misc]

    def delete(self) -> tuple[int, dict[str, int]]:
        _require_open(self.model)
        return super().delete()

    def _insert(self, *args: Any, **kwargs: Any) -> Any:
        _require_open(self.model)
        return super()._insert(*args, **kwargs)  # type: ignore[misc]


class PersonalDataManager(models.Manager.from_queryset(PersonalDataQuerySet)):  # type: ignore[misc]
    """Use as `objects` and as the base manager (`Meta.base_manager_name = "objects"`), so
    that related-object access and saves are gated as well."""
