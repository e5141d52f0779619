"""The data-loss check finds other residents' BSNs (block), IBANs, other people's names and
special-category terms (warn), and stores nothing it found but kinds and counts."""

import pytest

from regie.exchange.dlp import BSN_OTHER, IBAN, NAME_OTHER, SPECIAL_CATEGORY, check, iban_valid

OWN = {"999990019"}


def test_it_passes_a_clean_text_and_the_residents_own_bsn():
    result = check("Ondersteuningsplan. BSN 999990019.", own_bsns=OWN, other_names=set())
    assert result.clean and not result.blocked and not result.needs_reason


@pytest.mark.parametrize("written", ["999990020", "9999.90.020", "9999 90 020", "999.990.020"])
def test_it_blocks_another_residents_bsn_however_written(written: str):
    result = check(f"Zie ook dossier {written}.", own_bsns=OWN, other_names=set())
    assert result.counts == {BSN_OTHER: 1}
    assert result.blocked and not result.needs_reason


def test_it_ignores_nine_digits_that_fail_the_11_proef_or_sit_in_a_longer_number():
    text = "Factuur 123456789, telefoon 0612345678, referentie 9999900201."
    assert check(text, own_bsns=OWN, other_names=set()).clean


def test_it_warns_of_a_valid_iban_only():
    assert iban_valid("NL91ABNA0417164300") and iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL92ABNA0417164300")
    result = check(
        "Rekening NL91 ABNA 0417 1643 00, niet NL92ABNA0417164300.", own_bsns=OWN, other_names=set()
    )
    assert result.counts == {IBAN: 1} and result.needs_reason


def test_it_warns_of_other_peoples_names_as_whole_words():
    result = check(
        "Gesprek met Bram Hendriks en Bram.", own_bsns=OWN, other_names={"Bram Hendriks"}
    )
    assert result.counts == {NAME_OTHER: 1}
    assert check("Abrahamsen", own_bsns=OWN, other_names={"Bram"}).clean


def test_it_warns_of_special_category_terms():
    result = check("Cliënt heeft een Verslaving en een strafblad.", own_bsns=OWN, other_names=set())
    assert result.counts == {SPECIAL_CATEGORY: 2} and result.needs_reason


def test_it_keeps_only_kinds_and_counts():
    result = check("999990020 NL91ABNA0417164300", own_bsns=OWN, other_names=set())
    assert result.as_json() == {"counts": {BSN_OTHER: 1, IBAN: 1}, "blocked": True}
    assert "999990020" not in str(result.as_json())
