"""Employee numbers after a cue (guardrails.recognizers.employee_ids)."""

from __future__ import annotations

import pytest

from guardrails.normalization import normalize_value
from guardrails.recognizers.employee_ids import EmployeeIdRecognizer

RECOGNIZER = EmployeeIdRecognizer()


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


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
