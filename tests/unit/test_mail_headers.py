"""Names on a mail header's lines (``guardrails.recognizers.mail_headers``)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.mail_headers import MailHeaderNameRecognizer

RECOGNIZER = MailHeaderNameRecognizer("en")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("cc: Okonkwo", ["Okonkwo"]),
        ("CC: Okonkwo, Brandtner und Anna Weber", ["Okonkwo", "Brandtner", "Anna Weber"]),
        ("Betreff: Angebot\n> Kopie: Heinrich von Stein", ["Heinrich von Stein"]),
        ("Bcc: Lee; Park", ["Lee", "Park"]),
        ("Cc: Vertrieb", []),  # a department
        ("Cc: All Staff", []),
        ("Kopie: Kolleginnen, Kollegen", []),
        ("Cc: okonkwo@firma.de", []),  # the e-mail recognizer's
        ("From: Detmold\nTo: Jena", []),  # travel plans: From/To are left to the tagger
        ("Kopie: Frau Weber", ["Weber"]),  # the form of address is no part of the name
        ("Cc: Weber, Anna <a.weber@firma.de>; Lee", ["Weber", "Anna", "Lee"]),
        ("Please cc: Okonkwo", []),  # a header line starts the line
        ("Subject: Okonkwo", []),
    ],
)
def test_names_on_copy_lines(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a display name written surname first names two words of one person
        ("Von: Okafor, Chidi", ["Okafor", "Chidi"]),
        ("From: Okafor, Chidi <c.okafor@example.com>", ["Okafor", "Chidi"]),
        ("An: Schmidt, Anna; Weber, Paul", ["Schmidt", "Anna", "Weber", "Paul"]),
        # in a mail (another header line) a lone entry is a person too
        ("Von: Chidi Okafor\nGesendet: Montag, 2. Juni 2025\nAn: Vertrieb", ["Chidi Okafor"]),
        ("> From: Okafor\n> Subject: Laptop", ["Okafor"]),
        ("An: Frau Müller\nBetreff: Rückruf", ["Müller"]),
    ],
)
def test_names_on_sender_and_recipient_lines(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "From: Detmold",  # one entry outside a mail: a journey's start
        "Von: Chidi Okafor",
        "From: Berlin, Germany\nTo: Paris, France",  # places
        "Von: Köln Hbf, Gleis 4\nAn: Frankfurt, Flughafen",
        "Von: München\nBetreff: Dienstreise",  # a place, even in a mail
        "To: Marketing, Sales",  # departments
        "Subject: Q3\nFrom: Finance Team\nTo: All Staff",
        "Route: From: Hamburg, To: Bremen",  # not at the line's start
        "Von: 08:00, An: 17:00",
    ],
)
def test_places_groups_and_lone_words_on_sender_lines_are_no_names(text: str) -> None:
    assert list(RECOGNIZER.spans(text)) == []
