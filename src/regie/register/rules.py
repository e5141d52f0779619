"""Rules of the register that need no database: which AVG art. 6 grounds exist, and when a
ground may not be used. No Django imports; tested as a table of cases."""

import re
from enum import StrEnum


class Ground(StrEnum):
    """The lawful grounds of AVG art. 6 lid 1, by the letter of the sub-paragraph."""

    CONSENT = "a"
    CONTRACT = "b"
    LEGAL_OBLIGATION = "c"
    VITAL_INTERESTS = "d"
    PUBLIC_TASK = "e"
    LEGITIMATE_INTERESTS = "f"

    @property
    def citation(self) -> str:
        return f"AVG art. 6 lid 1 sub {self.value}"


# The social-domain laws that make the municipality's work a statutory task (VNG factsheet:
# consent is never the ground for that work; the law is).
STATUTORY_TASK_LAWS = ("Wmo", "Jeugdwet", "Participatiewet")

_CITED_GROUND = re.compile(r"art(?:ikel|\.)?\s*6\b.*?\bsub\s+([a-f])\b", re.IGNORECASE)


def ground_from_citation(text: str) -> Ground | None:
    """The ground a free-text legal basis cites ("AVG art. 6 lid 1 sub e (...)"), if any."""
    match = _CITED_GROUND.search(text)
    return Ground(match.group(1).lower()) if match else None


def statutory_laws_in(source: str) -> list[str]:
    """The social-domain laws a statutory source names."""
    return [law for law in STATUTORY_TASK_LAWS if re.search(rf"\b{law}", source, re.IGNORECASE)]


def consent_for_statutory_task(ground: str, source: str) -> bool:
    """True when consent is given as the ground for work one of those laws requires."""
    return ground == Ground.CONSENT and bool(statutory_laws_in(source))
