"""One person, one placeholder: surnames and first names alone stand for the full name
(``guardrails.name_aliases``)."""

from __future__ import annotations

import pytest

from guardrails.name_aliases import name_parts, person_aliases, same_part


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("Ines Brückner", ("Ines", "Brückner")),
        ("Brückner, Ines", ("Ines", "Brückner")),
        ("Carlos Eduardo Silva", ("Carlos", "Silva")),
        ("Wiebke Hansen-Ortmann", ("Wiebke", "Hansen-Ortmann")),
        ("Brückner", None),
        ("Heinrich von", None),  # a particle cannot end a surname
        ("von Stein, Heinrich", None),  # more than the surname before the comma
    ],
)
def test_name_parts(value: str, parts: tuple[str, str] | None) -> None:
    assert name_parts(value) == parts


def test_a_surname_and_a_first_name_alone_stand_for_the_one_full_name() -> None:
    values = ["Brückner", "Brückner, Ines", "Okoro", "Ines Brückner", "Ines"]
    assert person_aliases(values) == {
        "Brückner": "Ines Brückner",  # the form without a comma wins
        "Brückner, Ines": "Ines Brückner",
        "Ines": "Ines Brückner",
    }


def test_a_word_two_full_names_share_stays_on_its_own() -> None:
    values = ["Tom Brandt", "Ute Brandt", "Brandt", "Tom"]
    assert person_aliases(values) == {"Tom": "Tom Brandt"}


def test_without_a_full_name_nothing_is_an_alias() -> None:
    assert person_aliases(["Brückner", "Okoro"]) == {}
    # a display name written surname first is a full name too
    assert person_aliases(["Brückner", "Brückner, Ines"]) == {"Brückner": "Brückner, Ines"}


@pytest.mark.parametrize(
    ("alias", "part"),
    [
        ("Brückner", "Heinrich"),  # the surname stands for the surrogate's surname
        ("Ines", "Ariane"),
        ("Ines Brückner", "Ariane Heinrich"),  # the full name itself
        ("Brückner, Ines", "Ariane Heinrich"),  # another spelling: the whole surrogate
    ],
)
def test_an_alias_reads_as_the_same_part_of_a_surrogate(alias: str, part: str) -> None:
    assert same_part(alias, "Ines Brückner", "Ariane Heinrich") == part
