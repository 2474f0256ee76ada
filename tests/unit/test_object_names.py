"""A surname after the colloquial article, spoken with or written to
(guardrails.recognizers.object_names)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.object_names import ObjectNameRecognizer

SURNAMES = ["Schulze", "Huber", "Krause", "Wagner", "Koch", "Steuer", "Sommer", "Lange"]
RECOGNIZER = ObjectNameRecognizer(SURNAMES)


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kannst du bitte mit der Schulze klären, ob das Angebot raus ist?", ["Schulze"]),
        ("Ich habe gestern mit dem Huber telefoniert.", ["Huber"]),
        ("Frag mal bei der Krause nach.", ["Krause"]),
        ("Sprich mal mit dem Wagner.", ["Wagner"]),  # a request before it
        ("Schick das an die Schulze weiter.", ["Schulze"]),
        ("Mit dem Huber habe ich schon gesprochen.", ["Huber"]),
        ("Ich treffe mich morgen mit der Lange.", ["Lange"]),  # the verb before it
    ],
)
def test_a_surname_spoken_with_or_written_to(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe mit dem Koch gesprochen.",  # the cook
        "Das muss ich mit der Steuer klären.",  # the tax office
        "Ich habe mit dem Sommer nichts geplant.",  # no verb of speaking after it
        "Mit der Zeit klären sich die Fragen.",  # no surname
        "Wir haben mit dem Vertrieb telefoniert.",
        "Ich spreche mit der Bank.",  # an institution
        "Ich rede heute mit dem Sommer-Team.",  # a team named so
        "mit dem huber telefoniert",  # lower case: no surname as written
    ],
)
def test_other_words_after_the_article_stay(text: str) -> None:
    assert found(text) == []
