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
        ("RGP-HOR8-DV3Y, RGP-1ILK-A/Z3 (read back)", {"RGP-H0R8-DV3Y", "RGP-111K-A7Z3"}, set()),
        ("RGP-GPQY-772ZX (a character read twice)", set(), set()),
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
    code = post.new_cover_code()
    assert post.find_references(code).codes == {code}


def test_it_lists_the_codes_a_misread_code_may_have_been() -> None:
    assert post.lookalike_codes("RGP-YC0R-EG78") == {
        f"RGP-YC{a}R-E{b}7{c}" for a in "0QD" for b in "G6" for c in "8B"
    }
    assert post.lookalike_codes("RGP-HJKM-NPRV") == {"RGP-HJKM-NPRV"}
    assert post.lookalike_codes("RGP-0000-0000") == {"RGP-0000-0000"}  # too many to try
