"""Case numbers and cover-sheet codes found in a page's text (a pure rule, as a table)."""

import pytest

from regie.cases import post


@pytest.mark.parametrize(
    ("text", "codes", "numbers"),
    [
        ("Voorblad RGP-7KQ2-M9XD zaak WMO-2026-0001", {"RGP-7KQ2-M9XD"}, {"WMO-2026-0001"}),
        ("code rgp - 7kq2 - m9xd", {"RGP-7KQ2-M9XD"}, set()),
        ("Uw kenmerk: JW-2025-0042.", set(), {"JW-2025-0042"}),
        ("PW-2026-0001 en PW-2026-0002", set(), {"PW-2026-0001", "PW-2026-0002"}),
        ("RGP-7KQ2-M9XU (U is no Crockford letter)", set(), set()),
        ("Geachte heer, mevrouw", set(), set()),
        ("XWMO-2026-00011", set(), set()),
    ],
)
def test_it_finds_codes_and_numbers(text: str, codes: set[str], numbers: set[str]) -> None:
    found = post.find_references(text)
    assert found.codes == codes
    assert found.numbers == numbers


def test_it_makes_numbers_and_readable_codes() -> None:
    assert post.case_number("jeugdwet", 2026, 7) == "JW-2026-0007"
    assert post.serial_of("WMO-2026-0123") == 123
    code = post.new_cover_code()
    assert post.find_references(code).codes == {code}
