"""A tiny German/English language guess from stop words and characters.

Runs per message and per retrieved chunk, so it must cost microseconds and need no model.
Words shared by both languages (``in``, ``was``, ``will``...) are left out of both lists.
:meth:`LanguageDetector.segments` splits a text that mixes the two languages into runs
(:mod:`guardrails.routing` detects each run with its own recognizers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GERMAN_WORDS = """
    der die das den dem des ein eine einen einem einer eines und oder aber nicht ist sind
    war waren wird werden wurde hat haben hatte ich du er sie wir ihr mich mir dich dir uns
    euch sich mit von zu zum zur auf aus bei nach vor für über unter durch gegen ohne um
    auch noch nur schon sehr wie wo wer warum weil dass wenn als ob doch ja nein bitte danke
    hallo mein meine dein deine sein seine unser kann können muss müssen soll sollte möchte
    diese dieser dieses jetzt heute morgen gestern hier dort dann immer wieder mehr kein
    keine keinen alle viel viele gibt gut neue neuen bis seit man ihm ihn ihnen es im am
    unsere unserer unseren ihre ihren ihrem lautet heißt sowie bzw eines wurden worden
"""
_GERMAN = frozenset(_GERMAN_WORDS.split())

_ENGLISH_WORDS = """
    the a and or but not is are were be been being have has had i you he she we
    they me my your his her our their them us it its this that these those with from to
    of on at by for about into over after before under through without what which who
    whom why how when where if then than there here can could should would must may might
    shall do does did done please thanks hello yes no all any some more most other such
    only own same just very new good out up down off again
"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split()) - _GERMAN

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_GERMAN_ENDINGS = ("ung", "keit", "heit", "lich", "schaft", "chen", "isch", "nummer")
_ENGLISH_ENDINGS = ("ing", "ness", "ship", "ould")
_GERMAN_CHARS = re.compile(r"[äöüÄÖÜß]")

#: How many words are looked at; the start of a long text is enough to tell.
_SAMPLE_WORDS = 200

#: Languages the guard detects in (each has its own recognizers).
SUPPORTED_LANGUAGES = ("en", "de")


class LanguageDetector:
    """Guesses ``"de"`` or ``"en"``; falls back to ``default`` when the text gives no clue."""

    def __init__(self, default: str = "en") -> None:
        if default not in SUPPORTED_LANGUAGES:
            raise ValueError("default language must be 'en' or 'de'")
        self.default = default

    def detect(self, text: str) -> str:
        """The language of ``text``."""
        german, english = _evidence(text)
        if german > english:
            return "de"
        if english > german:
            return "en"
        return self.default

    def segments(self, text: str) -> list[LanguageRun]:
        """``text`` as runs of one language each: one run unless it mixes German and English.

        A text mixes languages when at least one of its sentences (or paragraphs) clearly reads
        as German and another as English (:data:`CLEAR_EVIDENCE`); sentences without a clear
        lead join the run before them (the first ones the run after). Sentences break after
        ``.``, ``!`` or ``?`` and at blank lines, never at a single line break, so an address
        block or a signature stays in one run.
        """
        runs: list[LanguageRun] = []
        for start, end in _sentences(text) if len(text) >= _MIXED_MIN_CHARS else ():
            lead = _clear_lead(text[start:end])
            if lead is None:
                continue
            if runs and runs[-1].language == lead:
                runs[-1] = LanguageRun(runs[-1].start, end, lead)
            else:
                if runs:  # the unclear sentences between two runs stay with the first
                    runs[-1] = LanguageRun(runs[-1].start, start, runs[-1].language)
                runs.append(LanguageRun(start if runs else 0, end, lead))
        if len({run.language for run in runs}) < 2:
            return [LanguageRun(0, len(text), self.detect(text))]
        runs[-1] = LanguageRun(runs[-1].start, len(text), runs[-1].language)
        return runs


@dataclass(frozen=True)
class LanguageRun:
    """``text[start:end]`` reads as ``language``."""

    start: int
    end: int
    language: str


#: Points (two per function word) a sentence's lead must reach to count as clearly one language.
CLEAR_EVIDENCE = 4
#: Shorter texts are never split (a short message is one language, or too short to tell).
_MIXED_MIN_CHARS = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
#: A full stop that ends an abbreviation or an initial, not a sentence ("Apt. 389", "Dr.
#: Meier", "St. Gallen", "J. Smith"), and one before a digit or a lower-case word ("u. 15.",
#: "z. B. die") or after a number at a line's end.
_ABBREVIATION = re.compile(
    r"(?:\b[^\W\d_]|\b(?i:Dr|Mr|Mrs|Ms|Mx|Hr|Hrn|Fr|Jr|Sr|St|Nr|Prof|Dipl|Ing|Str|Tel|Apt|Abt"
    r"|Bldg|Ste|Rm|Dept|Corp|Inc|Ltd|Ave|Blvd|Rd|bzw|ca|vgl|evtl|ggf|inkl|zzgl|geb|gem|Jan|Feb"
    r"|Febr|Aug|Sept|Okt|Oct|Nov|Dez|Dec))\.\Z"
)
_CONTINUES = re.compile(r"[0-9a-zäöüß]")


def _sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence or paragraph, whitespace between them excluded."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start() - 1 : match.start()] == "." and match.group().count("\n") < 2 and (
            _ABBREVIATION.search(text, max(0, match.start() - 12), match.start()) is not None
            or _CONTINUES.match(text, match.end()) is not None
            # a house number's full stop at a line's end: "Király u. 15.\nSzeged"
            or (text[match.start() - 2 : match.start() - 1].isdigit() and match.group() == "\n")
        ):
            continue  # "Apt. 389", "Dr. Meier": one sentence, one language run
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _clear_lead(sentence: str) -> str | None:
    """``"de"`` or ``"en"`` when ``sentence`` clearly reads as that language, else None."""
    german, english = _evidence(sentence)
    if german - english >= CLEAR_EVIDENCE:
        return "de"
    if english - german >= CLEAR_EVIDENCE:
        return "en"
    return None


def _evidence(text: str) -> tuple[int, int]:
    """German and English points of ``text``: function words, typical endings, umlauts."""
    german = english = 0
    for i, match in enumerate(_WORD.finditer(text)):
        if i >= _SAMPLE_WORDS:
            break
        word = match.group().lower()
        if word in _GERMAN:
            german += 2
        elif word in _ENGLISH:
            english += 2
        elif len(word) > 5 and word.endswith(_GERMAN_ENDINGS):
            german += 1
        elif len(word) > 5 and word.endswith(_ENGLISH_ENDINGS):
            english += 1
    sample = text[:4000]
    german += min(len(_GERMAN_CHARS.findall(sample)), 5)
    return german, english
