"""Checksum validators that custom recognizers can require (``validator:`` in the policy).

A regex alone finds many numbers; a checksum separates an identifier from a look-alike.
"""

from __future__ import annotations

from collections.abc import Callable


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def luhn_valid(text: str) -> bool:
    """Luhn (mod 10) check used by payment cards and many customer numbers."""
    digits = _digits(text)
    if len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mod97_valid(text: str) -> bool:
    """ISO 7064 MOD 97-10 over the alphanumerics as written (letters A=10 ... Z=35)."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(chars) < 3:
        return False
    number = "".join(str(int(ch, 36)) for ch in chars)
    return int(number) % 97 == 1


def iban_valid(text: str) -> bool:
    """IBAN check: country code, check digits, moved to the end, then MOD 97-10."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(chars) < 15 or len(chars) > 34 or not chars[:2].isalpha() or not chars[2:4].isdigit():
        return False
    return mod97_valid(chars[4:] + chars[:4])


def de_tax_id_valid(text: str) -> bool:
    """German Steuer-Identifikationsnummer: 11 digits, ISO 7064 MOD 11,10 check digit."""
    digits = _digits(text)
    if len(digits) != 11 or digits[0] == "0":
        return False
    product = 10
    for ch in digits[:10]:
        total = (int(ch) + product) % 10
        if total == 0:
            total = 10
        product = (total * 2) % 11
    check = 11 - product
    if check == 10:
        check = 0
    return check == int(digits[10])


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn_valid,
    "iban": iban_valid,
    "de_tax_id": de_tax_id_valid,
    "mod97": mod97_valid,
}
