"""The assessment as a table: the council letter's own examples (a lost USB stick, a stolen
laptop, a hacker in a database), the cases of EDPB guidelines 01/2021 and the rules of the
issue, each row with the outcome and the rules that must explain it."""

from datetime import datetime
from typing import Any

import pytest

from regie.breaches.assessment import (
    CATEGORIES,
    InputError,
    as_json,
    assess,
    assess_json,
    authority_deadline,
    parse,
)

DISCOVERED = "2026-06-10T09:30:00+02:00"
DEADLINE = "2026-06-13T09:30:00+02:00"


def _facts(**fields: Any) -> dict[str, Any]:
    return {"personal_data": True, "subjects": 1, "discovered_at": DISCOVERED, **fields}


# name, input, (breach, risk, notify_authority, notify_subjects), rules among the reasons
TABLE = [
    (
        "letter: stolen laptop, disk encrypted with the key safe",
        _facts(
            confidentiality_loss=True,
            unintelligible=True,
            data_categories=["name", "health"],
            subjects=300,
        ),
        (True, "none", False, False),
        {"unintelligible", "no-notification"},
    ),
    (
        "letter: stolen laptop, not encrypted, Wmo dossiers",
        _facts(
            confidentiality_loss=True, data_categories=["name", "address", "health"], subjects=300
        ),
        (True, "high", True, True),
        {"sensitive-data", "notify-authority", "notify-subjects"},
    ),
    (
        "letter: lost USB stick with a list of names and addresses",
        _facts(confidentiality_loss=True, data_categories=["name", "address"], subjects=40),
        (True, "risk", True, False),
        {"disclosure", "notify-authority"},
    ),
    (
        "letter: lost USB stick with BSNs",
        _facts(confidentiality_loss=True, data_categories=["name", "bsn"], subjects=40),
        (True, "high", True, True),
        {"sensitive-data"},
    ),
    (
        "letter: hacker in a database of benefit recipients",
        _facts(
            confidentiality_loss=True,
            data_categories=["name", "address", "bsn", "financial"],
            subjects=5200,
        ),
        (True, "high", True, True),
        {"sensitive-data", "notify-subjects"},
    ),
    (
        "EDPB 01/2021 2: ransomware with a backup, nothing taken, restored within hours",
        _facts(availability_loss_hours=5, data_categories=["name", "health"], subjects=900),
        (True, "none", False, False),
        {"short-outage", "no-notification"},
    ),
    (
        "EDPB 01/2021 2: ransomware without a backup, data lost",
        _facts(permanent_loss=True, data_categories=["name", "contact"], subjects=900),
        (True, "risk", True, False),
        {"permanent-loss", "notify-authority"},
    ),
    (
        "permanent loss of youth care files without a backup",
        _facts(permanent_loss=True, data_categories=["children", "health"], subjects=60),
        (True, "high", True, True),
        {"permanent-loss", "notify-subjects"},
    ),
    (
        "outage of two days of the Wmo system",
        _facts(availability_loss_hours=48, data_categories=["name"], subjects=2000),
        (True, "risk", True, False),
        {"long-outage"},
    ),
    (
        "letter: mail to the wrong recipient, a trusted partner who deleted it",
        _facts(
            confidentiality_loss=True,
            data_categories=["name", "contact"],
            recipient_trusted_and_deleted=True,
        ),
        (True, "none", False, False),
        {"trusted-recipient", "no-notification"},
    ),
    (
        "mail with health data to a trusted recipient who deleted it",
        _facts(
            confidentiality_loss=True,
            data_categories=["name", "health"],
            recipient_trusted_and_deleted=True,
        ),
        (True, "risk", True, False),
        {"sensitive-data", "trusted-recipient"},
    ),
    (
        "mail with health data to an unknown recipient",
        _facts(confidentiality_loss=True, data_categories=["name", "health"]),
        (True, "high", True, True),
        {"sensitive-data"},
    ),
    (
        "shelter address reaching the person a resident fled",
        _facts(
            confidentiality_loss=True,
            data_categories=["name", "address"],
            vulnerable_subjects=True,
        ),
        (True, "high", True, True),
        {"vulnerable-subjects", "notify-subjects"},
    ),
    (
        "names of a thousand people disclosed",
        _facts(confidentiality_loss=True, data_categories=["name"], subjects=1000),
        (True, "high", True, True),
        {"large-scale"},
    ),
    (
        "altered care decisions",
        _facts(integrity_loss=True, data_categories=["health"], subjects=12),
        (True, "high", True, True),
        {"integrity"},
    ),
    (
        "altered phone numbers",
        _facts(integrity_loss=True, data_categories=["contact"], subjects=12),
        (True, "risk", True, False),
        {"integrity"},
    ),
    (
        "an outage of a system without personal data",
        {"subjects": 0, "discovered_at": DISCOVERED, "availability_loss_hours": 50},
        (False, "none", False, False),
        {"no-personal-data"},
    ),
    (
        "personal data involved but nothing lost",
        _facts(data_categories=["name"]),
        (False, "none", False, False),
        {"no-loss"},
    ),
]


@pytest.mark.parametrize(
    ("facts", "outcome", "rules"), [row[1:] for row in TABLE], ids=[row[0] for row in TABLE]
)
def test_it_decides_each_case_of_the_table(
    facts: dict[str, Any], outcome: tuple[bool, str, bool, bool], rules: set[str]
) -> None:
    result = assess(parse(facts))

    got = (result.is_personal_data_breach, result.risk, result.notify_authority)
    assert (*got, result.notify_subjects) == outcome
    assert rules <= {reason.rule for reason in result.reasons}
    assert all(reason.source and reason.text for reason in result.reasons)
    if result.notify_authority:
        assert result.authority_deadline == datetime.fromisoformat(DEADLINE)
    else:
        assert result.authority_deadline is None


def test_it_gives_the_issues_example_exactly() -> None:
    laptop = {
        "personal_data": True,
        "data_categories": ["name", "address", "health"],
        "subjects": 250,
        "confidentiality_loss": True,
        "unintelligible": True,
        "discovered_at": DISCOVERED,
    }

    answer = assess_json(laptop)

    assert isinstance(answer, dict)
    assert list(answer) == [
        "is_personal_data_breach",
        "risk",
        "notify_authority",
        "notify_subjects",
        "authority_deadline",
        "reasons",
    ]
    assert answer["risk"] == "none"
    assert answer["notify_authority"] is answer["notify_subjects"] is False
    assert answer["authority_deadline"] is None
    assert [reason["rule"] for reason in answer["reasons"]] == [
        "breach-documented",
        "unintelligible",
        "no-notification",
    ]
    assert "AVG art. 34(3)(a)" in answer["reasons"][1]["source"]


@pytest.mark.parametrize(
    ("discovered", "deadline"),
    [
        # Clocks go forward on 29 March 2026: 72 elapsed hours end an hour later on the clock.
        ("2026-03-27T10:00:00+01:00", "2026-03-30T11:00:00+02:00"),
        # Clocks go back on 25 October 2026: an hour earlier on the clock.
        ("2026-10-23T10:00:00+02:00", "2026-10-26T09:00:00+01:00"),
        # No change: the same hour three days later.
        ("2026-06-10T09:30:00+02:00", "2026-06-13T09:30:00+02:00"),
        # Given in UTC, answered in Dutch time.
        ("2026-03-28T23:00:00+00:00", "2026-04-01T01:00:00+02:00"),
    ],
)
def test_it_counts_72_elapsed_hours_across_daylight_saving(discovered: str, deadline: str) -> None:
    result = authority_deadline(datetime.fromisoformat(discovered))

    assert result.isoformat() == deadline
    elapsed = result - datetime.fromisoformat(discovered)
    assert elapsed.total_seconds() == 72 * 3600


def test_it_answers_a_list_in_the_same_order() -> None:
    answer = assess_json(
        [
            _facts(confidentiality_loss=True, data_categories=["bsn"]),
            _facts(availability_loss_hours=1),
            _facts(confidentiality_loss=True, data_categories=["name"]),
        ]
    )

    assert [item["risk"] for item in answer] == ["high", "none", "risk"]  # type: ignore[index]


def test_it_knows_exactly_the_categories_of_the_issue() -> None:
    assert set(CATEGORIES) == {
        "name",
        "contact",
        "address",
        "bsn",
        "financial",
        "health",
        "special",
        "criminal",
        "children",
        "location",
    }


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (_facts(severity="high"), "severity", "unknown field"),
        (_facts(data_categories=["name", "religion"]), "data_categories[1]", "'religion'"),
        (_facts(data_categories="name"), "data_categories", "list"),
        ({"personal_data": True, "discovered_at": DISCOVERED}, "subjects", "required"),
        ({"personal_data": True, "subjects": 3}, "discovered_at", "required"),
        (_facts(subjects=-1), "subjects", "negative"),
        (_facts(subjects=2.5), "subjects", "whole number"),
        (_facts(subjects=True), "subjects", "whole number"),
        (_facts(availability_loss_hours=-3), "availability_loss_hours", "negative"),
        (_facts(availability_loss_hours="5"), "availability_loss_hours", "number"),
        (_facts(unintelligible="yes"), "unintelligible", "true or false"),
        (_facts(personal_data=1), "personal_data", "true or false"),
        (_facts(discovered_at="2026-06-10T09:30:00"), "discovered_at", "offset"),
        (_facts(discovered_at="yesterday"), "discovered_at", "ISO 8601"),
        ([_facts(), _facts(subjects=-1)], "[1].subjects", "negative"),
        ([_facts(), "laptop"], "[1]", "JSON object"),
        ("laptop", "input", "JSON object"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(data: Any, field: str, words: str) -> None:
    with pytest.raises(InputError) as refusal:
        assess_json(data)

    assert refusal.value.field == field
    assert words in refusal.value.message


def test_it_writes_json_that_round_trips() -> None:
    import json

    result = as_json(assess(parse(_facts(confidentiality_loss=True, data_categories=["bsn"]))))

    assert json.loads(json.dumps(result)) == result
