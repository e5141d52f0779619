import json
from datetime import datetime, time
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from regie.processing_log.otlp import export_batches, to_otlp


class Command(BaseCommand):
    help = (
        "Export the processing log as OTLP/JSON spans in the LDV shape, one resourceSpans "
        "document per line (JSON Lines, as an OpenTelemetry collector's file receiver reads)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="only records that ended at or after this ISO time")
        parser.add_argument("--until", help="only records that ended before this ISO time")
        parser.add_argument("--output", help="write to this file instead of standard output")
        parser.add_argument("--batch", type=int, default=5000, help="spans per line")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _moment("--since", options["since"])
        until = _moment("--until", options["until"])
        if since is not None and until is not None and until <= since:
            raise CommandError("--until must be later than --since")
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1")
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                spans, lines = _export(output, since, until, options["batch"])
        else:
            spans, lines = _export(self.stdout, since, until, options["batch"])
        self.stderr.write(f"Exported {spans} spans in {lines} lines.")


def _export(
    output: IO[str] | OutputWrapper, since: datetime | None, until: datetime | None, batch: int
) -> tuple[int, int]:
    spans = lines = 0
    for records in export_batches(since=since, until=until, batch=batch):
        output.write(json.dumps(to_otlp(records), separators=(",", ":")) + "\n")
        spans += len(records)
        lines += 1
    return spans, lines


def _moment(option: str, value: str | None) -> datetime | None:
    """An ISO 8601 time or date; without an offset it is read in Regie's time zone."""
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time()) if day is not None else None
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"{option}: {value!r} is not an ISO 8601 time such as 2026-01-31T12:00")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
