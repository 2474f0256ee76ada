"""Other mentions of a person or a personal place in the same text (and, through
:meth:`guardrails.protector.TextProtector.spread_mentions`, in the other texts of a request).

A detector may find a name or a place where a cue marks it ("Ich wohne in Leipzig", "Herr
Meier") and miss the same word a sentence later ("Leipzig ist schön", "Meier kommt morgen").
Rewriting one mention and leaving the other gives the value away, so every other mention of
the exact value (same spelling and case, whole words) that no other finding covers becomes a
finding of the same type and score. Places the policy allows (LOCATION) give way: "Leipzig"
read as a city elsewhere in the text is the person's place too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from guardrails.findings import Finding
from guardrails.honorifics import honorific_length

#: Types whose other mentions are found too.
REPEATED_TYPES = frozenset({"PERSON", "PERSONAL_LOCATION"})
#: Recognizer name of the findings added here (audit, ``tresor policy test``).
REPEATED_MENTION = "RepeatedMention"
#: Shorter values are left alone ("Chr" of "n. Chr.", "Bo": abbreviations and syllables more
#: often than names; the tagger still finds "Tom" and "Eva" on its own).
MIN_LENGTH = 4
#: Types a repeated mention may replace where they overlap it (allowed by the shipped policy).
_YIELDING = frozenset({"LOCATION"})


def mention_value(text: str, finding: Finding) -> str:
    """What other mentions of ``finding`` look like: its text, a person's without honorifics
    ("Dr. Meier": "Meier"); "" when too short to look for."""
    start = finding.start
    if finding.entity_type == "PERSON":
        start += honorific_length(text[finding.start : finding.end])
    value = text[start : finding.end]
    return value if len(value) >= MIN_LENGTH else ""


def free_mentions(text: str, value: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Where ``value`` stands in ``text`` as whole words, same spelling and case, outside the
    ``taken`` spans; each span yielded is added to ``taken``."""
    for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
        start, end = match.span()
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            yield start, end


def repeated_mentions(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Findings for the other mentions of the persons and personal places in ``findings``."""
    taken = [(f.start, f.end) for f in findings if f.entity_type not in _YIELDING]
    added: list[Finding] = []
    seen: set[str] = set()
    for finding in findings:
        if finding.entity_type not in REPEATED_TYPES:
            continue
        value = mention_value(text, finding)
        if not value or value in seen:
            continue
        seen.add(value)
        for start, end in free_mentions(text, value, taken):
            added.append(replace(finding, start=start, end=end, recognizer=REPEATED_MENTION))
    return added
