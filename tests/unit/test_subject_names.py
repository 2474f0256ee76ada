"""A known name opening a German sentence whose predicate is a person's
(guardrails.recognizers.subject_names)."""

from __future__ import annotations

import pytest

from guardrails.person_names import opening_names
from guardrails.recognizers.subject_names import SubjectNameRecognizer

RECOGNIZER = SubjectNameRecognizer(opening_names())


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lange ist heute im Homeoffice.", ["Lange"]),
        ("Sommer bittet um Freigabe der Rechnung.", ["Sommer"]),
        ("Jung schreibt, dass die Lieferung später kommt.", ["Jung"]),
        ("Fiebig meinte, dass die Roadmap noch fehlt.", ["Fiebig"]),
        ("Einaudi meinte, dass die Abnahme noch fehlt.", ["Einaudi"]),  # any language's names
        ("Krause hat gestern angerufen.", ["Krause"]),
        ("Becker ist diese Woche krank.", ["Becker"]),
        ("Winter hat sich noch nicht gemeldet.", ["Winter"]),
        ("Fuchs meldet sich morgen.", ["Fuchs"]),
        ("Danke. Klein fragt, ob der Termin steht.", ["Klein"]),
        ("- Vogel ist im Urlaub bis Montag", ["Vogel"]),
        ("Krause und Lange sind im Urlaub.", ["Krause", "Lange"]),
        ("Groß-Winter hat um Rückruf gebeten.", ["Groß-Winter"]),
    ],
)
def test_a_name_doing_what_only_a_person_does(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lange ist es her, dass wir das geprüft haben.",  # an adverb
        "Lange hat es gedauert.",
        "Lange sagte er nichts.",  # the subject comes after the verb
        "Lange fragte ich mich, warum.",
        "Klein ist das Problem nicht.",
        "Sommer ist die umsatzstärkste Zeit.",  # no person's predicate
        "Lange Wartezeiten ärgern die Kunden.",
        "Fuchs und Hase sagen sich gute Nacht.",  # one of the two is no name
        "Dann fragt der Kunde nach.",  # no name, an article after the verb
        "Herbst ist die Zeit, in der viele krank sind.",
        "Die Bahn bittet um Verständnis.",  # not at a sentence's start
        "Wir sagen Sommer bittet um Freigabe.",
    ],
)
def test_no_name_without_a_person_s_predicate_right_after_it(text: str) -> None:
    assert found(text) == []


def test_an_object_after_the_auxiliary_leaves_the_name_the_subject() -> None:
    assert found("Krause hat den Kunden angerufen.") == ["Krause"]
    assert found("Lange hat der Kunde nicht angerufen.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Krause ist heute krank.", ["Krause"]),  # the colloquial article
        ("Der Winter hat sich noch nicht gemeldet.", ["Winter"]),
        ("Der Koch ist heute krank.", []),  # a trade that is also a surname: the role
        ("Der Richter hat gefragt, ob ...", []),
        ("Der Sommer war zu heiß für das Lager.", []),  # no person's predicate
    ],
)
def test_a_surname_after_the_colloquial_article(text: str, expected: list[str]) -> None:
    assert found(text) == expected


ENGLISH = SubjectNameRecognizer(opening_names(), "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hope is out sick today.", ["Hope"]),
        ("Summer asked about the invoice again.", ["Summer"]),
        ("Dawn is still on parental leave.", ["Dawn"]),
        ("Grace and Will are in a meeting.", ["Grace", "Will"]),
        ("Will said he would call back.", ["Will"]),  # no inversion in English
        ("Hope is the last thing we lose.", []),
        ("Summer is our busiest season.", []),
        ("Mark the ticket as done.", []),
        ("Bill is due on the 15th.", []),
    ],
)
def test_english_names_that_are_words(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in ENGLISH.spans(text)] == expected
