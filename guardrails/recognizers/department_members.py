"""A known name followed by the department its person works in: "Sommer aus dem
Controlling", "Wolf vom Vertrieb", "Winter aus der IT", "White in finance", "Hope from HR".

Office chat places a colleague by department as often as by title. A surname that is also a
word ("Sommer", "Wolf", "White") gives the tagger nothing to go on; the department after it
says "person": things and seasons do not belong to a department. The name must be a known
first name or surname written capitalised, not a month's (the August close in Finance), the department one of
:data:`~guardrails.ordinary_vocabulary.DEPARTMENT_WORDS` (without the words that also name
things in general: "team", "office", "product", "service", "data" ...).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.name_rules import CAPITALISED_NAME
from guardrails.ordinary_vocabulary import DEPARTMENT_WORDS
from guardrails.recognizers.dates import MONTH_NAMES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a known name placed in a department: as sure as a name announced by a title
DEPARTMENT_MEMBER_SCORE = 0.65

#: department words that also name things, places or groups in general
_GENERAL_TEXT = """
    team teams office department division unit product products service services data
    design development production quality security risk science business public board
    management executive corporate training learning people customer customers support
    success platform infrastructure internal
"""
_DEPARTMENTS = DEPARTMENT_WORDS - frozenset(_GENERAL_TEXT.split())
_MONTH = re.compile(MONTH_NAMES, re.IGNORECASE)
#: a department after its preposition, and the capitalised name right before them
_IN_DEPARTMENT = re.compile(
    r"(?<![\w-])(?:aus[ \t]+(?:dem|der)|vom|von[ \t]+der|from|in|of)[ \t]+(?:the[ \t]+)?"
    r"(?P<department>[^\W\d_]+)(?![\w-])"
)
_NAME_BEFORE = re.compile(rf"(?<![\w-]){CAPITALISED_NAME}[ \t]+\Z")


class DepartmentMemberRecognizer(SpanRecognizer):
    """``PERSON`` for a known name right before the department its person works in."""

    ENTITY = "PERSON"
    NAME = "DepartmentMemberRecognizer"

    def __init__(self, names: Collection[str], supported_language: str) -> None:
        """``names``: capitalised first names and surnames (function words left out)."""
        super().__init__(supported_language)
        self._names = frozenset(names)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each known name right before a department."""
        found = []
        for m in _IN_DEPARTMENT.finditer(text):
            if m.group("department").casefold() not in _DEPARTMENTS:
                continue
            before = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before is None:
                continue
            name = before.group().rstrip()
            if set(name.split("-")) <= self._names and not _MONTH.fullmatch(name):
                found.append((before.start(), before.start() + len(name), DEPARTMENT_MEMBER_SCORE))
        return found  # (a month: "the August close in Finance")
