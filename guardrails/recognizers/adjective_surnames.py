"""German surnames that are adjectives, capitalised where German writes no adjective so:
"Ich habe mit Lange telefoniert", "Laut Krause ist das Budget frei", "Frag mal bei Klein
nach", "Das kommt von Weiß aus dem Einkauf".

Klein, Schwarz, Braun, Lange, Krause, Jung, Weiß, Groß are among the most frequent German
surnames, and the tagger, reading a word, leaves most of them visible where no first name or
title stands beside them. An adjective after a preposition without an article is written in
lower case ("mit lange laufenden Verträgen"); capitalised right after one of the prepositions
that introduce people (mit, an, bei, für, laut, von, über, ohne, gegen) or after a request's
verb ("Frag Klein", "Sag Lange Bescheid"), it is the person. Idioms of opposites stay ("für
Groß und Klein", "Schwarz und Weiß"), so do "von Klein auf" and colours after "mit" ("mit
Schwarz drucken").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a surname an adjective spells, where only a person can stand
ADJECTIVE_SURNAME_SCORE = 0.65

_SURNAMES_TEXT = """
    lange lang klein jung braun schwarz weiß weiss groß gross kurz krause kraus frei fromm
    kühn klug stark wild blank fein fröhlich ehrlich schnell frisch selig still sauer
    rasch
"""
ADJECTIVE_SURNAMES = frozenset(_SURNAMES_TEXT.split())
_ANY_SURNAME = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted(w.capitalize() for w in ADJECTIVE_SURNAMES))})(?![\w-])"
)
_COLOURS = frozenset({"schwarz", "weiß", "weiss", "braun"})
#: pairs of opposites that are idioms, not two people ("für Groß und Klein")
_OPPOSITES = (
    {"groß", "klein"}, {"gross", "klein"}, {"schwarz", "weiß"}, {"schwarz", "weiss"},
    {"kurz", "lang"}, {"arm", "reich"}, {"jung", "alt"},
)  # fmt: skip

_CUE_TEXT = """
    mit an bei für laut von vom über ohne gegen frag frage fragt sag sage ruf schreib schreibe
    gib schick schicke ping erinnere
"""
_WORD = r"[A-ZÄÖÜ][a-zäöüß]+"
_MENTION = re.compile(
    rf"(?<![\w-])(?P<cue>{'|'.join(_CUE_TEXT.split())})[ \t]+(?:mal[ \t]+)?"
    rf"(?P<first>{_WORD})(?:[ \t]+(?:und|oder)[ \t]+(?P<second>{_WORD}))?(?![\w-])"
    r"(?P<auf>[ \t]+auf\b)?",
    re.IGNORECASE,
)


class AdjectiveSurnameRecognizer(SpanRecognizer):
    """``PERSON`` for an adjective's surname after a preposition or a request's verb."""

    ENTITY = "PERSON"
    NAME = "AdjectiveSurnameRecognizer"
    LANGUAGE = "de"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each surname an adjective spells, capitalised after a cue."""
        found: list[tuple[int, int, float]] = []
        if not _ANY_SURNAME.search(text):
            return found  # most texts: none of the surnames, capitalised
        m = _MENTION.search(text)
        while m is not None:
            names = self._names(m)
            found += [(m.start(g), m.end(g), ADJECTIVE_SURNAME_SCORE) for g in names]
            # a skipped "name" may be the next cue: "Frag mal bei Groß nach"
            m = _MENTION.search(text, m.end() if names else m.start("first"))
        return found

    @staticmethod
    def _names(m: re.Match[str]) -> list[str]:
        """The groups of ``m`` that are surnames ("first", "second"; none)."""
        if not (m.group("first")[0].isupper() and m.group("first")[1:].islower()):
            return []  # the pattern ignores case for the cue only
        names = [g for g in ("first", "second") if m.group(g)]
        folded = [m.group(g).casefold() for g in names]
        if m.group("auf") or folded[0] not in ADJECTIVE_SURNAMES:
            return []  # "von Klein auf"
        if m.group("cue").casefold() == "mit" and folded[0] in _COLOURS:
            return []  # "mit Schwarz drucken"
        if len(folded) == 2:
            if set(folded) in _OPPOSITES:
                return []  # "für Groß und Klein"
            if folded[1] not in ADJECTIVE_SURNAMES or not m.group("second")[0].isupper():
                return names[:1]  # the other one is the tagger's
        return names
