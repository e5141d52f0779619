"""Appending many rows fast: COPY on PostgreSQL, one executemany elsewhere. The ORM's
bulk_create spends longer compiling SQL than the database spends storing the rows, and the
log appends tens of thousands of rows a second. Insert only: nothing here changes a row."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def append_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            # Table and column names come from the model, never from input.
            insert = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(insert, list(rows))
