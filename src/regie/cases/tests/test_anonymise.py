"""The anonymiser as a table: what it must replace, what it must leave, and how it tells."""

from datetime import date

import pytest

from regie.cases.anonymise import Kind, Known, anonymise, bsn_variants, date_variants

ANNA = Known("[resident]", ("Anna Willems",), is_name=True)
COR = Known("[mentor 1]", ("Cor van Dijk",), is_name=True)


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # Names the case knows, whole and in parts.
        ("Anna Willems belde.", [ANNA], "[resident] belde."),
        ("Mevrouw Willems belde.", [ANNA], "Mevrouw [resident] belde."),
        ("Anna belde, en Anna's zoon ook.", [ANNA], "[resident] belde, en [resident]'s zoon ook."),
        ("A. Willems tekende.", [ANNA], "[resident] tekende."),
        ("ANNA WILLEMS", [ANNA], "[resident]"),
        (
            "De mentor, Cor van Dijk, en meneer van Dijk.",
            [COR],
            "De mentor, [mentor 1], en meneer [mentor 1].",
        ),
        ("Dijk kwam langs.", [COR], "[mentor 1] kwam langs."),
        ("Willem en Annabel", [ANNA], "Willem en Annabel"),  # no partial words
        ("Gemeente van de stad", [COR], "Gemeente van de stad"),  # particles alone stay
        # Known values other than names.
        ("BSN 999990019.", [Known("[BSN]", bsn_variants("999990019"))], "BSN [BSN]."),
        ("BSN 9999.90.019.", [Known("[BSN]", bsn_variants("999990019"))], "BSN [BSN]."),
        (
            "Geboren 12 maart 1985.",
            [Known("[born]", date_variants(date(1985, 3, 12)))],
            "Geboren [born].",
        ),
        (
            "Geboren 12-3-1985.",
            [Known("[born]", date_variants(date(1985, 3, 12)))],
            "Geboren [born].",
        ),
        ("Woont Lindenlaan 12.", [Known("[home]", ("Lindenlaan 12",))], "Woont [home]."),
        # Patterns, whoever they are about.
        ("BSN 111222333 of 999990020", [], "BSN [BSN 1] of [BSN 2]"),
        ("Nummer 123456789 is geen BSN", [], "Nummer 123456789 is geen BSN"),
        ("Bel 06-12345678 of 06 1234 5679", [], "Bel [phone 1] of [phone 2]"),
        (
            "Bel 0612345678, +31 6 12345678 of 0031612345678",
            [],
            "Bel [phone 1], [phone 2] of [phone 3]",
        ),
        ("Praktijk: (010) 123 45 67 en 010-1234567", [], "Praktijk: [phone 1] en [phone 1]"),
        ("Broer in België: +32 470 12 34 56", [], "Broer in België: [phone 1]"),
        ("Mail k.bos@delinde.example graag", [], "Mail [e-mail 1] graag"),
        ("IBAN NL91 ABNA 0417 1643 00 en NL91ABNA0417164300", [], "IBAN [IBAN 1] en [IBAN 1]"),
        ("Postcode 1234 AB en 5678CD", [], "Postcode [postcode 1] en [postcode 2]"),
        ("Op 3 maart 2024, 2024-05-01 en 01/02/2023", [], "Op [date 1], [date 2] en [date 3]"),
        ("Woont Kerkstraat 5a en Van Goghstraat 12-2", [], "Woont [address 1] en [address 2]"),
        # What is not identifying stays.
        (
            "In 2023 en 2024 kreeg zij 12 uur hulp per week.",
            [],
            "In 2023 en 2024 kreeg zij 12 uur hulp per week.",
        ),
        ("Wmo 2015 art. 2.3.2", [], "Wmo 2015 art. 2.3.2"),
    ],
)
def test_it_replaces_what_identifies_someone(text: str, known: list[Known], expected: str) -> None:
    assert anonymise(text, known).text == expected


def test_it_gives_the_same_value_the_same_placeholder() -> None:
    result = anonymise("Bel 06-12345678. Nogmaals: 0612345678. Of 06-87654321.")
    assert result.text == "Bel [phone 1]. Nogmaals: [phone 1]. Of [phone 2]."


def test_it_lists_every_replacement_once_in_order() -> None:
    result = anonymise("Anna Willems, 06-12345678, Anna Willems", [ANNA])
    assert [(r.kind, r.original, r.placeholder) for r in result.replacements] == [
        (Kind.KNOWN, "Anna Willems", "[resident]"),
        (Kind.PHONE, "06-12345678", "[phone 1]"),
    ]


def test_it_prefers_what_the_case_knows_over_a_pattern() -> None:
    home = Known("[home of the resident]", ("Lindenlaan 12", "1234 AB Lindendal"))
    result = anonymise("Lindenlaan 12, 1234 AB Lindendal; buren op Lindenlaan 14", [home])
    assert result.text == "[home of the resident], [home of the resident]; buren op [address 1]"


def test_it_uses_the_labels_it_is_given() -> None:
    result = anonymise("Bel 06-12345678", labels={Kind.PHONE: "telefoonnummer"})
    assert result.text == "Bel [telefoonnummer 1]"


def test_it_leaves_a_text_without_anything_identifying_alone() -> None:
    result = anonymise("De aanvraag is compleet.", [ANNA])
    assert result.text == "De aanvraag is compleet."
    assert result.replacements == ()


def test_it_ignores_empty_known_values() -> None:
    assert anonymise("Niets", [Known("[x]", ("", "  "))]).text == "Niets"
