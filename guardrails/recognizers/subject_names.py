"""A German sentence that opens with a surname and says what the person does: "Lange ist
heute im Homeoffice", "Sommer bittet um Freigabe", "Jung schreibt, dass ...", "Die Krause
ist heute krank".

The tagger misses such a surname when it is also an ordinary word and nothing else in the
sentence says "person". The predicate says it: only a person asks, writes, calls back, is
off sick or on leave. A capitalised known German or English first name or surname opening a
sentence counts here when one of those predicates follows it, and not when the predicate
goes on with a pronoun or an article, where the opening word is an adverb and the person
comes after the verb ("Lange sagte er nichts", "Dann fragt der Kunde"). After an article a
surname that is also a trade or a rank names the role ("Der Koch ist krank").

English names that are words open sentences the same way: "Hope is out sick today", "Will is
on leave", "Summer asked about the invoice" (not "Hope is the last thing we lose", "Summer is
our busiest season"); English puts no subject after the verb, so nothing is checked there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.name_rules import CAPITALISED_NAME
from guardrails.ordinary_vocabulary import ROLE_NOUN_SURNAMES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a known name with a person's predicate: as sure as an announced name ("Herr Lange")
SUBJECT_NAME_SCORE = 0.65

#: verbs only a person is the subject of, present and past, third person singular and plural
_ACTING_TEXT = """
    sagt sagte sagen sagten fragt fragte fragen fragten bittet bat bitten baten
    schreibt schrieb schreiben schrieben antwortet antwortete antworten antworteten
    telefoniert telefonierte ruft rief rufen riefen meint meinte meinen meinten
"""
#: participles after "hat"/"hatte"/"haben": "Krause hat gestern angerufen"
_PARTICIPLES_TEXT = """
    angerufen zurückgerufen geschrieben gemailt gesagt gefragt gebeten zugesagt abgesagt
    geantwortet gemeldet mitgeteilt erzählt versprochen telefoniert
"""
#: states only a person is in, after "ist"/"war"/"sind": "Becker ist diese Woche krank"
_STATES = (
    r"krank|krankgeschrieben|erkrankt|verhindert|unterwegs|(?:nicht[ \t]+)?erreichbar"
    r"|im[ \t]+(?:Urlaub|Homeoffice|Home-Office|Büro|Meeting|Termin)"
    r"|in[ \t]+(?:Elternzeit|Mutterschutz|Rente)|auf[ \t]+(?:Dienstreise|Geschäftsreise)"
    r"|beim[ \t]+(?:Kunden|Arzt)|außer[ \t]+Haus"
)
#: words after the opening word's verb that can begin its subject, so that the opening word
#: is an adverb or an adjective: pronouns, and articles and possessives in the nominative
#: ("Lange hat der Kunde nicht angerufen"; "den Kunden" is no subject)
_SUBJECT_AFTER_TEXT = """
    ich du er sie es wir ihr man das dies der die ein eine mein meine unser unsere sein seine
    ihr ihre jemand niemand keiner keine alle
"""
_SUBJECT_AFTER = frozenset(_SUBJECT_AFTER_TEXT.split())


def _gap(group: str) -> str:
    """Up to three words between an auxiliary and the rest of the predicate."""
    return rf"(?:[ \t]+(?P<{group}>[\w-]+(?:[ \t]+[\w-]+){{0,2}}))?"


def _either(words: str) -> str:
    return "|".join(words.split())


_GERMAN_PREDICATE = re.compile(
    r"[ \t]+(?:"
    rf"(?P<act>{_either(_ACTING_TEXT)})(?:[ \t]+(?P<next>\w+))?"
    rf"|(?:meldet|meldete|melden|meldeten)[ \t]+sich"
    rf"|(?:hat|hatte|haben|hatten)(?:[ \t]+sich)?{_gap('done')}[ \t]+(?:sich[ \t]+)?"
    rf"(?:{_either(_PARTICIPLES_TEXT)})"
    rf"|(?:ist|war|sind|waren){_gap('state')}[ \t]+(?:{_STATES})"
    r")(?![\w-])"
)

#: the same in English: "Hope is out sick today", "Summer asked about the invoice"
_ENGLISH_ACTING_TEXT = """
    asked asks said says wrote writes replied replies answered answers called calls emailed
    emails texted texts messaged mentioned mentions told tells promised promises complained
    complains agreed agrees thinks thought suggested suggests
"""
_ENGLISH_PARTICIPLES_TEXT = """
    called written asked replied emailed texted said agreed promised mentioned told resigned
    quit
"""
_ENGLISH_STATES = (
    r"(?:out|off)[ \t]+sick|sick|ill|unavailable|(?:not[ \t]+)?available|travell?ing"
    r"|on[ \t]+(?:(?:sick|parental|maternity|paternity|annual)[ \t]+)?leave"
    r"|on[ \t]+(?:vacation|holiday)|off[ \t]+today|out[ \t]+of[ \t]+(?:the[ \t]+)?office"
    r"|working[ \t]+from[ \t]+home|in[ \t]+the[ \t]+office|in[ \t]+a[ \t]+meeting"
    r"|at[ \t]+the[ \t]+doctor'?s?|back[ \t]+from[ \t]+(?:leave|vacation|holiday)"
)
_ENGLISH_PREDICATE = re.compile(
    r"[ \t]+(?:"
    rf"(?:{_either(_ENGLISH_ACTING_TEXT)})"
    rf"|(?:has|had|have){_gap('done')}[ \t]+(?:{_either(_ENGLISH_PARTICIPLES_TEXT)})"
    rf"|(?:is|was|are|were){_gap('state')}[ \t]+(?:{_ENGLISH_STATES})"
    r")(?![\w-])"
)
_PREDICATES = {"de": _GERMAN_PREDICATE, "en": _ENGLISH_PREDICATE}

#: a capitalised word opening a sentence (a line, or after . ! ? :), after the colloquial
#: article or not ("Die Krause ist krank"), optionally joined with a second one by "und"
#: ("Krause und Lange sind im Urlaub")
_OPENING = re.compile(
    r"(?m)(?:^[ \t]*(?:[-*•][ \t]+)?|(?<=[.!?:][ \t]))(?P<article>(?:Der|Die)[ \t]+)?"
    rf"(?P<first>{CAPITALISED_NAME})"
    rf"(?:[ \t]+(?:und|and)[ \t]+(?P<second>{CAPITALISED_NAME}))?"
    r"(?=[ \t])"
)


class SubjectNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known name opening a German or English sentence whose predicate is a
    person's."""

    ENTITY = "PERSON"
    NAME = "SubjectNameRecognizer"
    LANGUAGE = "de"

    def __init__(self, names: Collection[str], supported_language: str | None = None) -> None:
        """``names``: capitalised first names and surnames (function words left out)."""
        super().__init__(supported_language)
        self._names = frozenset(names)
        language = supported_language or self.LANGUAGE
        self._predicate = _PREDICATES.get(language, _GERMAN_PREDICATE)
        #: German puts the subject after the verb when an adverb opens ("Lange sagte er")
        self._inverts = language != "en"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each opening name (both of two joined by "und") before a person's predicate."""
        found: list[tuple[int, int, float]] = []
        for opening in _OPENING.finditer(text):
            names = [g for g in ("first", "second") if opening.group(g)]
            if not all(set(opening.group(g).split("-")) <= self._names for g in names):
                continue
            if opening.group("article") and (
                opening.group("second") or opening.group("first").casefold() in ROLE_NOUN_SURNAMES
            ):
                continue  # "Der Koch ist krank": the role
            predicate = self._predicate.match(text, opening.end())
            if predicate is None or (self._inverts and not _subject_is_opening(predicate)):
                continue
            found += [(opening.start(g), opening.end(g), SUBJECT_NAME_SCORE) for g in names]
        return found


def _subject_is_opening(predicate: re.Match[str]) -> bool:
    """Whether nothing after the verb reads as its subject instead of the opening word."""
    words = " ".join(predicate.groupdict().get(g) or "" for g in ("next", "done", "state")).split()
    return not any(w.casefold() in _SUBJECT_AFTER for w in words)
