"""`regie assess_breach FILE`: JSON in, JSON out in the same order, errors naming the field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REGIE = Path(sys.executable).parent / "regie"
LAPTOP = {
    "personal_data": True,
    "data_categories": ["name", "health"],
    "subjects": 250,
    "confidentiality_loss": True,
    "unintelligible": True,
    "discovered_at": "2026-03-27T10:00:00+01:00",
}
USB_STICK = {**LAPTOP, "unintelligible": False}


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own console script)
        [str(REGIE), "assess_breach", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_it_assesses_an_object_from_a_file(tmp_path: Path) -> None:
    facts = tmp_path / "laptop.json"
    facts.write_text(json.dumps(LAPTOP))

    done = _run(str(facts))

    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["risk"] == "none"
    assert answer["notify_authority"] is False
    assert answer["authority_deadline"] is None


def test_it_assesses_an_array_from_stdin_in_the_same_order() -> None:
    done = _run("-", stdin=json.dumps([USB_STICK, LAPTOP]))

    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert [answer["risk"] for answer in answers] == ["high", "none"]
    # 72 elapsed hours across the night the clocks go forward.
    assert answers[0]["authority_deadline"] == "2026-03-30T11:00:00+02:00"


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (json.dumps({**LAPTOP, "colour": "red"}), "-: colour: unknown field"),
        (json.dumps([LAPTOP, {**LAPTOP, "data_categories": ["dna"]}]), "[1].data_categories[0]"),
        (json.dumps({**LAPTOP, "subjects": -4}), "-: subjects: cannot be negative"),
        ("{not json", "-: not JSON"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(stdin: str, message: str) -> None:
    done = _run("-", stdin=stdin)

    assert done.returncode == 1
    assert message in done.stderr
    assert done.stdout == ""


def test_it_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "missing.json"))

    assert done.returncode == 1
    assert "missing.json: cannot read" in done.stderr
