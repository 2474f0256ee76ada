"""German document, tax and insurance numbers as printed and typed (guardrails.recognizers.german_ids)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.german_ids import (
    DOCUMENT_SCORE,
    GermanIdCardRecognizer,
    GermanPassportRecognizer,
    GermanSocialSecurityRecognizer,
    GermanTaxIdRecognizer,
    document_number_ok,
    icao_check_digit,
)


def found(recognizer: object, text: str) -> list[tuple[str, float]]:
    results = recognizer.analyze(text, recognizer.supported_entities)  # type: ignore[attr-defined]
    return [(text[r.start : r.end], r.score) for r in results]


def test_icao_check_digits_of_the_specimen_documents() -> None:
    assert icao_check_digit("T22000129") == 3  # Personalausweis specimen (Erika Mustermann)
    assert icao_check_digit("C01X00T47") == 8  # Reisepass specimen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Personalausweis T22000129", [("T22000129", DOCUMENT_SCORE)]),
        ("Ausweisnummer L01X00T47", [("L01X00T47", DOCUMENT_SCORE)]),
        ("Personalausweis T220001293", [("T220001293", DOCUMENT_SCORE)]),
        ("Personalausweis T220001294", []),  # a wrong check digit
        ("Projekt KLMNPRTVW", []),  # no digit: a word, not a number
        ("Bestellung A12345678", []),  # A is not in the ICAO set of German documents
        ("Vorgang T2200012", []),  # too short
    ],
)
def test_id_card_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    assert found(GermanIdCardRecognizer(), text) == expected


def test_passport_numbers_read_like_id_card_numbers() -> None:
    assert found(GermanPassportRecognizer(), "Reisepass C01X00T47") == [("C01X00T47", DOCUMENT_SCORE)]
    assert found(GermanPassportRecognizer(), "Passnummer C01X00T478") == [
        ("C01X00T478", DOCUMENT_SCORE)
    ]
    assert found(GermanPassportRecognizer(), "Passnummer C01X00T479") == []


def test_a_valid_check_digit_never_scores_without_context() -> None:
    assert document_number_ok("T220001293") is None  # Presidio would make True a 1.0
    assert document_number_ok("T22000129") is None
    assert document_number_ok("T220001294") is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Steuer-ID 65929970489", "65929970489"),
        ("Meine Steuer-ID ist 65 929 970 489.", "65 929 970 489"),
    ],
)
def test_tax_ids_with_and_without_groups(text: str, expected: str) -> None:
    assert [value for value, _ in found(GermanTaxIdRecognizer(), text)] == [expected]


def test_tax_id_groups_keep_the_checksum() -> None:
    assert found(GermanTaxIdRecognizer(), "Steuer-ID 65 929 970 488") == []


@pytest.mark.parametrize(
    "text", ["Sozialversicherungsnummer 65 170839 J 003", "RV-Nummer 65170839J003"]
)
def test_pension_insurance_numbers_with_spaces(text: str) -> None:
    assert [score for _, score in found(GermanSocialSecurityRecognizer(), text)] == [1.0]
