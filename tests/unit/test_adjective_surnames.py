"""German surnames that are adjectives, after a preposition or a request's verb
(guardrails.recognizers.adjective_surnames)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.adjective_surnames import AdjectiveSurnameRecognizer

RECOGNIZER = AdjectiveSurnameRecognizer()


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich habe mit Lange telefoniert.", ["Lange"]),
        ("Laut Krause ist das Budget freigegeben.", ["Krause"]),
        ("Das kommt von Weiß aus dem Einkauf.", ["Weiß"]),
        ("Frag mal bei Klein nach.", ["Klein"]),  # a cue after a cue
        ("Bitte leite das an Lange und Krause weiter.", ["Lange", "Krause"]),
        ("Bitte an Jung und Müller schicken.", ["Jung"]),  # Müller is the tagger's
        ("Sag Braun Bescheid.", ["Braun"]),
    ],
)
def test_a_surname_where_no_adjective_is_capitalised(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mit lange laufenden Verträgen",  # an adjective as written
        "Ein Fest für Groß und Klein.",  # an idiom of opposites
        "Von Klein auf war er dabei.",
        "Das Logo gibt es mit Schwarz als Grundfarbe.",  # a colour
        "Wir streichen die Wand in Braun.",  # no cue
        "Die Lange der Leitung ist entscheidend.",
        "Das Angebot mit Neuem ist da.",  # no surname
    ],
)
def test_adjectives_and_idioms_stay(text: str) -> None:
    assert found(text) == []
