"""A known first name with an age in parentheses (guardrails.recognizers.aged_names)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.aged_names import AGED_NAME_SCORE, AgedNameRecognizer

RECOGNIZER = AgedNameRecognizer(frozenset({"Mia", "Leo", "Anna", "Lena", "May"}), "de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("die Tochter (Mia, 7) ist krank", ["Mia"]),
        ("my son (Leo, 5 years) has a fever", ["Leo"]),
        ("Kinder (Anna-Lena, 11 J.) und (Leo,3)", ["Anna-Lena", "Leo"]),
        ("(May, 7)", []),  # a month: perhaps a date
        ("(Atlas, 3 Knoten)", []),  # no known name, no age
        ("(Mia, 2026)", []),  # a year, not an age
        ("Mia, 7", []),  # no parentheses: the tagger's
    ],
)
def test_a_known_name_before_an_age_in_parentheses(text: str, expected: list[str]) -> None:
    found = list(RECOGNIZER.spans(text))
    assert [text[s:e] for s, e, _ in found] == expected
    assert all(score == AGED_NAME_SCORE for _, _, score in found)
