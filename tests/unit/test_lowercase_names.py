"""First names typed in lower case after a chat cue (guardrails.recognizers.lowercase_names)."""

from __future__ import annotations

import pytest

from guardrails.person_names import chat_first_names, lowercase_first_names, lowercase_names
from guardrails.recognizers.lowercase_names import LowercaseNameRecognizer

RECOGNIZER = LowercaseNameRecognizer(
    "de", lowercase_first_names(), chat_first_names(), lowercase_names("de")
)


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sag jens bitte bescheid", ["jens"]),
        ("ich bin morgen mit anna und tim im büro", ["anna", "tim"]),
        ("gib das an markus weiter", ["markus"]),
        ("danke, jens!", ["jens"]),
        ("ask jenny if she can cover", ["jenny"]),
        ("ask liz if she can cover", ["liz"]),  # a short form the name lists lack
    ],
)
def test_first_names_after_a_chat_cue(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schreib Tim eine Mail.", ["Tim"]),
        ("Gib Jan Zugriff auf Jira.", ["Jan"]),  # a month's name, after a request's verb
        ("Danke. Frag Jonas, ob er Zeit hat.", ["Jonas"]),
        ("Sag Jens Bescheid", ["Jens"]),
        ("Tell Amy the news.", ["Amy"]),
        # a name that is also a word, where the request goes on as one to a person
        ("Remind Grace about the invoice.", ["Grace"]),
        ("Ask Bill if the build is green.", ["Bill"]),
        ("Let Mark know the VPN is fixed.", ["Mark"]),
        ("Ask Summer to review it.", ["Summer"]),
        ("Ask Will to send the slides.", ["Will"]),  # a short form the name lists lack
    ],
)
def test_a_capitalised_first_name_after_a_request_s_verb(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ich sag Jens Bescheid",  # capitalised mid-sentence: the tagger's and the rules' text
        "Gib Gas!",  # no name after the verb
        "Ask Jira for the ticket history.",
        "Die Mail an Tim ist raus.",
        "mail an jens@firma.de",  # part of an address
        "liegt unter /home/mit/jens/",  # part of a path
        "mit tim.koch reden",  # part of a handle
        "von april bis juni",  # months
        "das ist mit ernst gemeint",
        "Landminen bei allen Parteien",  # a function word that is a name elsewhere
        "Sie ist bei van der Straeten",  # a name particle
        "jens hat angerufen",  # no cue before it
    ],
)
def test_other_lower_case_words_stay(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mark the ticket as done.",  # no request to a person after it
        "Bill the customer for the extra hours.",
        "Help Desk to call back.",  # no first name
        "Ask Grace.",  # nothing goes on: the tagger's call
        "Ask May to book the room.",  # a month
        "I hope you are well and hope to see you.",  # short forms that are words
        "with will and hope we get there",
    ],
)
def test_a_word_after_a_request_s_verb_stays(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laut hermine ist der Cluster down.", ["hermine"]),  # a cue opening the sentence
        ("sehr geehrter herr kranz, der antrag", ["kranz"]),  # a surname after a title
        ("Herr Pugliese und Frau frazier kommen.", ["frazier"]),
        ("Frau Prof. adélaïde cuadrado hält den Vortrag.", ["adélaïde cuadrado"]),
        ("Die Frau meinte, dass es passt.", []),  # no name after the title
        ("Herr seven kommt.", []),  # no known name: the tagger's business
        # a German form of address in lower case takes any name, also in English text
        ("waiting on legal (frau brenninkmeyer)", ["brenninkmeyer"]),
        ("liebe frau oyelaran, danke", ["oyelaran"]),
        ("meine frau kommt auch", []),  # the noun, after a possessive
        ("die frau ist nett, der herr dort auch", []),
        ("frau kollegin meinte das", []),  # a role, not a name
    ],
)
def test_a_lower_case_name_after_a_capitalised_cue_or_a_title(
    text: str, expected: list[str]
) -> None:
    assert found(text) == expected
