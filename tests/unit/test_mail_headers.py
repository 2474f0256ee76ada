"""Names on a mail header's copy lines (``guardrails.recognizers.mail_headers``)."""

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
        ("Please cc: Okonkwo", []),  # a header line starts the line
        ("Subject: Okonkwo", []),
    ],
)
def test_names_on_copy_lines(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == names
