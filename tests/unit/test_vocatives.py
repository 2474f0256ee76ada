"""The name a message opens by addressing (guardrails.recognizers.vocatives)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.vocatives import VocativeNameRecognizer, addressed_after

RECOGNIZER = VocativeNameRecognizer({"Will", "Hope", "May", "Can", "Anna"})


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Will, can you check this?", ["Will"]),
        ("Hope, are you around?", ["Hope"]),
        ("May, could you send the file?", ["May"]),
        ("Can, kannst du mir die Datei schicken?", ["Can"]),
        ("Danke! Anna, bitte prüf das noch.", ["Anna"]),  # after a sentence's end
        ("Kurze Frage:\nWill, hast du Zeit?", ["Will"]),  # on a new line
    ],
)
def test_a_first_name_opening_a_request_to_its_person(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will you check this?",  # no comma: a question
        "Sorry, can you check this?",  # no first name
        "Hope, that is all we have.",  # nothing speaking to someone after the comma
        "We asked Anna, can you believe it?",  # not opening the sentence
        "Anna",
    ],
)
def test_other_openings_stay(text: str) -> None:
    assert found(text) == []


def test_words_speaking_to_someone_after_a_comma() -> None:
    assert addressed_after("Will, can you", 4)
    assert addressed_after("Will,  bitte", 4)
    assert not addressed_after("Will, the report", 4)
    assert not addressed_after("Will can", 4)
