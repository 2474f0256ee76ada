"""A known name right after a role word of a person at work
(guardrails.recognizers.coworker_names)."""

from __future__ import annotations

import pytest

from guardrails.person_names import opening_names
from guardrails.recognizers.coworker_names import COWORKER_SCORE, CoworkerNameRecognizer

RECOGNIZER = CoworkerNameRecognizer(opening_names(), "de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unser Azubi Finn hat heute Berufsschule.", ["Finn"]),
        ("Vorgesetzter Klein hat unterschrieben.", ["Klein"]),
        ("Mein Kollege Jan Becker hat Urlaub.", ["Jan Becker"]),  # a known surname after it
        ("Die Auszubildende Sophie fängt an.", ["Sophie"]),
        ("Kollegin Meyer-Schmidt ist zuständig.", ["Meyer-Schmidt"]),
        ("Our intern Will starts Monday.", ["Will"]),  # a name that is a word
        ("Coworker Summer is out today.", ["Summer"]),
        ("Tell my boss Mark that I'm late.", ["Mark"]),
        ("Unser Azubi hat heute Berufsschule.", []),  # no name
        ("Kollege Zufall hat geholfen.", []),  # no known name
        ("Our intern program starts in May.", []),  # lower case
        ("The intern May cohort starts soon.", []),  # a month
        ("Unser Kunde Bosch zahlt pünktlich.", []),  # customers are often companies
        ("Der Mitarbeiter Service ist erreichbar.", []),
        ("Our Employee Stock Purchase Plan opens in May.", []),  # a title
        ("Ask our intern Will Smith about it.", ["Will Smith"]),
    ],
)
def test_a_known_name_after_a_role_word(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == expected


def test_findings_are_persons_with_the_coworker_score() -> None:
    results = RECOGNIZER.analyze("Praktikant Ben hilft.", ["PERSON"])
    assert [(r.entity_type, r.start, r.end, r.score) for r in results] == [
        ("PERSON", 11, 14, COWORKER_SCORE)
    ]
