"""Canonical forms of detected values, so one value written two ways gets one placeholder.

``DE89 3704 0044 0532 0130 00`` and ``de89370400440532013000`` are the same IBAN;
``Max.Mustermann@Firma.de`` and ``max.mustermann@firma.de`` the same mailbox.
"""

from __future__ import annotations

import re
import unicodedata

from guardrails.honorifics import name_part

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_NOT_DIGIT_OR_PLUS = re.compile(r"[^0-9+]")

_COMPACT_TYPES = frozenset(
    {"IBAN_CODE", "CREDIT_CARD", "DE_TAX_ID", "DE_TAX_NUMBER", "DE_ID_CARD", "DE_PASSPORT",
     "DE_VAT_ID", "DE_SOCIAL_SECURITY", "DE_HEALTH_INSURANCE", "US_SSN", "US_ITIN",
     "US_BANK_NUMBER", "US_PASSPORT", "UK_NHS", "DE_KFZ", "EMPLOYEE_ID", "CUSTOMER_ID",
     "BANK_ACCOUNT", "US_DRIVER_LICENSE", "DE_FUEHRERSCHEIN", "UK_NINO",
     "MEDICAL_RECORD", "VEHICLE_ID"}
)  # fmt: skip


def normalize_value(entity_type: str, value: str) -> str:
    """The canonical form used to decide whether two detections are the same value (a
    person's honorifics left out: "Mr. Eric Costa" is "Eric Costa")."""
    text = name_part(entity_type, unicodedata.normalize("NFKC", value).strip())
    if entity_type in _COMPACT_TYPES:
        return _NOT_ALNUM.sub("", text).upper()
    if entity_type == "PHONE_NUMBER":
        digits = _NOT_DIGIT_OR_PLUS.sub("", text)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        return digits
    if entity_type in ("EMAIL_ADDRESS", "URL", "IP_ADDRESS", "MAC_ADDRESS"):
        return text.lower()
    return _SPACES.sub(" ", text).casefold()
