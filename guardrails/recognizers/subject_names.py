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
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.ordinary_vocabulary import ROLE_NOUN_SURNAMES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a known name with a person's predicate: as sure as an announced name ("Herr Lange")
SUBJECT_NAME_SCORE = 0.65

#: verbs only a person is the subject of, present and past, third person singular and plural
_ACTING_TEXT = """
    sagt sagte sagen sagten fragt fragte fragen fragten bittet bat bitten baten
    schreibt schrieb schreiben schrieben antwortet antwortete antworten antworteten
    telefoniert telefonierte ruft rief rufen riefen
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


_PREDICATE = re.compile(
    r"[ \t]+(?:"
    rf"(?P<act>{'|'.join(_ACTING_TEXT.split())})(?:[ \t]+(?P<next>\w+))?"
    rf"|(?:meldet|meldete|melden|meldeten)[ \t]+sich"
    rf"|(?:hat|hatte|haben|hatten)(?:[ \t]+sich)?{_gap('done')}[ \t]+(?:sich[ \t]+)?"
    rf"(?:{'|'.join(_PARTICIPLES_TEXT.split())})"
    rf"|(?:ist|war|sind|waren){_gap('state')}[ \t]+(?:{_STATES})"
    r")(?![\w-])"
)
#: a capitalised word opening a sentence (a line, or after . ! ? :), after the colloquial
#: article or not ("Die Krause ist krank"), optionally joined with a second one by "und"
#: ("Krause und Lange sind im Urlaub")
_OPENING = re.compile(
    r"(?m)(?:^[ \t]*(?:[-*•][ \t]+)?|(?<=[.!?:][ \t]))(?P<article>(?:Der|Die)[ \t]+)?"
    r"(?P<first>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
    r"(?:[ \t]+und[ \t]+(?P<second>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?))?"
    r"(?=[ \t])"
)


class SubjectNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known name opening a German sentence whose predicate is a person's."""

    ENTITY = "PERSON"
    NAME = "SubjectNameRecognizer"
    LANGUAGE = "de"

    def __init__(self, names: Collection[str], supported_language: str | None = None) -> None:
        """``names``: capitalised first names and surnames (function words left out)."""
        super().__init__(supported_language)
        self._names = frozenset(names)

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
            predicate = _PREDICATE.match(text, opening.end())
            if predicate is None or not _subject_is_opening(predicate):
                continue
            found += [(opening.start(g), opening.end(g), SUBJECT_NAME_SCORE) for g in names]
        return found


def _subject_is_opening(predicate: re.Match[str]) -> bool:
    """Whether nothing after the verb reads as its subject instead of the opening word."""
    words = " ".join(predicate.group(g) or "" for g in ("next", "done", "state")).split()
    return not any(w.casefold() in _SUBJECT_AFTER for w in words)
