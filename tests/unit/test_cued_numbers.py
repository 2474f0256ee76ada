"""Employee and bank account numbers after their cue (guardrails.recognizers.cued_numbers)."""

from __future__ import annotations

import pytest

from guardrails.normalization import normalize_value
from guardrails.recognizers.cued_numbers import BankAccountRecognizer, EmployeeIdRecognizer

RECOGNIZER = EmployeeIdRecognizer()
ACCOUNTS = BankAccountRecognizer()


def found(text: str, recognizer: EmployeeIdRecognizer | BankAccountRecognizer = RECOGNIZER) -> list[str]:
    return [text[start:end] for start, end, _score in recognizer.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frau Krüger (Personalnummer 004711) hat gekündigt.", "004711"),
        ("Pers.-Nr.: P-48213", "P-48213"),
        ("Personal-Nr. 004711, Abteilung 3", "004711"),
        ("Mitarbeiternummer lautet 12/345", "12/345"),
        ("MA-Nr. 0815", "0815"),
        ("my employee ID is E-482913.", "E-482913"),
        ("staff no. 7731 and more", "7731"),
        ("employee #4471", "4471"),
        ("badge number: B1234", "B1234"),
    ],
)
def test_numbers_after_a_cue(text: str, expected: str) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Mitarbeiternummer: abc",  # no digit
        "Personalabteilung 123",  # a department, no cue
        "The employee ID field is required",
        "Personalnummer 7",  # too short to single anyone out
        "employee ID 0815@firma.de",  # a mailbox
        "Wir haben 120 Mitarbeiter und 3 Standorte.",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert found(text) == []


def test_spellings_of_one_number_are_one_value() -> None:
    assert normalize_value("EMPLOYEE_ID", "e-482913") == normalize_value("EMPLOYEE_ID", "E482913")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontonummer 1234567890, BLZ 370 400 44", ["1234567890"]),  # the bank code stays
        ("Kto.-Nr. 0532 0130 00 bei der Sparkasse", ["0532 0130 00"]),
        ("Konto-Nr.: 4711-0815-12", ["4711-0815-12"]),
        ("account number 31926819, sort code 20-00-00", ["31926819"]),
        ("acct # 000123456789", ["000123456789"]),
        ("a/c no. 55779911", ["55779911"]),
        ("bank account 1234 5678 90", ["1234 5678 90"]),
    ],
)
def test_account_numbers_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(text, ACCOUNTS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Konto: DE89 3704 0044 0532 0130 00",  # an IBAN, the IBAN recognizer's
        "Das Konto hat 12345 Euro",
        "Kontostand 12345",
        "AWS account 123456789012",  # an account of a system, said without "number"
        "Konto 4711",  # too short
        "account number 4.500,00",
    ],
)
def test_other_numbers_near_account_words_stay(text: str) -> None:
    assert found(text, ACCOUNTS) == []
