"""The burgerservicenummer: validation by the 11-proef. No Django imports."""


def is_valid_bsn(value: str) -> bool:
    """True when VALUE is nine digits that pass the 11-proef (weights 9..2 and -1)."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    if value == "000000000":
        return False
    weights = range(9, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], weights, strict=True))
    total -= int(value[8])
    return total % 11 == 0


def normalise_bsn(value: str) -> str:
    """Strip spaces and dots people type, and restore a leading zero dropped by a spreadsheet."""
    digits = "".join(ch for ch in value if ch not in " .-")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits
