"""The signal sources, as a registry of parsers (no Django imports).

Each kind of source turns the lines of what a security tool delivers into facts, one at a
time, so that a file of a million lines is read in constant memory. A source registers itself
with `@register`; `SOURCES[slug]` finds it. Alert sources yield `AlertFact`s and `LineError`s
(a bad line is reported and skipped, the rest goes on); the mail gateway yields `MonthFigures`
and raises `FileRefused` for the first bad line, because half a table of figures is worse
than none.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

HIGH, MEDIUM, LOW = 1, 2, 3


class AlertFact(NamedTuple):
    fingerprint: str
    signature: str
    severity: int
    host: str
    src_ip: str
    src_port: int | None
    dest_ip: str
    dest_port: int | None
    proto: str
    observed_at: datetime


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True)
class MonthFigures:
    period: date
    received: int
    spam: int
    virus: int
    phishing: int


class FileRefused(ValueError):
    """The whole file is refused; LINE (0 for the header) and FIELD say where."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}, {field}: {message}")
        self.line = line
        self.field = field
        self.message = message


Parsed = AlertFact | LineError | MonthFigures


@dataclass(frozen=True)
class SourceKind:
    slug: str
    delivers: str  # "alerts" or "figures"
    parse: Callable[[Iterable[bytes]], Iterator[Parsed]]


SOURCES: dict[str, SourceKind] = {}


def register(slug: str, delivers: str) -> Callable[[Callable[..., Iterator[Parsed]]], Any]:
    def add(parse: Callable[[Iterable[bytes]], Iterator[Parsed]]) -> Any:
        SOURCES[slug] = SourceKind(slug=slug, delivers=delivers, parse=parse)
        return parse

    return add


def fingerprint(*parts: object) -> str:
    """The same alert, delivered twice, has the same fingerprint."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date and time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("the time zone is missing")
    return moment


def _port(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError("expected a port number from 0 to 65535")
    return value


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected text")
    return value.strip()[:limit]


def _lines(stream: Iterable[bytes]) -> Iterator[tuple[int, str | None]]:
    """Line numbers with their text; None for a line that is not UTF-8."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


class _Bad(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message


def _field(event: dict[str, Any], name: str, check: Callable[[Any], Any]) -> Any:
    try:
        return check(event.get(name))
    except ValueError as exc:
        raise _Bad(name, str(exc)) from None


@register("suricata-eve", delivers="alerts")
def parse_eve(stream: Iterable[bytes]) -> Iterator[Parsed]:
    """Suricata's EVE JSON: one event per line. Alerts are taken; other event types (flow,
    dns, stats, …) are passed over without complaint."""
    loads = json.loads
    for number, raw in enumerate(stream, start=1):
        if b'"alert"' not in raw:
            # Not an alert (an alert line names its event type and holds an "alert" object);
            # still a bad line if it is not JSON at all.
            if raw.strip() and not _is_json_object(raw):
                yield LineError(number, "line", "not a JSON object")
            continue
        try:
            event = loads(raw)
        except ValueError:
            yield LineError(
                number, "line", "not UTF-8 JSON" if _not_utf8(raw) else "not a JSON object"
            )
            continue
        if not isinstance(event, dict):
            yield LineError(number, "line", "not a JSON object")
            continue
        if event.get("event_type") != "alert":
            continue
        try:
            yield _eve_alert(event)
        except _Bad as bad:
            yield LineError(number, bad.field, bad.message)


def _eve_alert(event: dict[str, Any]) -> AlertFact:
    alert = event.get("alert")
    if not isinstance(alert, dict):
        raise _Bad("alert", "expected an object with signature and severity")
    signature = alert.get("signature")
    if not isinstance(signature, str) or not signature.strip():
        raise _Bad("alert.signature", "expected text")
    severity = alert.get("severity")
    if isinstance(severity, bool) or not isinstance(severity, int) or severity < 1:
        raise _Bad("alert.severity", "expected a whole number from 1 (high) upwards")
    stamp = event.get("timestamp")
    try:
        observed_at = _timestamp(stamp)
    except ValueError as exc:
        raise _Bad("timestamp", str(exc)) from None
    src_ip, dest_ip = _ip(event, "src_ip"), _ip(event, "dest_ip")
    src_port, dest_port = event.get("src_port"), event.get("dest_port")
    for name, port in (("src_port", src_port), ("dest_port", dest_port)):
        if port is not None and (type(port) is not int or not 0 <= port <= 65535):
            raise _Bad(name, "expected a port number from 0 to 65535")
    proto = str(event.get("proto", ""))[:10]
    signature = signature.strip()[:500]
    key = (
        f"eve\x1f{stamp}\x1f{event.get('flow_id', '')}\x1f{alert.get('signature_id', '')}"
        f"\x1f{signature}\x1f{src_ip}\x1f{src_port}\x1f{dest_ip}\x1f{dest_port}\x1f{proto}"
    )
    return AlertFact(
        hashlib.sha256(key.encode()).hexdigest()[:32],
        signature,
        min(severity, LOW),
        dest_ip,
        src_ip,
        src_port,
        dest_ip,
        dest_port,
        proto,
        observed_at,
    )


def _ip(event: dict[str, Any], name: str) -> str:
    address = event.get(name)
    if not isinstance(address, str) or not address or len(address) > 45:
        raise _Bad(name, "expected an IP address")
    return address


def _is_json_object(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _severity_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("expected a whole number from 1 (high) upwards")
    return value


_SEVERITY_WORDS = {"critical": HIGH, "high": HIGH, "medium": MEDIUM, "low": LOW, "info": LOW}


def _severity_word(value: object) -> int:
    if isinstance(value, str) and value.strip().lower() in _SEVERITY_WORDS:
        return _SEVERITY_WORDS[value.strip().lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return min(value, LOW)
    raise ValueError("expected critical, high, medium, low or info (or 1 to 3)")


@register("webhook", delivers="alerts")
def parse_webhook(stream: Iterable[bytes]) -> Iterator[Parsed]:
    """A generic JSON webhook for other tools: one event object per line (JSON Lines), or a
    single JSON document holding an object or a list of objects. Fields: title, severity,
    timestamp, host, and optionally source, destination and id."""
    buffered = iter(stream)
    first = next(buffered, None)
    if first is None:
        return
    if first.lstrip()[:1] == b"[" or (first.strip() == b"{"):
        # One JSON document over several lines: small by nature (a webhook call).
        document = first + b"".join(buffered)
        try:
            data = json.loads(document)
        except ValueError:
            yield LineError(1, "body", "not valid JSON")
            return
        events = data if isinstance(data, list) else [data]
        for index, event in enumerate(events, start=1):
            yield _webhook_event(index, event)
        return
    yield from (
        _webhook_line(number, text)
        for number, text in _lines(_chain(first, buffered))
        if text is None or text.strip()
    )


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _webhook_line(number: int, text: str | None) -> Parsed:
    if text is None:
        return LineError(number, "line", "not UTF-8 text")
    try:
        event = json.loads(text)
    except ValueError:
        return LineError(number, "line", "not a JSON object")
    return _webhook_event(number, event)


def _webhook_event(number: int, event: object) -> Parsed:
    if not isinstance(event, dict):
        return LineError(number, "event", "not a JSON object")
    try:
        title = _field(event, "title", lambda v: _text(v, 500))
        severity = _field(event, "severity", _severity_word)
        observed_at = _field(event, "timestamp", _timestamp)
        host = _field(event, "host", lambda v: _text(v, 255))
        source = _field(event, "source", lambda v: "" if v is None else _text(v, 45))
        destination = _field(event, "destination", lambda v: "" if v is None else _text(v, 45))
    except _Bad as bad:
        return LineError(number, bad.field, bad.message)
    return AlertFact(
        fingerprint=fingerprint(
            "webhook", event.get("id", ""), title, observed_at.isoformat(), host, source
        ),
        signature=title,
        severity=severity,
        host=host,
        src_ip=source,
        src_port=None,
        dest_ip=destination,
        dest_port=None,
        proto="",
        observed_at=observed_at,
    )


MAIL_COLUMNS = ("period", "received", "spam", "virus", "phishing")


@register("mail-gateway", delivers="figures")
def parse_mail_csv(stream: Iterable[bytes]) -> Iterator[Parsed]:
    """The mail gateway's monthly summary as CSV with a header row: period (YYYY-MM),
    received, spam, virus, phishing. Raises FileRefused naming the line and the column."""
    text = io.TextIOWrapper(io.BufferedReader(_Readable(stream)), encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except UnicodeDecodeError:
        raise FileRefused(1, "file", "not UTF-8 text") from None
    for column in MAIL_COLUMNS:
        if column not in header:
            raise FileRefused(1, column, "this column is missing")
    where = {column: header.index(column) for column in MAIL_COLUMNS}
    seen: set[date] = set()
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values = {
                column: row[index].strip() if index < len(row) else ""
                for column, index in where.items()
            }
            period = _period(line, values["period"])
            if period in seen:
                raise FileRefused(line, "period", "this month appears twice")
            seen.add(period)
            counts = {column: _count(line, column, values[column]) for column in MAIL_COLUMNS[1:]}
            for part in ("spam", "virus", "phishing"):
                if counts[part] > counts["received"]:
                    raise FileRefused(line, part, "more than the number received")
            yield MonthFigures(period=period, **counts)
    except UnicodeDecodeError:
        raise FileRefused(reader.line_num + 1, "file", "not UTF-8 text") from None


def _period(line: int, value: str) -> date:
    try:
        year, month = value.split("-")[:2]
        return date(int(year), int(month), 1)
    except ValueError:
        raise FileRefused(line, "period", "expected a month as YYYY-MM") from None


def _count(line: int, column: str, value: str) -> int:
    if not value.isdigit():
        raise FileRefused(line, column, "expected a whole number of zero or more")
    return int(value)


class _Readable(io.RawIOBase):
    """A byte stream over an iterable of chunks or lines, for TextIOWrapper."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size
