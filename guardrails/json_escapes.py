"""JSON string literals in a text, read as what they say.

Tool results and retrieved records are often JSON written with escapes: Python's
``json.dumps`` writes "Jürgen Müller" as ``J\\u00fcrgen M\\u00fcller`` and a line break inside a
value as ``\\n``, so a detector reading the raw text sees "M\\u00fcller" and "nJonas" and no
name. :func:`escaped_text` decodes every string literal that holds escapes; detection runs on
the decoded text, and :class:`EscapedText` maps what it finds back to the raw text. A
replacement inside a literal is written escaped, so the JSON stays valid, and everything not
replaced keeps its exact raw characters.

Only double-quoted literals whose every backslash is a valid JSON escape are decoded: a Windows
path in prose ("C:\\Users\\nina") or a domain login ("CORP\\tom") outside quotes stays as it
stands. No text is logged here.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

#: a double-quoted string on one line, escapes included
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))')
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


@dataclass(frozen=True)
class EscapedText:
    """A raw text and its decoded reading.

    ``starts[i]`` is where decoded character ``i`` begins in ``raw`` (``starts[len(text)]`` is
    ``len(raw)``), so ``raw[starts[a]:starts[b]]`` is exactly the raw form of ``text[a:b]``.
    ``literals`` are the decoded spans of every string literal's content, in order.
    """

    raw: str
    text: str
    starts: tuple[int, ...]
    literals: tuple[tuple[int, int], ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of decoded ``text[start:end]``."""
        return self.starts[start], self.starts[end]

    def pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` as spans a replacement may take: whole when it lies in one literal
        or outside all of them; else only its parts inside literals (the quotes and commas
        between two values are JSON's, never a value's)."""
        inner = [
            (max(start, a), min(end, b)) for a, b in self.literals if a < end and start < b
        ]
        return inner if inner and inner != [(start, end)] else [(start, end)]

    def rewrite(self, replacements: Sequence[tuple[int, int, str]]) -> str:
        """The raw text with decoded spans replaced (sorted, apart, each one of
        :meth:`pieces`); a replacement inside a literal is escaped as JSON."""
        parts: list[str] = []
        cursor = 0
        for start, end, new in replacements:
            parts.append(self.raw[self.starts[cursor] : self.starts[start]])
            parts.append(json.dumps(new, ensure_ascii=False)[1:-1] if self._inside(start) else new)
            cursor = end
        parts.append(self.raw[self.starts[cursor] :])
        return "".join(parts)

    def _inside(self, position: int) -> bool:
        k = bisect_right(self.literals, (position, len(self.text) + 1)) - 1
        return k >= 0 and self.literals[k][0] <= position < self.literals[k][1]


def escaped_text(raw: str) -> EscapedText | None:
    """The decoded reading of ``raw``, or None when no string literal in it holds an escape
    (the text is read as it stands)."""
    if "\\" not in raw:
        return None
    matches = list(_LITERAL.finditer(raw))
    if not any("\\" in m.group(1) and _decoded(m.group(1)) is not None for m in matches):
        return None
    text: list[str] = []
    starts: list[int] = []
    literals: list[tuple[int, int]] = []
    cursor = 0
    for m in matches:
        content_start, content_end = m.span(1)
        _keep(raw, cursor, content_start, text, starts)
        begin = len(starts)
        decoded = _decoded(m.group(1)) if "\\" in m.group(1) else None
        if decoded is None:
            _keep(raw, content_start, content_end, text, starts)
        else:
            for char, offset in decoded:
                text.append(char)
                starts.append(content_start + offset)
        literals.append((begin, len(starts)))
        cursor = content_end
    _keep(raw, cursor, len(raw), text, starts)
    starts.append(len(raw))
    return EscapedText(raw, "".join(text), tuple(starts), tuple(literals))


def _keep(raw: str, start: int, end: int, text: list[str], starts: list[int]) -> None:
    text.append(raw[start:end])
    starts.extend(range(start, end))


def _decoded(content: str) -> list[tuple[str, int]] | None:
    """Each decoded character of a literal's content with its raw offset; None when a
    backslash starts no JSON escape or a surrogate escape stands alone (left raw)."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(content):
        if content[i] != "\\":
            out.append((content[i], i))
            i += 1
            continue
        m = _ESCAPE.match(content, i)
        if m is None:
            return None
        if m.group(2) is not None:
            out.append((_SIMPLE[m.group(2)], i))
            i = m.end()
            continue
        code = int(m.group(1), 16)
        if 0xD800 <= code < 0xDC00:
            low = _ESCAPE.match(content, m.end())
            if low is None or low.group(1) is None or not 0xDC00 <= int(low.group(1), 16) < 0xE000:
                return None
            code = 0x10000 + ((code - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00)
            out.append((chr(code), i))
            i = low.end()
            continue
        if 0xDC00 <= code < 0xE000:
            return None
        out.append((chr(code), i))
        i = m.end()
    return out
