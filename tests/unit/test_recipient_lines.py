"""The name line above an address's street line (guardrails.recipient_lines)."""

from __future__ import annotations

import pytest

from guardrails.recipient_lines import recipient_names

FIRST_NAMES = {"jason", "lauren", "anna", "victoria"}


def names_above(text: str, street: str) -> list[str]:
    start = text.index(street)
    spans = recipient_names(text, [(start, start + len(street))], lambda w: w.casefold() in FIRST_NAMES)
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "street", "expected"),
    [
        (">Tony Vasilyeva\n>Ngap Incorporated\n>Jason Uenk\n>73 Lozerlaan 172\n>Den Haag",
         "73 Lozerlaan 172", ["Jason Uenk"]),
        ("Lauren van den Napolitano\n81 Duizendmonnikenstraat 189", "81 Duizendmonnikenstraat 189",
         ["Lauren van den Napolitano"]),
        ("Frau\nAnna Schmidt-Weber,\n  Hauptstraße 5\n10115 Berlin", "Hauptstraße 5", ["Anna Schmidt-Weber"]),
        ("- Dr. Anna Schmidt\n- Hauptstraße 5", "Hauptstraße 5", ["Anna Schmidt"]),
        # no recipient: the street does not begin its line, nothing is above it, the line
        # above is a company, a sentence, or a name followed by more words
        ("Jason Uenk lives at 73 Lozerlaan 172", "73 Lozerlaan 172", []),
        ("73 Lozerlaan 172\nDen Haag", "73 Lozerlaan 172", []),
        ("Underwood Group\n81 Duizendmonnikenstraat 189", "81 Duizendmonnikenstraat 189", []),
        ("Please send it to\n81 Duizendmonnikenstraat 189", "81 Duizendmonnikenstraat 189", []),
        ("Anna Schmidt wohnt jetzt hier\nHauptstraße 5", "Hauptstraße 5", []),
        ("Anna\nHauptstraße 5", "Hauptstraße 5", []),  # a lone first name: the tagger's call
    ],
)
def test_the_recipient_is_the_name_line_right_above_the_street(
    text: str, street: str, expected: list[str]
) -> None:
    assert names_above(text, street) == expected
