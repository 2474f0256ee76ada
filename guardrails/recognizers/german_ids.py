"""German identity numbers as they are printed and typed, on top of Presidio's recognizers.

- **Personalausweis and Reisepass.** The document number is 9 characters of the ICAO set
  (no vowels, no B, D, Q, S), e.g. the specimens' ``T22000129`` and ``C01X00T47``; its check
  digit stands *after* it in the machine-readable zone, and people copy it along
  (``T220001293``). Presidio's recognizers (2.2) read the 9th character as the check digit of
  the first 8, so they drop most real numbers. Here: 9 characters holding a digit, or 10
  whose last is the valid ICAO 7-3-1 check digit (:data:`DOCUMENT_SCORE`). Both need a
  context word ("Personalausweis", "Reisepass", "passport" ...; +0.35) to pass the policy's
  threshold: product and order codes take the same shape, and one in ten of them carries a
  "valid" check digit.
- **Steuer-ID** written in its printed groups (``12 345 678 901``) and **Rentenversicherungs-
  nummer** with spaces (``65 170839 J 003``): the same checksums as Presidio's, on the
  characters without the spaces.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import (
    DeIdCardRecognizer,
    DePassportRecognizer,
    DeSocialSecurityRecognizer,
    DeTaxIdRecognizer,
)

#: Score of a document number (with or without its check digit); a context word adds 0.35
#: (Presidio's enhancer).
DOCUMENT_SCORE = 0.4
_ICAO = "CFGHJKLMNPRTVWXYZ"
#: 9 ICAO characters with at least one digit, perhaps followed by the check digit
_DOCUMENT_PATTERNS = [
    Pattern(
        "document number (ICAO), optional check digit",
        rf"\b(?=[{_ICAO}0-9]{{0,8}}\d)[{_ICAO}][{_ICAO}0-9]{{8}}\d?\b",
        DOCUMENT_SCORE,
    )
]


def icao_check_digit(characters: str) -> int:
    """ICAO Doc 9303 check digit: weights 7, 3, 1 over digits and letters (A=10 ... Z=35)."""
    total = 0
    for i, char in enumerate(characters):
        value = int(char) if char.isdigit() else ord(char) - ord("A") + 10
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def document_number_ok(text: str) -> bool | None:
    """``None`` (the pattern's score stands) for 9 characters, or 10 whose check digit
    holds; ``False`` (dropped) otherwise. Never ``True``: Presidio would score that 1.0
    without any context."""
    number = text.upper()
    if len(number) == 9:
        return None
    if len(number) == 10 and number[-1].isdigit():
        return None if icao_check_digit(number[:9]) == int(number[-1]) else False
    return False


class _DocumentNumber:
    """Patterns and check of a German document number (mixed into Presidio's recognizer)."""

    PATTERNS = _DOCUMENT_PATTERNS

    def validate_result(self, pattern_text: str) -> bool | None:
        return document_number_ok(pattern_text)


class _Despaced:
    """Presidio's checksum on the characters without the spaces of a grouped number."""

    def validate_result(self, pattern_text: str) -> bool | None:
        return super().validate_result(pattern_text.replace(" ", ""))  # type: ignore[misc]


class GermanIdCardRecognizer(_DocumentNumber, DeIdCardRecognizer):
    """DE_ID_CARD: Personalausweis numbers (9 characters, or 10 with the check digit)."""


class GermanPassportRecognizer(_DocumentNumber, DePassportRecognizer):
    """DE_PASSPORT: Reisepass numbers (9 characters, or 10 with the check digit)."""


class GermanTaxIdRecognizer(_Despaced, DeTaxIdRecognizer):
    """DE_TAX_ID: Presidio's 11 digits, plus the printed groups ``12 345 678 901``."""

    PATTERNS = [
        *DeTaxIdRecognizer.PATTERNS,
        Pattern("Steuer-ID in printed groups", r"\b[1-9]\d (?:\d{3} ){2}\d{3}\b", 0.5),
    ]


class GermanSocialSecurityRecognizer(_Despaced, DeSocialSecurityRecognizer):
    """DE_SOCIAL_SECURITY: Presidio's patterns, plus ``65 170839 J 003`` with spaces."""

    PATTERNS = [
        *DeSocialSecurityRecognizer.PATTERNS,
        Pattern("Rentenversicherungsnummer with spaces", r"\b\d{2} \d{6} [A-Z] ?\d{3}\b", 0.4),
    ]
