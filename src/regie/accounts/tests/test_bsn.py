import pytest

from regie.core.bsn import is_valid_bsn, normalise_bsn


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("999990019", True),
        ("111222333", True),
        ("123456782", True),
        ("999990018", False),  # one digit off: the 11-proef catches it
        ("123456789", False),
        ("000000000", False),  # passes the sum but is no BSN
        ("99999001", False),  # eight digits
        ("9999900190", False),  # ten digits
        ("99999001a", False),
        ("９９９９９００１９", False),  # full-width digits are not ASCII
        ("", False),
    ],
)
def test_it_applies_the_eleven_check(value: str, valid: bool) -> None:
    assert is_valid_bsn(value) is valid


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [("9999.90.019", "999990019"), (" 999990019 ", "999990019"), ("12345672", "012345672")],
)
def test_it_normalises_what_people_type(typed: str, normalised: str) -> None:
    assert normalise_bsn(typed) == normalised
