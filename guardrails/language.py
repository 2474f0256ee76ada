"""A tiny German/English language guess from stop words and characters.

Runs per message and per retrieved chunk, so it must cost microseconds and need no model.
Words shared by both languages (``in``, ``was``, ``will``...) are left out of both lists.
"""

from __future__ import annotations

import re

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
        if german > english:
            return "de"
        if english > german:
            return "en"
        return self.default
