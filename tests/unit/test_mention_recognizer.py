"""@-mentions built from names (pure: a small name set instead of the Faker lists)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.mention import MENTION_SCORE, MentionRecognizer, names_a_person

NAMES = frozenset({"jonas", "becker", "anna", "schmidt", "lukas", "mueller"})


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("jonas.becker", True),
        ("Jonas-Becker", True),
        ("lukas_mueller92", True),
        ("annaschmidt", True),  # first and last name written together
        ("becker", True),
        ("here", False),
        ("property", False),
        ("annas", False),  # no split into two names
        ("jo.be", False),  # parts shorter than three letters
    ],
)
def test_names_a_person(handle: str, expected: bool) -> None:
    assert names_a_person(handle, NAMES) is expected


def _found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in MentionRecognizer("de", NAMES).spans(text)]


def test_the_handle_without_its_sign_and_without_trailing_punctuation() -> None:
    assert _found("Schreib @jonas.becker.") == ["jonas.becker"]
    assert _found("(@lukas_mueller92), @anna") == ["lukas_mueller92", "anna"]


def test_e_mail_addresses_and_other_at_signs_are_no_mentions() -> None:
    assert _found("anna.schmidt@firma.de, x+anna@firma.de, a.@jonas, @@jonas") == []
    assert _found("Use @property, ping @here") == []
    assert _found("no sign at all: jonas.becker") == []


def test_findings_are_persons_with_the_mention_score() -> None:
    (result,) = MentionRecognizer("en", NAMES).analyze("ask @anna.schmidt", ["PERSON"])
    assert (result.entity_type, result.start, result.end, result.score) == (
        "PERSON", 5, 17, MENTION_SCORE,
    )  # fmt: skip
