"""Anonymise a case text for a consultation with a colleague. Pure Python, no Django imports.

Two kinds of finding:
- what the case itself knows (`Known`): the resident's name, the names of the people around
  them, their address, date of birth and BSN. Names are also found in parts ("Anna", "Willems",
  "mevrouw Willems", "A. Willems"); each known thing gets its own fixed placeholder;
- what looks identifying whoever it is about: BSNs (the 11-check), dates, phone numbers,
  e-mail addresses, IBANs, postcodes and street addresses. Each distinct value gets a
  numbered placeholder, so the colleague can still follow "[phone 1]" through the text.

Where findings overlap, known things win over patterns and a longer finding over a shorter
one. The result lists every replacement, so the case worker sees what was taken out before
the summary leaves their hands.
"""

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from regie.core.bsn import is_valid_bsn


class Kind(StrEnum):
    KNOWN = "known"
    BSN = "bsn"
    EMAIL = "email"
    IBAN = "iban"
    PHONE = "phone"
    DATE = "date"
    POSTCODE = "postcode"
    ADDRESS = "address"


# The placeholder words for findings by pattern; the caller passes them in its own language.
DEFAULT_LABELS: Mapping[Kind, str] = {
    Kind.BSN: "BSN",
    Kind.EMAIL: "e-mail",
    Kind.IBAN: "IBAN",
    Kind.PHONE: "phone",
    Kind.DATE: "date",
    Kind.POSTCODE: "postcode",
    Kind.ADDRESS: "address",
}


@dataclass(frozen=True)
class Known:
    """Something the case knows: VALUES that identify someone, to be replaced by PLACEHOLDER.
    With `is_name`, the parts of each value (first name, surname with or without its
    particles, initials) are found as well."""

    placeholder: str
    values: tuple[str, ...]
    is_name: bool = False


@dataclass(frozen=True)
class Replacement:
    kind: Kind
    original: str
    placeholder: str


@dataclass(frozen=True)
class Anonymised:
    text: str
    replacements: tuple[Replacement, ...]


# Surname particles (tussenvoegsels) never identify anyone on their own.
PARTICLES = frozenset(
    "van de der den het 't ter ten te in op onder aan bij uit la le du da di von zu".split()
)

DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTH_WORDS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|mrt|march|mar|apr(?:il)?|mei|may|"
    r"jun[ie]?|jul[iy]?|aug(?:ustus|ust)?|sept?(?:ember)?|o[kc]t(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?"
)
_STREET_SUFFIXES = (
    r"straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|steeg|park|dreef|baan|markt|"
    r"ring|plantsoen|allee|erf|veld|wal|hoek|poort|dam|burg|zijde|boulevard"
)

# (kind, pattern), in order of precedence.
_PATTERNS: Sequence[tuple[Kind, re.Pattern[str]]] = (
    (Kind.EMAIL, re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        Kind.IBAN,
        re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"),
    ),
    (
        Kind.PHONE,
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?|\(?0)(?:[\s\-()]*\d){9}(?!\d)"
            r"|(?<![\w+])(?:\+|00)(?!31)\d{1,3}(?:[\s\-]?\d){6,12}(?!\d)"
        ),
    ),
    (
        Kind.BSN,
        re.compile(r"(?<![\d.])(?:\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3})(?![\d])"),
    ),
    (
        Kind.DATE,
        re.compile(
            r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
            r"|\b\d{4}-\d{1,2}-\d{1,2}\b"
            rf"|\b\d{{1,2}}\s+(?:{_MONTH_WORDS})\.?\s+\d{{4}}\b",
            re.IGNORECASE,
        ),
    ),
    (Kind.POSTCODE, re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b")),
    (
        Kind.ADDRESS,
        re.compile(
            r"(?:\b(?:[Vv]an|[Dd]e[nr]?|[Tt]e[nr]?|[Hh]et)\s+)*"
            rf"\b[\w'-]*(?:{_STREET_SUFFIXES})\s+\d{{1,5}}(?:\s?-\s?\d{{1,4}}|\s?[a-zA-Z]\b)?",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class _Finding:
    start: int
    end: int
    precedence: int
    kind: Kind
    placeholder: str | None  # None: numbered per distinct value afterwards


def _name_parts(name: str) -> list[str]:
    """The ways a name turns up in a text: whole, the surname with its particles ("van
    Dijk"), and every part that is not a particle."""
    words = name.split()
    parts = [name]
    if len(words) > 1:
        first_surname_word = next(
            (i for i, word in enumerate(words[1:], 1) if word.lower() in PARTICLES), len(words) - 1
        )
        parts.append(" ".join(words[first_surname_word:]))
    parts += [word for word in words if word.lower() not in PARTICLES and len(word) > 1]
    return parts


def _known_pattern(value: str, *, is_name: bool) -> str:
    escaped = r"\s+".join(re.escape(word) for word in value.split())
    if is_name:
        # Initials before a name belong to it: "A. Willems", "A.B. van Dijk".
        return rf"(?:\b[A-Z]\.\s?)*\b{escaped}\b"
    return rf"(?<!\w){escaped}(?!\w)"


def _find_known(text: str, known: Sequence[Known]) -> list[_Finding]:
    found = []
    for item in known:
        values: list[str] = []
        for value in item.values:
            value = " ".join(value.split())
            if not value:
                continue
            values += _name_parts(value) if item.is_name else [value]
        for value in sorted(set(values), key=len, reverse=True):
            pattern = re.compile(_known_pattern(value, is_name=item.is_name), re.IGNORECASE)
            for match in pattern.finditer(text):
                found.append(_Finding(match.start(), match.end(), 0, Kind.KNOWN, item.placeholder))
    return found


def _find_patterns(text: str) -> list[_Finding]:
    found = []
    for precedence, (kind, pattern) in enumerate(_PATTERNS, 1):
        for match in pattern.finditer(text):
            if kind == Kind.BSN and not is_valid_bsn(re.sub(r"\D", "", match.group())):
                continue
            found.append(_Finding(match.start(), match.end(), precedence, kind, None))
    return found


def _choose(findings: Iterable[_Finding]) -> list[_Finding]:
    """Non-overlapping findings: known before patterns, then the longest, then the first."""
    chosen: list[_Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(
        findings, key=lambda f: (f.precedence > 0, -(f.end - f.start), f.precedence, f.start)
    ):
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        chosen.append(finding)
        taken.append((finding.start, finding.end))
    return sorted(chosen, key=lambda f: f.start)


def _normal(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value).lower()


def anonymise(
    text: str, known: Sequence[Known] = (), labels: Mapping[Kind, str] = DEFAULT_LABELS
) -> Anonymised:
    """TEXT with everything that identifies someone replaced by a neutral placeholder."""
    findings = _choose(_find_known(text, known) + _find_patterns(text))
    numbers: dict[tuple[Kind, str], str] = {}
    counts: dict[Kind, int] = {}
    pieces: list[str] = []
    replacements: dict[tuple[Kind, str], Replacement] = {}
    position = 0
    for finding in findings:
        original = text[finding.start : finding.end]
        placeholder = finding.placeholder
        if placeholder is None:
            key = (finding.kind, _normal(original))
            if key not in numbers:
                counts[finding.kind] = counts.get(finding.kind, 0) + 1
                numbers[key] = f"[{labels[finding.kind]} {counts[finding.kind]}]"
            placeholder = numbers[key]
        pieces += [text[position : finding.start], placeholder]
        position = finding.end
        replacements.setdefault(
            (finding.kind, original), Replacement(finding.kind, original, placeholder)
        )
    pieces.append(text[position:])
    return Anonymised("".join(pieces), tuple(replacements.values()))


def date_variants(day: date) -> tuple[str, ...]:
    """The ways a date is written in Dutch case notes, to find a known date of birth."""
    month = DUTCH_MONTHS[day.month - 1]
    return (
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        day.isoformat(),
        f"{day.day} {month} {day.year}",
        f"{day.day:02d} {month} {day.year}",
    )


def bsn_variants(bsn: str) -> tuple[str, ...]:
    """A BSN as people write it: plain, with dots, with spaces."""
    return (bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}")


def fingerprint(result: Anonymised) -> str:
    """A digest of the anonymised text, so that what is shared is exactly what was checked."""
    return hashlib.sha256(result.text.encode()).hexdigest()
