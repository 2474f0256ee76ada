"""Names in structured data: a field named for a person's name, and the cells of a table's
name column (the fields as :mod:`guardrails.recognizers.fields` reads them).

People paste records into chats and tools send them as call arguments: ``{"first_name":
"Jonas", "last_name": "Becker"}``, a CSV export (``Name;Abteilung`` over ``Lange,
Petra;Einkauf``), a Markdown table of who is on leave (``| Mitarbeiter | Standort |`` over
``| Krause | Köln |``). Without a sentence around it the tagger has nothing to read: a lone
surname in a cell or a field reached the model as written, and "Schmidt, Anna" became two
people. Here the field's or the column's name says "person":

- fields and columns named for a name part (``first_name``, ``lastName``, ``surname``,
  ``Vorname``, ``Nachname``, ``full name`` ...) always;
- fields and columns whose name only may be a person's (``name``, ``author``, ``Mitarbeiter``,
  ``Kunde``, ``contact`` ...) where the value holds a known first name or surname ("Widget
  Pro" under ``Name`` stays).

A value counts when it is one to five words of letters (no digits, no ``@``: mail addresses
and ids are other recognizers' business), not a placeholder such as ``null``, ``TBD`` or
``-``, and not a company (a legal form: "Müller GmbH" under ``Kunde``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from guardrails.name_rules import NAME_PARTICLES
from guardrails.ordinary_vocabulary import DICTIONARY_WORD_NAMES, NOBODY
from guardrails.recognizers.field_names import MAYBE_PERSON_FIELDS, NAME_PART_FIELDS
from guardrails.recognizers.fields import fields
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a field named for a name part: its value is a person's (name)
NAME_FIELD_SCORE = 0.75
#: a field that may hold a person, whose value holds a known name
KNOWN_NAME_SCORE = 0.6

#: values that stand for nobody
_NO_VALUES_TEXT = "null none nil undefined unknown - -- n.a. na tbd"
_NO_VALUES = NOBODY | frozenset(_NO_VALUES_TEXT.split())
#: a company's legal form ("Müller GmbH" under "Kunde" is the company)
_LEGAL_FORM = re.compile(
    r"(?i)(?<![\w])(?:gmbh|ag|kg|ohg|gbr|ug|se|e\.\s?k|e\.\s?v|inc|ltd|llc|plc|corp|co|gruppe"
    r"|group|söhne|sons|partner)\b"
)
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_PARTICLE = re.compile(NAME_PARTICLES, re.IGNORECASE)
#: (a directory entry escapes the comma of "Schmidt\, Anna"; a query string writes the space
#: as "%20" or "+": "name=Anna%20Schmidt")
_VALUE = re.compile(
    r"[^\W\d_][\w'’.-]*(?:(?:\\?,?[ \t]+|%20|\+)[^\W\d_][\w'’.-]*){0,4}"
)


def is_person_field(key: str) -> bool:
    """Whether a folded field name may hold a person's name."""
    return key in NAME_PART_FIELDS or key in MAYBE_PERSON_FIELDS


class NameFieldRecognizer(SpanRecognizer):
    """``PERSON`` for the value of a name field and the cells of a name column."""

    ENTITY = "PERSON"
    NAME = "NameFieldRecognizer"

    def __init__(self, is_known_name: Callable[[str], bool], supported_language: str) -> None:
        """``is_known_name``: whether a word is a known first name or surname (any case)."""
        super().__init__(supported_language)
        self._is_known = is_known_name

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each name-field value and name-column cell."""
        for field in fields(text, is_person_field):
            value = text[field.start : field.end]
            if not _VALUE.fullmatch(value) or value.casefold() in _NO_VALUES:
                continue
            if _LEGAL_FORM.search(value):
                continue
            if field.key in NAME_PART_FIELDS:
                yield field.start, field.end, NAME_FIELD_SCORE
            elif self._reads_as_name(value):
                yield field.start, field.end, KNOWN_NAME_SCORE

    def _reads_as_name(self, value: str) -> bool:
        """Whether a value of a field that may hold anything is written as a person's name:
        capitalised words (name particles aside) of which one is a known name ("Anna Schmidt",
        "Lange"; not "jordan-api", "Build and Test"), not only one that is also a word beside
        words that are no names ("Build Server")."""
        words = _LETTER_RUNS.findall(value)
        if not all(w[0].isupper() or _PARTICLE.fullmatch(w) for w in words):
            return False
        known = [w for w in words if self._is_known(w)]
        others = [w for w in words if w not in known]
        # a name that is also a word counts beside other names only ("Frank Miller"; not
        # "Build Server", "Sales Team")
        return any(w.casefold() not in DICTIONARY_WORD_NAMES for w in known) or (
            bool(known) and all(_PARTICLE.fullmatch(w) for w in others)
        )
