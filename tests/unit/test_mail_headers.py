"""Names on header lines: mails, minutes, tickets (``guardrails.recognizers.mail_headers``)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.mail_headers import MailHeaderNameRecognizer

RECOGNIZER = MailHeaderNameRecognizer("en")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a mail's copy lines
        ("cc: Okonkwo", ["Okonkwo"]),
        ("CC: Okonkwo, Brandtner und Anna Weber", ["Okonkwo", "Brandtner", "Anna Weber"]),
        ("Betreff: Angebot\n> Kopie: Heinrich von Stein", ["Heinrich von Stein"]),
        ("Bcc: Lee; Park", ["Lee", "Park"]),
        ("Kopie: Frau Weber", ["Weber"]),  # the form of address is no part of the name
        ("Cc: Weber, Anna <a.weber@firma.de>; Lee", ["Weber", "Anna", "Lee"]),
        # a display name written surname first names two words of one person
        ("Von: Okafor, Chidi", ["Okafor", "Chidi"]),
        ("From: Okafor, Chidi <c.okafor@example.com>", ["Okafor", "Chidi"]),
        ("An: Schmidt, Anna; Weber, Paul", ["Schmidt", "Anna", "Weber", "Paul"]),
        # in a mail (another header line) a lone entry is a person too
        ("Von: Chidi Okafor\nGesendet: Montag, 2. Juni 2025\nAn: Vertrieb", ["Chidi Okafor"]),
        ("> From: Okafor\n> Subject: Laptop", ["Okafor"]),
        ("An: Frau Müller\nBetreff: Rückruf", ["Müller"]),
        # the role fields of minutes and tickets
        ("Assignee: Przybylski", ["Przybylski"]),
        ("Teilnehmer: Schröder, Kalinowski, Fr. Adebayo", ["Schröder", "Kalinowski", "Adebayo"]),
        ("Protokollant: Okonjo", ["Okonjo"]),
        ("Erstellt von: Tobias Hinterhuber", ["Tobias Hinterhuber"]),
        ("Assigned  to: Nakamura", ["Nakamura"]),
        # a colleague's initials (Kürzel)
        ("Verantwortlich: MKO, Termin: KW 12", ["MKO"]),
        ("cc: JBE, AS und Okonkwo", ["Okonkwo", "JBE", "AS"]),
    ],
)
def test_names_on_header_lines(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in RECOGNIZER.spans(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Cc: Vertrieb",  # a department
        "Cc: All Staff",
        "Kopie: Kolleginnen, Kollegen",
        "Cc: okonkwo@firma.de",  # the e-mail recognizer's
        "Please cc: Okonkwo",  # a header line starts the line
        "Subject: Okonkwo",
        # From/To outside a mail: one entry is a journey's start, places are places
        "From: Detmold\nTo: Jena",
        "Von: Chidi Okafor",
        "From: Berlin, Germany\nTo: Paris, France",
        "Von: Köln Hbf, Gleis 4\nAn: Frankfurt, Flughafen",
        "Von: München\nBetreff: Dienstreise",  # a place, even in a mail
        "To: Marketing, Sales",  # departments
        "Subject: Q3\nFrom: Finance Team\nTo: All Staff",
        "Route: From: Hamburg, To: Bremen",  # not at the line's start
        "Von: 08:00, An: 17:00",
        # role fields holding no one
        "Owner: Platform Team",
        "Assignee: Unassigned",  # a placeholder
        "Owner: Jira",  # a product
        "Zuständig: Standort Berlin",  # a place
        "Status: Done",  # no role field
        "Labels: Backend, Urgent",
        # abbreviations of roles, bodies and teams
        "Owner: QA",
        "Verantwortlich: GF, Termin: KW 12",
        "Zuständig: IT / HR",
        "Status: MKO",  # no role field
    ],
)
def test_no_names_on_header_lines(text: str) -> None:
    assert list(RECOGNIZER.spans(text)) == []
