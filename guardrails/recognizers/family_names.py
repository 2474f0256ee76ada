"""A family by its surname: in the plural, "Die Meyers haben das Haus verkauft", "Wir waren
bei Müllers zum Essen", "Bei den Hoffmanns ist eingebrochen worden", "The Johnsons are
moving to Denver", "dinner at the Nguyens' place"; or beside a word for the family, "The
Smith family moved", "Die Geschwister Krause erben das Haus".

German and English name a household by the surname and an ``-s``; the tagger, which reads
"Frau Meyer" and "the Johnson account" as names, let the plural through more often than
not (6 of 8 self-written sentences), and "the Smith family" and "die Geschwister Krause"
too. A known surname with the ``-s`` after the article ("die", "den", "the") or German
"bei", or before "family" / after "Familie", "Geschwister" ..., names the people who carry
it. The plural of an ordinary German noun is not made with ``-s`` ("die Bauern", "die
Köche"), so German surnames that are also words count; English surnames that are words
("the Smiths", "the Millers", "the Browns": also bands, teams and trades) count only where
nothing else is meant: with a possessive apostrophe ("the Millers' house") or before
"family".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.name_rules import CAPITALISED_NAME
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: as sure as a surname after the colloquial article (``object_names``)
FAMILY_NAME_SCORE = 0.65

_SURNAME = rf"(?P<name>{CAPITALISED_NAME})"
#: the article (or "bei") before the plural, per language; a possessive apostrophe after it
_BEFORE = {
    "de": r"(?i:die|den|bei(?:[ \t]+den)?)",
    "en": r"(?i:the)",
}
#: a word for the family beside the surname, per language
_FAMILY_WORD = {
    "de": rf"(?<![\w-])(?:Familie|Ehepaar|Eheleute|Geschwister)[ \t]+{_SURNAME}(?![\w-])",
    "en": rf"(?<![\w-]){_SURNAME}[ \t]+(?:family|families|household)(?![\w-])",
}

#: German ``-s`` plurals of words whose singular is also a surname ("Jung": "die Jungs", the
#: boys); the other common ``-s`` plurals (Chefs, Parks, Teams, Hotels ...) have none
_WORD_PLURALS = frozenset({"Jungs"})


class FamilyNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known surname naming a family: in the plural after its article, or
    beside a word for the family."""

    ENTITY = "PERSON"
    NAME = "FamilyNameRecognizer"

    def __init__(
        self,
        surnames: Collection[str],
        supported_language: str = "de",
        word_surnames: Collection[str] = (),
    ) -> None:
        """``surnames``: the language's capitalised surnames that may name a family;
        ``word_surnames``: those that are also words, taken only where no word is meant."""
        super().__init__(supported_language)
        self._surnames = frozenset(surnames)
        self._all_surnames = self._surnames | frozenset(word_surnames)
        self._plural = re.compile(
            rf"(?<![\w-]){_BEFORE[supported_language]}[ \t]+{_SURNAME}s(?P<owner>')?(?![\w-])"
        )
        self._family_word = re.compile(_FAMILY_WORD[supported_language])

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each family named by its surname."""
        for m in self._plural.finditer(text):
            name = m.group("name")
            known = self._all_surnames if m.group("owner") else self._surnames
            if set(name.split("-")) <= known and name + "s" not in _WORD_PLURALS:
                yield m.start("name"), m.end("name") + 1, FAMILY_NAME_SCORE
        for m in self._family_word.finditer(text):
            if set(m.group("name").split("-")) <= self._all_surnames:
                yield m.start("name"), m.end("name"), FAMILY_NAME_SCORE
