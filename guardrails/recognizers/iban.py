"""IBANs in any letter case, with or without spaces (also after the country code, "DE 89 3704
..."), checked against the country's length.

Presidio's recognizer only reads upper-case IBANs and drops every IBAN whose check digits
fail. People type IBANs in lower case ("de89 3704 ...") and mistype them; a mistyped IBAN is
still the account number of a person, so for a privacy product:

- country code + check digits + the country's exact length + a valid checksum: score 1.0;
- the same shape with a failing checksum (upper-case country code, check digits 02-98):
  :data:`MISTYPED_SCORE`, below the default threshold, so it is protected only when a
  context word ("IBAN", "Konto", "account" ...) stands near (+0.35);
- anything else is no IBAN.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: Score of a well-formed IBAN whose check digits fail (context makes it count).
MISTYPED_SCORE = 0.3
VALID_SCORE = 1.0

# ISO 13616 registry: country code -> IBAN length
_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

_CANDIDATE = regex.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
_GROUP_END = regex.compile(r"(?=[ -])|$")


class IbanCodeRecognizer(SpanRecognizer):
    """IBAN_CODE: checksum-valid IBANs (1.0) and mistyped well-formed ones (low score)."""

    ENTITY = "IBAN_CODE"
    NAME = "IbanRecognizer"
    CONTEXT = (
        "iban", "bank", "account", "transfer", "payment", "konto", "kontonummer",
        "bankverbindung", "überweisung", "überweisen", "zahlung",
    )  # fmt: skip

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """IBANs in ``text``."""
        for match in _CANDIDATE.finditer(text):
            found = iban_span(match.group())
            if found is not None:
                end, score = found
                yield match.start(), match.start() + end, score


def iban_span(candidate: str) -> tuple[int, float] | None:
    """(length of the IBAN at the start of ``candidate``, score), or None.

    Trailing groups that make the country's length overshoot are dropped
    ("DE89 3704 0044 0532 0130 00 2" keeps the IBAN without the " 2").
    """
    expected = _LENGTHS.get(candidate[:2].upper())
    if expected is None:
        return None
    ends = sorted({m.start() for m in _GROUP_END.finditer(candidate)} | {len(candidate)})
    for end in reversed(ends):
        compact = candidate[:end].replace(" ", "").replace("-", "").upper()
        if len(compact) == expected:
            if checksum_ok(compact):
                return end, VALID_SCORE
            if candidate[:2].isupper() and 2 <= int(compact[2:4]) <= 98:
                return end, MISTYPED_SCORE
            return None
        if len(compact) < expected:
            return None
    return None


def checksum_ok(compact: str) -> bool:
    """ISO 7064 mod 97-10 over an upper-case IBAN without separators."""
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1
    except ValueError:
        return False
