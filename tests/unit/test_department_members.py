"""A known name right before its person's department (guardrails.recognizers.department_members)."""

from __future__ import annotations

import pytest

from guardrails.person_names import opening_names
from guardrails.recognizers.department_members import DepartmentMemberRecognizer

RECOGNIZER = DepartmentMemberRecognizer(opening_names(), "de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bei Fragen wendet euch an Sommer aus dem Controlling.", ["Sommer"]),
        ("Wolf vom Vertrieb hat angerufen.", ["Wolf"]),
        ("Frag Winter aus der Buchhaltung.", ["Winter"]),
        ("The report came from White in finance.", ["White"]),
        ("Hope from HR will join.", ["Hope"]),
        ("The August close in Finance is late.", []),  # a month
        ("Der Bericht aus dem Controlling ist da.", []),  # no name
        ("Ask Anna from the data team.", []),  # a word of any team
        ("Köln vom Vertrieb aus gesehen", []),  # no known name
    ],
)
def test_a_name_before_its_department(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == expected
