"""Honorifics belong to a person's mention but are never replaced (guardrails.honorifics)."""

from __future__ import annotations

import pytest

from guardrails.findings import Decision, Finding, decide
from guardrails.honorifics import (
    extend_to_honorific,
    honorific_length,
    is_titles_only,
    name_part,
)
from guardrails.normalization import normalize_value
from guardrails.policy_store import parse_policy
from guardrails.rewriter import Operators, rewrite


@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("please correct it to Mr. Joshua Okamoto?", "Joshua Okamoto", "Mr. Joshua Okamoto"),
        ("hello, this is mr. chad farmer.", "chad farmer", "mr. chad farmer"),
        ("Sehr geehrte Prof. Dr. Anna Schmidt,", "Anna Schmidt", "Prof. Dr. Anna Schmidt"),
        ("Dear Ms Lee,", "Lee", "Ms Lee"),
        ("Sir Elton John sang.", "Elton John", "Sir Elton John"),
        # German forms of address stay outside, as GermEval annotates them
        ("Hallo Frau Schmidt,", "Schmidt", "Schmidt"),
        ("Herr Dr. Weber kommt.", "Weber", "Dr. Weber"),
        # spelled-out forms only when capitalised; abbreviations need their own word
        ("I miss Anna a lot", "Anna", "Anna"),
        ("see Dr.Anna", "Anna", "Anna"),
        ("the XMr. Anna", "Anna", "Anna"),
        ("Mr.\nAnna", "Anna", "Anna"),
        # German academic degrees belong to the title
        ("Gespräch mit Dr. med. Hanna Lindqvist", "Hanna Lindqvist", "Dr. med. Hanna Lindqvist"),
        ("bei Prof. Dr. rer. nat. Jens Vogt", "Jens Vogt", "Prof. Dr. rer. nat. Jens Vogt"),
        ("Dr. h. c. Maria Fuchs", "Maria Fuchs", "Dr. h. c. Maria Fuchs"),
        # and so do degrees written before a name
        ("Herr Dipl.-Ing. Thomas Krüger", "Thomas Krüger", "Dipl.-Ing. Thomas Krüger"),
        ("Frau Dipl.-Wirt.-Ing. Eva Roth", "Eva Roth", "Dipl.-Wirt.-Ing. Eva Roth"),
        ("Herr Dr.-Ing. Peter Hahn", "Peter Hahn", "Dr.-Ing. Peter Hahn"),
        ("Herr Dipl.-Inf. (FH) Markus Vogel", "Markus Vogel", "Dipl.-Inf. (FH) Markus Vogel"),
        ("Frau Mag. Eva Huber", "Eva Huber", "Mag. Eva Huber"),
        ("Frau M.Sc. Julia Braun", "Julia Braun", "M.Sc. Julia Braun"),
    ],
)
def test_a_mention_starts_at_its_honorifics(text: str, name: str, mention: str) -> None:
    start = text.index(name)
    assert text[extend_to_honorific(text, start) : start + len(name)] == mention


def test_only_leading_honorifics_are_split_off_a_value() -> None:
    assert honorific_length("Mr. Eric Costa") == 4
    assert honorific_length("Prof. Dr. Anna") == 10
    assert honorific_length("Dr. med. Hanna") == 9
    assert honorific_length("Eric Costa") == 0
    assert honorific_length("Mr. ") == 0  # nothing but an honorific: no name to keep apart
    assert name_part("PERSON", "Dr. Weber") == "Weber"
    assert name_part("ORGANIZATION", "Dr. Oetker") == "Dr. Oetker"


def _ops() -> Operators:
    return Operators(
        pseudonymize=lambda t, v: f"<{t}:{v}>",
        hash_digest=lambda t, v: "abc",
        label_for=lambda t: t,
    )


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("pseudonymize", "ask Mr. <PERSON:Eric Costa> now"),
        ("mask", "ask Mr. ********** now"),
        ("redact", "ask Mr. [REDACTED_PERSON] now"),
        ("hash", "ask Mr. [PERSON#abc] now"),
    ],
)
def test_every_action_keeps_the_honorific_and_replaces_the_name(
    action: str, expected: str
) -> None:
    text = "ask Mr. Eric Costa now"
    decision = Decision(Finding("PERSON", 4, 18, 0.9, "x"), action)  # type: ignore[arg-type]
    assert rewrite(text, [decision], _ops()) == expected


def test_a_titled_and_a_bare_mention_are_one_value() -> None:
    assert normalize_value("PERSON", "Mr. Eric Costa") == normalize_value("PERSON", "eric costa")
    assert normalize_value("PERSON", "Mr. Costa") != normalize_value("PERSON", "Eric Costa")


def test_an_allow_listed_name_stays_allowed_with_its_honorific() -> None:
    policy = parse_policy(
        b"entities:\n  PERSON: {action: pseudonymize}\nallow: {exact: [Watson]}\n", "p.yaml"
    )
    text = "Ask Dr. Watson and Dr. Ryan Ricci."
    findings = [Finding("PERSON", 4, 14, 0.9, "x"), Finding("PERSON", 19, 33, 0.9, "x")]
    decided = decide(text, findings, policy.for_team(""))
    assert [text[d.finding.start : d.finding.end] for d in decided] == ["Dr. Ryan Ricci"]


@pytest.mark.parametrize(
    ("text", "span", "titles"),
    [
        ("mit Dr. med. Hanna Lindqvist", "Dr. med", True),  # a tagger's "med", extended
        ("mit Dr. med. Hanna Lindqvist", "med", True),
        ("bei Prof. Dr. rer. nat. Jens", "Prof. Dr. rer. nat", True),
        ("Ask Dr. Nat Turner", "Dr. Nat", False),  # not abbreviated: a name
        ("mit Dr. med. Hanna Lindqvist", "Dr. med. Hanna", False),
        ("Anna", "Anna", False),
        ("Herr Dipl.-Ing. Thomas Krüger", "Dipl", True),  # the tagger's "Dipl" of a degree
        ("Herr Dr.-Ing. Peter Hahn", "Ing", True),
        ("Frau M.Sc. Julia Braun", "M", True),
        ("Herr Dipl.-Ing. Thomas Krüger", "Thomas", False),
        ("Frau Ingrid Dipl", "Dipl", False),  # no degree without its full stop
    ],
)
def test_titles_without_a_name_are_recognised(text: str, span: str, titles: bool) -> None:
    start = text.index(span)
    assert is_titles_only(text, start, start + len(span)) is titles
