"""A family named by its surname in the plural (guardrails.recognizers.family_names)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.family_names import FamilyNameRecognizer

GERMAN = FamilyNameRecognizer({"Meyer", "Müller", "Hoffmann", "Krause", "Jung", "Schmidt"}, "de")
ENGLISH = FamilyNameRecognizer({"Johnson", "Nguyen"}, "en", word_surnames={"Miller", "Smith"})


def found(recognizer: FamilyNameRecognizer, text: str) -> list[str]:
    return [text[start:end] for start, end, _score in recognizer.spans(text)]


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (GERMAN, "Die Meyers haben das Haus verkauft.", ["Meyers"]),
        (GERMAN, "Wir waren gestern bei Müllers zum Essen.", ["Müllers"]),
        (GERMAN, "Bei den Hoffmanns ist eingebrochen worden.", ["Hoffmanns"]),
        (GERMAN, "Die Krauses kommen auch.", ["Krauses"]),
        (GERMAN, "Mit den Meyer-Schmidts treffen wir uns.", ["Meyer-Schmidts"]),
        (ENGLISH, "The Johnsons are moving to Denver.", ["Johnsons"]),
        (ENGLISH, "We had dinner at the Nguyens' place.", ["Nguyens"]),
        # beside a word for the family; a surname that is a word only where none is meant
        (GERMAN, "Die Geschwister Krause erben das Haus.", ["Krause"]),
        (ENGLISH, "The Smith family moved to Leeds.", ["Smith"]),
        (ENGLISH, "The Millers' house is for sale.", ["Millers"]),
    ],
)
def test_a_surname_in_the_plural_after_its_article_is_a_family(
    recognizer: FamilyNameRecognizer, text: str, expected: list[str]
) -> None:
    assert found(recognizer, text) == expected


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (GERMAN, "Eine Gabe, die Jungs nur selten haben."),  # "Jung" is a surname, "Jungs" boys
        (GERMAN, "Die Meyer hat angerufen."),  # no plural (the object-name rule's case)
        (GERMAN, "Des Müllers Mühle steht still."),  # the genitive of a trade
        (GERMAN, "Die Schulzes kommen."),  # no known surname
        (GERMAN, "die meyers"),  # lower case
        (GERMAN, "Die Meyerstraße ist gesperrt."),  # the plural runs on into a word
        (ENGLISH, "The Smiths played Manchester."),  # a surname that is a word, no apostrophe
        (ENGLISH, "The Intel product family supports AVX."),
        (ENGLISH, "Johnsons are moving."),  # no article
    ],
)
def test_other_words_stay(recognizer: FamilyNameRecognizer, text: str) -> None:
    assert found(recognizer, text) == []
