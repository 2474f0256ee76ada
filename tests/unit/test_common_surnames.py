"""Frequent German surnames beside Faker's lists (guardrails.common_surnames)."""

from __future__ import annotations

import pytest

from guardrails.common_surnames import COMMON_GERMAN_SURNAMES
from guardrails.person_names import _names, is_known_name


@pytest.mark.parametrize("name", ["Schulze", "Schmitz", "Krüger", "Wolff", "Voigt", "Kühn"])
def test_frequent_german_surnames_are_known(name: str) -> None:
    assert is_known_name(name)
    assert name in _names(("de_DE",))[1]


@pytest.mark.parametrize("word", ["Busch", "Stahl", "Wiese", "Vetter", "Schade", "Nickel"])
def test_ordinary_words_among_frequent_surnames_are_left_out(word: str) -> None:
    assert word not in COMMON_GERMAN_SURNAMES


def test_the_supplement_only_joins_lists_with_german_names() -> None:
    assert "Schulze" not in _names(("en_US",))[1]
