"""A family by its surname in the plural: "Die Meyers haben das Haus verkauft", "Wir waren
bei Müllers zum Essen", "Bei den Hoffmanns ist eingebrochen worden", "The Johnsons are
moving to Denver", "dinner at the Nguyens' place".

German and English name a household by the surname and an ``-s``; the tagger, which reads
"Frau Meyer" and "the Johnson account" as names, let the plural through more often than
not (6 of 8 self-written sentences). A known surname with the ``-s`` after the article ("die", "den",
"the") or German "bei" names the people who carry it. The plural of an ordinary German noun
is not made with ``-s`` ("die Bauern", "die Köche"), so German surnames that are also words
count; English surnames that are words ("the Smiths", "the Millers", "the Browns") are left
out, as they are also bands, teams and trades.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: as sure as a surname after the colloquial article (``object_names``)
FAMILY_NAME_SCORE = 0.65

_SURNAME = r"(?P<name>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
#: the article (or "bei") before the plural, per language; a possessive apostrophe after it
_BEFORE = {
    "de": r"(?i:die|den|bei(?:[ \t]+den)?)",
    "en": r"(?i:the)",
}


#: German ``-s`` plurals of words whose singular is also a surname ("Jung": "die Jungs", the
#: boys); the other common ``-s`` plurals (Chefs, Parks, Teams, Hotels ...) have none
_WORD_PLURALS = frozenset({"Jungs"})


class FamilyNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known surname in the plural after its article: a family."""

    ENTITY = "PERSON"
    NAME = "FamilyNameRecognizer"

    def __init__(self, surnames: Collection[str], supported_language: str = "de") -> None:
        """``surnames``: the language's capitalised surnames that may name a family."""
        super().__init__(supported_language)
        self._surnames = frozenset(surnames)
        self._pattern = re.compile(
            rf"(?<![\w-]){_BEFORE[supported_language]}[ \t]+{_SURNAME}s'?(?![\w-])"
        )

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each family named by its surname in the plural."""
        for m in self._pattern.finditer(text):
            name = m.group("name")
            if set(name.split("-")) <= self._surnames and name + "s" not in _WORD_PLURALS:
                yield m.start("name"), m.end("name") + 1, FAMILY_NAME_SCORE
