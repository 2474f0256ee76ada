"""A known first name with its person's age in parentheses: "die Tochter (Mia, 7) ist krank",
"my son (Leo, 5) has a fever", "(Finn, 2 J.)".

Parental leave, sick notes and school pick-ups name children with their age, and a child's
name next to the parent's is personal data of both. The tagger reads "Sohn Finn, 2 Jahre"
but not a name alone in parentheses before an age. A known first name (capitalised, not a
month: "(May, 7)" may be a date) followed by an age of one or two digits, perhaps with its
unit, closing the parentheses, is a person.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.recognizers.dates import MONTH_NAMES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: as sure as a known name after a role word
AGED_NAME_SCORE = 0.65

_AGED = re.compile(
    r"\((?P<name>[A-ZÄÖÜ][a-zà-ÿ]+(?:-[A-ZÄÖÜ][a-zà-ÿ]+)?),[ \t]*\d{1,2}"
    r"(?:[ \t]*(?:J\.|Jahre|Monate|years?|yrs?\.?|y/o|yo|months?))?[ \t]*\)"
)
_MONTH = re.compile(MONTH_NAMES, re.IGNORECASE)


class AgedNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known first name before an age in parentheses."""

    ENTITY = "PERSON"
    NAME = "AgedNameRecognizer"

    def __init__(self, names: Collection[str], supported_language: str) -> None:
        """``names``: capitalised first names and surnames (function words left out)."""
        super().__init__(supported_language)
        self._names = frozenset(names)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each known name with an age in parentheses."""
        if "(" not in text:
            return []
        return [
            (m.start("name"), m.end("name"), AGED_NAME_SCORE)
            for m in _AGED.finditer(text)
            if set(m.group("name").split("-")) <= self._names
            and _MONTH.fullmatch(m.group("name")) is None
        ]
