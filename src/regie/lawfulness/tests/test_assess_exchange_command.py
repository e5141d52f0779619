"""`regie assess_exchange FILE`: JSON in, one decision per scenario out, in the same order; a
bad scenario gets the index and the field named, a non-zero exit and no decisions at all."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

CIZ = {
    "law": "wmo",
    "action": "use",
    "counterparty": "ciz",
    "purpose": "support_assessment",
    "necessary": True,
    "subject_age": 40,
}
JEUGDWET = {**CIZ, "counterparty": "jeugdwet_records"}
INSURER = {
    "law": "wmo",
    "action": "provide",
    "counterparty": "health_insurer",
    "purpose": "zvw_tasks",
    "necessary": True,
    "subject_age": 15,
    "subject_capable": False,
}


def _run(path: str, stdin: str = "") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("assess_exchange", path, stdout=out, stderr=err)
    finally:
        sys.stdin = old_stdin
    return out.getvalue(), err.getvalue()


def _file(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_it_decides_an_array_in_order(tmp_path: Path):
    out, _err = _run(_file(tmp_path, [CIZ, JEUGDWET, INSURER]))

    decisions = json.loads(out)
    assert [d["outcome"] for d in decisions] == ["allowed", "consent_required", "consent_required"]
    assert [d["consent_from"] for d in decisions] == [None, "resident", "legal_representative"]


def test_it_answers_one_object_with_one_decision(tmp_path: Path):
    out, _err = _run(_file(tmp_path, CIZ))

    decision = json.loads(out)
    assert decision["outcome"] == "allowed"
    assert decision["legal_basis"] == "public_task"
    assert "wmo.no_consent.ciz" in decision["rules"]


def test_it_reads_standard_input():
    out, _err = _run("-", stdin=json.dumps({**CIZ, "necessary": False}))

    assert json.loads(out)["outcome"] == "not_allowed"


def test_it_names_the_index_and_field_and_decides_nothing(tmp_path: Path):
    bad = [CIZ, {**CIZ, "law": "wwb"}, {k: v for k, v in CIZ.items() if k != "purpose"}]
    out = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("assess_exchange", _file(tmp_path, bad), stdout=out)

    message = str(caught.value)
    assert "[1].law: unknown value 'wwb'" in message
    assert "[2].purpose: required" in message
    assert "[0]" not in message
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('"wmo"', "expected a JSON object or an array"),
        (json.dumps({**CIZ, "subject_age": 14}), "subject_capable: required"),
    ],
)
def test_it_refuses_what_is_not_a_scenario(tmp_path: Path, content: str, expected: str):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=expected):
        _run(str(path))


def test_it_says_when_the_file_cannot_be_read(tmp_path: Path):
    with pytest.raises(CommandError, match="Cannot read"):
        _run(str(tmp_path / "missing.json"))


def _regie(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    regie = Path(sys.executable).parent / "regie"
    return subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(regie), *args],
        input=stdin,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_works_as_a_command_line_program():
    good = _regie("assess_exchange", "-", stdin=json.dumps([INSURER, CIZ]))
    bad = _regie("assess_exchange", "-", stdin=json.dumps([CIZ, {**CIZ, "colour": "red"}]))

    assert good.returncode == 0, good.stderr
    assert [d["outcome"] for d in json.loads(good.stdout)] == ["consent_required", "allowed"]
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert "[1].colour: unknown field" in bad.stderr
