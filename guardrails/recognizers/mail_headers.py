"""Names on a mail header's copy lines: ``Cc: Okonkwo, Brandtner``, ``Kopie: Katrin Vogelsang``.

A forwarded mail or a meeting note pasted into a chat keeps its header lines. The name tagger
reads most names there, but a lone unknown surname after ``cc:`` has no context at all ("cc:
Okonkwo" reached the model as written). On a line that starts with Cc, Bcc or Kopie and a
colon, each entry of one to three capitalised words is a name; entries holding a department
or a word such as "Team" or "Alle" ("Cc: Vertrieb", "Cc: All Staff") are not. From/To lines
are left to the tagger, which reads names there, since travel plans write places on them
("From: Detmold"). Mail addresses on those lines are the e-mail recognizer's.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from guardrails.name_rules import CAPITALISED_WORD, NAME_PARTICLES
from guardrails.ordinary_vocabulary import DEPARTMENT_WORDS, GROUP_ADDRESSES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a header line announces its entries as people, as a form of address does
HEADER_NAME_SCORE = 0.8

_HEADER = regex.compile(r"(?im)^[ \t>]*(?:cc|bcc|kopie|cc/bcc)[ \t]*:[ \t]*(?P<list>[^\n]+)")
_ENTRY = regex.compile(
    rf"(?<=\A|[,;][ \t]*|[ \t](?:and|und|&)[ \t]+)"
    rf"(?P<name>{CAPITALISED_WORD}(?:[ \t]+(?:{NAME_PARTICLES}[ \t]+)*{CAPITALISED_WORD}){{0,2}})"
    rf"(?=[ \t]*(?:[,;]|[ \t](?:and|und|&)[ \t]|\Z))"
)


class MailHeaderNameRecognizer(SpanRecognizer):
    """``PERSON`` for each name on a Cc, Bcc or Kopie header line."""

    ENTITY = "PERSON"
    NAME = "MailHeaderNameRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each entry of a header line that reads as a person's name."""
        if ":" not in text:
            return
        for header in _HEADER.finditer(text):
            entries = header.group("list")
            offset = header.start("list")
            for entry in _ENTRY.finditer(entries.rstrip()):
                words = entry.group("name").casefold().split()
                if GROUP_ADDRESSES.isdisjoint(words) and DEPARTMENT_WORDS.isdisjoint(words):
                    yield (
                        offset + entry.start("name"),
                        offset + entry.end("name"),
                        HEADER_NAME_SCORE,
                    )
