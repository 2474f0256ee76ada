"""The name a message opens by addressing: "Will, can you check this?", "Hope, are you
around?", "Can, kannst du mir die Datei schicken?", "May, could you send the file?".

A chat message often starts with the first name of the one it asks, a comma, and the
question or request. The tagger reads most such names, but not those that are also words at
a sentence's start ("Will", "Hope", "May", the Turkish "Can"): after the name come the
request's words, nothing that says "person" to it. A known first name opening the message,
a line or a sentence, with a comma after it and then a word that speaks to someone ("can
you", "are you", "please", "kannst du", "hast du", "bitte") is the person addressed. Words
that open a sentence the same way without naming anyone ("Sorry, can you", "Also, kannst
du", "Hey, are you") are no known first names, or are left out by the caller's list.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a name the message addresses, with a request or question to that person after it
VOCATIVE_SCORE = 0.7

#: words that speak to the one addressed, right after the comma
_ADDRESSED = (
    r"(?:can|could|would|will|do|did|are|were|have|has|is|please|pls|thanks|thank|you|let's"
    r"|kannst|könntest|hast|hättest|bist|wärst|würdest|wirst|magst|willst|sollst|du|bitte"
    r"|danke|schau|schick|ruf|denk|meld|gib|sag|frag)(?![\w-])"
)
_VOCATIVE = re.compile(
    r"(?:\A|(?<=[\n.!?]))[ \t]*(?P<name>[A-ZÄÖÜ][a-zäöüß]+),[ \t]+"
    rf"(?i:{_ADDRESSED})"
)
_ADDRESSED_AFTER = re.compile(rf",[ \t]+(?i:{_ADDRESSED})")


def addressed_after(text: str, end: int) -> bool:
    """Whether a comma and words speaking to someone follow ``end`` ("Will|, can you ...")."""
    return _ADDRESSED_AFTER.match(text, end) is not None


class VocativeNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known first name that opens a message or sentence addressing someone."""

    ENTITY = "PERSON"
    NAME = "VocativeNameRecognizer"

    def __init__(self, first_names: Collection[str], supported_language: str = "en") -> None:
        """``first_names``: capitalised first names a message may address."""
        super().__init__(supported_language)
        self._first_names = frozenset(first_names)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each first name a message or sentence opens by addressing."""
        if "," not in text:
            return
        for m in _VOCATIVE.finditer(text):
            if m.group("name") in self._first_names:
                yield m.start("name"), m.end("name"), VOCATIVE_SCORE
