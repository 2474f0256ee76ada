"""Display names before a mailbox (guardrails.recognizers.display_names)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.display_names import DisplayNameRecognizer

RECOGNIZER = DisplayNameRecognizer()


def found(text: str) -> list[str]:
    return [text[start:end] for start, end, _score in RECOGNIZER.spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('git commit --author="Priya Shah <priya.shah@corp.com>"', ["Priya Shah"]),
        ('"Priya Shah" <priya.shah@corp.com>', ["Priya Shah"]),
        ("Signed-off-by: Rahul Verma <rahul@kernel.org>", ["Rahul Verma"]),
        ('An: "Berger, Thomas" <t.berger@firma.de>', ["Berger, Thomas"]),
        ("Von: Jan van der Berg <jan@firma.nl>", ["Jan van der Berg"]),
        ("To: Ana <ana@x.io>, Ben Carter <ben@carter.io>", ["Ana", "Ben Carter"]),
    ],
)
def test_names_before_a_mailbox(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "cc: Support Team <support@corp.com>",
        "Noreply <noreply@corp.com>",
        "Kundenservice <service@shop.de> hat geantwortet.",
        "Acme Inc <info@acme.com> sent the invoice.",
        "Meeting Notes <notes@corp.com>",
        "List<String> names",  # no mailbox
        "Priya Shah wrote to priya.shah@corp.com",  # no angle brackets
    ],
)
def test_roles_and_other_text_stay(text: str) -> None:
    assert found(text) == []
