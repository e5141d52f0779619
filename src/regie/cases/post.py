"""Case numbers, cover-sheet codes and finding them in the text of scanned post. Pure: no
Django.

A case number reads "WMO-2026-0001": the law, the year the case was opened and a serial
number within both. A cover-sheet code reads "RGP-7KQ2-M9XD": eight characters of Crockford's
base32 (no I, L, O or U, so it survives being read back from paper), chosen at random per case.
The cover sheet carries both, and no name or BSN.
"""

import re
import secrets
from dataclasses import dataclass

NUMBER_PREFIXES = {"wmo": "WMO", "jeugdwet": "JW", "participatiewet": "PW"}
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
COVER_PREFIX = "RGP"

_NUMBER = re.compile(r"\b(WMO|JW|PW)\s*-\s*(\d{4})\s*-\s*(\d{4,6})\b")
_CODE = re.compile(rf"\b{COVER_PREFIX}\s*-\s*([{_ALPHABET}]{{4}})\s*-\s*([{_ALPHABET}]{{4}})\b")


def case_number(law: str, year: int, serial: int) -> str:
    return f"{NUMBER_PREFIXES[law]}-{year:04d}-{serial:04d}"


def number_stem(law: str, year: int) -> str:
    """What every case number of LAW opened in YEAR begins with."""
    return f"{NUMBER_PREFIXES[law]}-{year:04d}-"


def serial_of(number: str) -> int:
    return int(number.rsplit("-", 1)[1])


def new_cover_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{COVER_PREFIX}-{chars[:4]}-{chars[4:]}"


@dataclass(frozen=True)
class References:
    """The cover-sheet codes and case numbers found in a text."""

    codes: frozenset[str]
    numbers: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.codes and not self.numbers


def find_references(text: str) -> References:
    """Every cover-sheet code and case number in TEXT, normalised; spaces around the dashes
    (text extraction adds them now and then) and lower case are tolerated."""
    upper = text.upper()
    codes = frozenset(f"{COVER_PREFIX}-{a}-{b}" for a, b in _CODE.findall(upper))
    numbers = frozenset(f"{law}-{year}-{serial}" for law, year, serial in _NUMBER.findall(upper))
    return References(codes=codes, numbers=numbers)
