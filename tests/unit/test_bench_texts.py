"""Synthetic benchmark messages: exact lengths, true spans, and the leak check."""

from __future__ import annotations

import pytest

from bench.texts import PiiText, PiiTextFactory, PlantedValue, leaked


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("size", [100, 200, 1000, 5000])
def test_messages_have_exact_length_and_true_spans(language: str, size: int) -> None:
    sample = PiiTextFactory(seed=3).make(language, size)  # type: ignore[arg-type]
    assert len(sample.text) == size
    assert sample.planted, "every message starts with a sentence holding personal data"
    for value in sample.planted:
        assert sample.text[value.start : value.end] == value.value


def test_same_seed_same_texts_and_every_message_differs() -> None:
    one, other = PiiTextFactory(seed=5), PiiTextFactory(seed=5)
    assert [one.make("en", 300) for _ in range(3)] == [other.make("en", 300) for _ in range(3)]
    assert PiiTextFactory(seed=6).make("en", 300) != PiiTextFactory(seed=5).make("en", 300)
    factory = PiiTextFactory(seed=5)
    texts = {factory.make("de", 200).text for _ in range(20)}
    assert len(texts) == 20


def test_too_short_refused() -> None:
    with pytest.raises(ValueError):
        PiiTextFactory().make("en", 10)


def _sample() -> PiiText:
    text = "Hi, this is Anna Schmidt, mail anna@example.com."
    return PiiText("en", text, (
        PlantedValue("name", "Anna Schmidt", 12, 24),
        PlantedValue("email", "anna@example.com", 31, 47),
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("protected", "leaked_kinds"),
    [
        ("Hi, this is Anna Schmidt, mail anna@example.com.", ["name", "email"]),
        ("Hi, this is [PERSON_1], mail [EMAIL_1].", []),
        ("Hi, this is Anna [PERSON_1], mail [EMAIL_1].", ["name"]),  # half a name still leaks
        ("Hi, this is Annabell Schmidtke, mail x.", []),  # other words that merely contain it
        ("Hi, this is [PERSON_1], mail anna@example.com.", ["email"]),
    ],
)
def test_leak_check(protected: str, leaked_kinds: list[str]) -> None:
    assert [v.kind for v in leaked(_sample(), protected)] == leaked_kinds
