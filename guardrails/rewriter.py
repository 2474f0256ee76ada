"""Apply decisions to a text: the pure string surgery behind every action.

The caller supplies how a value becomes a placeholder (the vault) and a keyed digest (the
hash action); this module only splices. ``block`` never reaches here on input (the request is
refused first); on output it acts like ``redact``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guardrails.findings import Decision
from guardrails.honorifics import honorific_length

#: (entity_type, value) -> placeholder text
Pseudonymizer = Callable[[str, str], str]
#: (entity_type, value) -> stable keyed digest
Hasher = Callable[[str, str], str]
#: entity_type -> short label shown to the model
Labeler = Callable[[str], str]


@dataclass(frozen=True)
class Operators:
    """The value-dependent parts of the actions."""

    pseudonymize: Pseudonymizer
    hash_digest: Hasher
    label_for: Labeler


def mask(value: str, keep_last: int) -> str:
    """``*`` for every character before the last ``keep_last`` letters/digits."""
    cut = len(value)
    kept = 0
    while cut > 0 and kept < keep_last:
        cut -= 1
        kept += value[cut].isalnum()
    return "*" * cut + value[cut:]


def replacement(decision: Decision, value: str, ops: Operators) -> str:
    """The text that replaces ``value`` under ``decision``; a person's honorifics stay
    (:mod:`guardrails.honorifics`)."""
    entity_type = decision.finding.entity_type
    if entity_type == "PERSON" and (kept := honorific_length(value)):
        return value[:kept] + replacement(decision, value[kept:], ops)
    action = decision.action
    if action == "pseudonymize":
        return ops.pseudonymize(entity_type, value)
    if action == "mask":
        return mask(value, decision.mask_keep_last)
    if action == "hash":
        return f"[{ops.label_for(entity_type)}#{ops.hash_digest(entity_type, value)}]"
    if action in ("redact", "block"):
        return f"[REDACTED_{ops.label_for(entity_type)}]"
    return value  # allow


def rewrite(text: str, decisions: Sequence[Decision], ops: Operators) -> str:
    """``text`` with every decided span replaced; decisions must not overlap."""
    return splice(text, replacements(text, decisions, ops))


def replacements(
    text: str, decisions: Sequence[Decision], ops: Operators
) -> list[tuple[int, int, str]]:
    """``(start, end, new text)`` of every decided span of ``text``, in order."""
    return [
        (d.finding.start, d.finding.end, replacement(d, text[d.finding.start : d.finding.end], ops))
        for d in sorted(decisions, key=lambda d: d.finding.start)
    ]


def splice(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with the sorted, non-overlapping ``(start, end, new text)`` spans put in."""
    if not spans:
        return text
    parts: list[str] = []
    cursor = 0
    for start, end, new in spans:
        parts.append(text[cursor:start])
        parts.append(new)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def pseudonymized(text: str, decisions: Sequence[Decision]) -> list[tuple[str, str]]:
    """``(entity type, value)`` of every placeholder :func:`rewrite` asks for, in its order
    (a dry run), so the vault can assign them all at once."""
    asked: list[tuple[str, str]] = []

    def note(entity_type: str, value: str) -> str:
        asked.append((entity_type, value))
        return ""

    rewrite(text, decisions, Operators(note, lambda _t, _v: "", lambda t: t))
    return asked
