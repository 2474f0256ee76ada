"""Names announced by a form of address or a self-introduction, for languages whose names
come from the tagger: ``Herrn Sommer``, ``Frau Dr. Klein``, ``ich heiße Aylin Yilmaz``.

The tagger misses surnames that are everyday words when nothing else in the sentence says
"person" ("Der neue Leiter ist Herr Sommer"). A title says it: these spans come from
:func:`guardrails.name_rules.announced_names`, the same rule the full name rules (English, and
German without a tagger) apply.
"""

from __future__ import annotations

from collections.abc import Iterable

from guardrails.name_rules import announced_names
from guardrails.recognizers.span_recognizer import SpanRecognizer


class AnnouncedNameRecognizer(SpanRecognizer):
    """``PERSON`` for a name after a title or a self-introduction."""

    ENTITY = "PERSON"
    NAME = "AnnouncedNameRecognizer"
    LANGUAGE = "de"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each announced name with the title rule's score."""
        return [(s.start, s.end, s.score) for s in announced_names(text)]
