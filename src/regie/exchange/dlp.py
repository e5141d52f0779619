"""Data-loss prevention: what in a text should not leave the municipality with this share.

Pure Python, no Django. `check` looks for
- burgerservicenummers (nine digits passing the 11-proef, also written with dots or spaces)
  that are not the case's resident's: **blocks** the share outright;
- IBANs (passing the ISO 13616 mod-97 check): a warning;
- the names of other people the case knows (other residents, relatives): a warning;
- terms that point at special categories of personal data (AVG art. 9 and 10: health,
  addiction, religion, ethnicity, sexual life, criminal record): a warning.

A warning asks the consulent for a reason before the share goes out. The result holds kinds and
counts only, never the values found, so it can be stored with the share.
"""

import re
from dataclasses import dataclass, field

from regie.core.bsn import is_valid_bsn

BSN_OTHER = "bsn_other"
IBAN = "iban"
NAME_OTHER = "name_other"
SPECIAL_CATEGORY = "special_category"

# Nine digits, optionally grouped as 4-2-3 or 3-3-3 with dots or spaces, not inside a longer
# number.
_BSN = re.compile(r"(?<![\d.])(\d{4}[. ]?\d{2}[. ]?\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\d])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30})\b")

SPECIAL_TERMS = (
    # health and care
    "diagnose",
    "psychiatr",
    "psychose",
    "depressie",
    "ggz",
    "verslaving",
    "verslaafd",
    "alcoholisme",
    "drugsgebruik",
    "medicatie",
    "medicijnen",
    "ziekenhuisopname",
    "opname",
    "suïcid",
    "suicid",
    "zelfmoord",
    "autisme",
    "adhd",
    "dementie",
    "hiv",
    "kanker",
    "zwanger",
    "abortus",
    "handicap",
    "verstandelijke beperking",
    # religion, ethnicity, sexual life, union
    "moskee",
    "kerkgenootschap",
    "religie",
    "geloofsovertuiging",
    "etniciteit",
    "afkomst",
    "seksuele geaardheid",
    "homoseksueel",
    "transgender",
    "vakbond",
    # criminal data (art. 10)
    "strafblad",
    "veroordeling",
    "veroordeeld",
    "detentie",
    "gedetineerd",
    "reclassering",
    "proces-verbaal",
    "aangifte tegen",
)
_SPECIAL = re.compile("|".join(rf"\b{re.escape(term)}" for term in SPECIAL_TERMS), re.IGNORECASE)


@dataclass(frozen=True)
class DlpResult:
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        """Another resident's BSN: the share may not go out at all."""
        return self.counts.get(BSN_OTHER, 0) > 0

    @property
    def needs_reason(self) -> bool:
        return bool(self.counts) and not self.blocked

    @property
    def clean(self) -> bool:
        return not self.counts

    def as_json(self) -> dict[str, object]:
        return {"counts": dict(sorted(self.counts.items())), "blocked": self.blocked}


def iban_valid(candidate: str) -> bool:
    value = candidate.replace(" ", "").upper()
    if not 15 <= len(value) <= 34 or not value.isalnum():
        return False
    rearranged = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _bsns(text: str) -> list[str]:
    found = []
    for match in _BSN.finditer(text):
        digits = re.sub(r"[. ]", "", match.group(1))
        if is_valid_bsn(digits):
            found.append(digits)
    return found


def check(text: str, *, own_bsns: set[str], other_names: set[str]) -> DlpResult:
    """Look through TEXT; OWN_BSNS are the case's resident's (allowed), OTHER_NAMES the names
    of other people the case knows."""
    counts: dict[str, int] = {}

    def add(kind: str, number: int) -> None:
        if number:
            counts[kind] = counts.get(kind, 0) + number

    add(BSN_OTHER, sum(1 for bsn in _bsns(text) if bsn not in own_bsns))
    add(IBAN, sum(1 for match in _IBAN.finditer(text) if iban_valid(match.group(1))))
    folded = text.casefold()
    for name in other_names:
        name = name.strip()
        if len(name) >= 3:
            add(NAME_OTHER, len(re.findall(rf"\b{re.escape(name.casefold())}\b", folded)))
    add(SPECIAL_CATEGORY, len(_SPECIAL.findall(text)))
    return DlpResult(counts)
