"""Case numbers, cover-sheet codes and finding them in the text of scanned post. Pure: no
Django.

A case number reads "WMO-2026-0001": the law, the year the case was opened and a serial
number within both. A cover-sheet code reads "RGP-7KQ2-M9XD": eight characters of Crockford's
base32 (no I, L, O or U, so it survives being read back from paper), chosen at random per case.
The cover sheet carries both, and no name or BSN.

Text recognition reads a zero as the letter O and a one as I or l now and then; as Crockford's
decoding rules say, those letters are read back as the digits they were (and a slash as the
seven it was). It also swaps look-alikes such as Q and 0 or Z and 2: `lookalike_codes` gives
the codes a misread one may have been, for a case to be looked up by when the code as read
names none.
"""

import itertools
import math
import re
import secrets
from dataclasses import dataclass

NUMBER_PREFIXES = {"wmo": "WMO", "jeugdwet": "JW", "participatiewet": "PW"}
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
COVER_PREFIX = "RGP"

_NUMBER = re.compile(r"\b(WMO|JW|PW)\s*-\s*(\d{4})\s*-\s*(\d{4,6})\b")
_READ_AS = str.maketrans("OIL/", "0117")
_READABLE = re.escape(_ALPHABET + "OIL/")
_CODE = re.compile(
    rf"\b{COVER_PREFIX}\s*-\s*([{_READABLE}]{{4}})\s*-\s*([{_READABLE}]{{4}})(?![0-9A-Z])"
)
# Characters of the alphabet that text recognition takes for one another.
_LOOKALIKES = {
    "0": "QD",
    "Q": "0",
    "D": "0",
    "2": "Z",
    "Z": "2",
    "5": "S",
    "S": "5",
    "8": "B",
    "B": "8",
    "6": "G",
    "G": "6",
    "1": "T",
    "T": "1",
}
LOOKALIKES_MAX = 256


def case_number(law: str, year: int, serial: int) -> str:
    return f"{NUMBER_PREFIXES[law]}-{year:04d}-{serial:04d}"


def number_stem(law: str, year: int) -> str:
    """What every case number of LAW opened in YEAR begins with."""
    return f"{NUMBER_PREFIXES[law]}-{year:04d}-"


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


def lookalike_codes(code: str) -> frozenset[str]:
    """The codes CODE may have been before look-alike characters were swapped in reading it,
    CODE itself included; just CODE when there would be more than LOOKALIKES_MAX of them."""
    chars = [
        c + _LOOKALIKES.get(c, "") for c in code.removeprefix(f"{COVER_PREFIX}-").replace("-", "")
    ]
    if len(chars) != 8 or math.prod(len(c) for c in chars) > LOOKALIKES_MAX:
        return frozenset({code})
    return frozenset(
        f"{COVER_PREFIX}-{''.join(p[:4])}-{''.join(p[4:])}" for p in itertools.product(*chars)
    )


def find_references(text: str) -> References:
    """Every cover-sheet code and case number in TEXT, normalised; spaces around the dashes
    (text extraction adds them now and then), lower case, and O, I, L or / for 0, 1 or 7 in a
    code are tolerated."""
    upper = text.upper()
    codes = frozenset(
        f"{COVER_PREFIX}-{a.translate(_READ_AS)}-{b.translate(_READ_AS)}"
        for a, b in _CODE.findall(upper)
    )
    numbers = frozenset(f"{law}-{year}-{serial}" for law, year, serial in _NUMBER.findall(upper))
    return References(codes=codes, numbers=numbers)
