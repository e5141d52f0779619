"""Scenarios and helpers shared by the tests of the lawfulness records."""

from typing import Any

from regie.accounts.models import Resident
from regie.lawfulness import rules
from regie.processing_log.models import ProcessingRecord

JEUGDWET_DATA: dict[str, Any] = {
    "law": "wmo",
    "action": "use",
    "counterparty": "jeugdwet_records",
    "purpose": "support_assessment",
    "necessary": True,
    "subject_age": 40,
}


def scenario(**changes: Any) -> rules.Scenario:
    return rules.parse_scenario({**JEUGDWET_DATA, **changes})


def log_names(resident: Resident, prefix: str) -> list[str]:
    """The names of the processing-log records about RESIDENT starting with PREFIX."""
    return list(
        ProcessingRecord.objects.filter(
            data_subject_id=resident.subject_pseudonym, name__startswith=prefix
        )
        .order_by("id")
        .values_list("name", flat=True)
    )
