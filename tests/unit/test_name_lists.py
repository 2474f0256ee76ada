"""The other names of a list of people (guardrails.name_lists)."""

from __future__ import annotations

import pytest

from guardrails.name_lists import list_names

KNOWN = {"sommer", "wolf", "klein", "lange", "krause", "mann", "siemens"}


def is_known(word: str) -> bool:
    return word.casefold() in KNOWN


def spans(text: str, *parts: tuple[str, str, float]) -> list[tuple[int, int, str, float]]:
    return [(text.index(p), text.index(p) + len(p), kind, score) for p, kind, score in parts]


def added(text: str, *parts: tuple[str, str, float]) -> list[str]:
    return [text[s:e] for s, e in list_names(text, spans(text, *parts), is_known)]


def test_a_known_name_among_people() -> None:
    text = "Jour fixe Vertrieb (Sommer, Wolf, Klein)"
    assert added(text, ("Sommer", "PERSON", 0.6), ("Wolf", "PERSON", 0.85)) == ["Klein"]
    # a company read on it without conviction does not make it one
    unsure = ("Klein", "ORGANIZATION", 0.52)
    assert added(text, ("Sommer", "PERSON", 0.6), ("Wolf", "PERSON", 0.85), unsure) == ["Klein"]
    text = "Lange und Klein sind dabei."
    assert added(text, ("Lange", "PERSON", 0.9)) == ["Klein"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # an apposition, not a list
        ("ein Mann, Jesus Christus, kam", [("Jesus Christus", "PERSON", 0.99)]),
        # a company among them: no list of people
        ("Sommer, Wolf, Siemens", [("Sommer", "PERSON", 0.9), ("Siemens", "ORGANIZATION", 0.9)]),
        # fewer than half of them people
        ("Sommer, Wolf, Klein, Lange", [("Sommer", "PERSON", 0.9)]),
        # no known name left
        ("Sommer, Wolf, Vertrieb", [("Sommer", "PERSON", 0.9), ("Wolf", "PERSON", 0.9)]),
    ],
)
def test_no_list_of_people(text: str, parts: list[tuple[str, str, float]]) -> None:
    assert added(text, *parts) == []
