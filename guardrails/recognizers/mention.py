"""@-mentions built from a person's name ("@jonas.becker", "@lukas_mueller92", "@annaschmidt").

Chat tools address colleagues by handle. A handle made of someone's name is personal data
like the name, but no identifier pattern covers it and the name tagger does not read names
inside one. A mention counts when its letters are known names: one of its parts (split at
``.``, ``_`` and ``-``, digits at the end dropped) is a name, or the whole handle is a first
name followed by a last name written together. The names are the lower-case forms of the
Faker lists that are no ordinary words (``guardrails.person_names.lowercase_names``), so
``@here``, ``@channel``, ``@property`` or ``@media`` stay as they are. The finding covers the
handle without its ``@``: the model reads "@[PERSON_1]" and still sees a mention.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a person named by a handle is as certain as a name the tagger is sure of
MENTION_SCORE = 0.9
#: shortest name part that counts (shorter ones are initials and abbreviations)
MIN_PART = 3
# "@" at the start or after a character that cannot end an e-mail's mailbox
_MENTION = re.compile(r"(?<![\w@.+-])@([^\W\d_](?:[\w.-]*[^\W_])?)")
_PARTS = re.compile(r"[._-]+")
_TRAILING_DIGITS = re.compile(r"\d+$")


def names_a_person(handle: str, names: Collection[str]) -> bool:
    """Whether ``handle`` (without ``@``) is built from one of the lower-case ``names``."""
    parts = [_TRAILING_DIGITS.sub("", p).casefold() for p in _PARTS.split(handle)]
    if any(len(p) >= MIN_PART and p in names for p in parts):
        return True
    if len(parts) != 1:
        return False
    joined = parts[0]
    return any(
        joined[:cut] in names and joined[cut:] in names
        for cut in range(MIN_PART, len(joined) - MIN_PART + 1)
    )


class MentionRecognizer(SpanRecognizer):
    """``PERSON`` for @-mentions whose handle is built from a known name."""

    ENTITY = "PERSON"
    NAME = "MentionRecognizer"

    def __init__(self, supported_language: str, names: Collection[str]) -> None:
        super().__init__(supported_language, context=[])
        self._names = names

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """The handle of each mention that names a person (``@`` left out)."""
        if "@" not in text:
            return
        for match in _MENTION.finditer(text):
            if names_a_person(match.group(1), self._names):
                yield match.start(1), match.end(1), MENTION_SCORE
