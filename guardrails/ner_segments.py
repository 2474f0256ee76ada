"""Which sentences of an English text the spaCy NER has to read.

The NER is most of the guardrail's cost on English text, and most chat sentences cannot hold
a name it would find: spaCy's small English model finds names, places and organisations by
their capitals. A properly cased sentence is skipped when no word in it is capitalised
except an ordinary first word ("Could you summarise the report?"); everything else - names
at the start ("Sarah called"), acronyms, capitalised words anywhere, and sentences written
all in lower case (whose names may be lower case too), and sentences with a known name typed
in lower case ("made by carol hutchinson") - is read, with its neighbours joined when they
are adjacent. Pure: offsets only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")

_ORDINARY_FIRST_TEXT = """
    a about above after again all also although an and any are as at be because before
    both but by can could did do does during each either even every few first for from
    further had has have having he her here hers him his how however i if in into is it
    its just last let many maybe me meanwhile more most my next no nor not now of off ok
    okay on once only or other our out over own please regards same second she should so
    some such than thank thanks that the their theirs them then there therefore these they
    third this those though through to today tomorrow too under until up very was we were
    what when where whether which while who whom why will with would yes yesterday yet you
    your yours hi hello hey dear sure great good best kind sorry note see check make send
    call write tell ask find keep use add update attach attached review summarise summarize
    draft reply forward share schedule remember since finally also overall unfortunately
"""
_ORDINARY_FIRST_WORDS = frozenset(_ORDINARY_FIRST_TEXT.split())


@dataclass(frozen=True)
class Segment:
    """``text[start:end]`` of the original is ``compact[compact_start:...]`` for the NER."""

    start: int
    end: int
    compact_start: int


@dataclass(frozen=True)
class CompactText:
    """The sentences the NER must read, joined by newlines, with the way back to offsets."""

    text: str
    segments: tuple[Segment, ...]

    @classmethod
    def whole(cls, text: str) -> CompactText:
        """All of ``text`` as one segment (for a language whose NER reads everything)."""
        return cls(text, (Segment(0, len(text), 0),))

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Original offsets of a compact span; one running past its segment (over the joining
        newline) is cut at the segment's end. None for a span on the newline itself."""
        starts = [s.compact_start for s in self.segments]
        i = bisect_right(starts, start) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        length = seg.end - seg.start
        if start - seg.compact_start >= length:
            return None
        end = min(end - seg.compact_start, length) + seg.compact_start
        return seg.start + start - seg.compact_start, seg.start + end - seg.compact_start


def _needs_ner(sentence: str, lowercase_names: Collection[str] = ()) -> bool:
    saw_capital = False
    for i, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        if not word[0].isupper():
            if lowercase_names and word in lowercase_names:
                return True  # "made by carol hutchinson": a name typed in lower case
            continue
        saw_capital = True
        if i == 0 and word.lower() in _ORDINARY_FIRST_WORDS:
            continue
        return True
    # a sentence written all in lower case may have its names in lower case too
    return not saw_capital and _WORD.search(sentence) is not None


def sentence_starts(text: str) -> list[int]:
    """Where each sentence after the first begins: after ``.``, ``!`` or ``?`` and white
    space, or after a line break (the one sentence rule of the guardrail)."""
    return [brk.end() for brk in _SENTENCE_BREAK.finditer(text)]


def sentences_for_ner(text: str, lowercase_names: Collection[str] = ()) -> CompactText:
    """The sentences of ``text`` that may contain a name, as one compact text.

    ``lowercase_names``: lower-case forms of known names that are no ordinary words; a
    sentence holding one is read even when nothing in it is capitalised but its first word.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for brk in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, brk.start()))
        start = brk.end()
    bounds.append((start, len(text)))
    kept: list[tuple[int, int]] = []
    for s, e in bounds:
        if e <= s or not _needs_ner(text[s:e], lowercase_names):
            continue
        gap = text[kept[-1][1] : s] if kept else "\n"
        if gap.strip() == "" and "\n" not in gap:
            kept[-1] = (kept[-1][0], e)  # adjacent sentences stay one segment (NER context)
        else:
            kept.append((s, e))
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for s, e in kept:
        segments.append(Segment(s, e, offset))
        parts.append(text[s:e])
        offset += e - s + 1
    return CompactText("\n".join(parts), tuple(segments))
