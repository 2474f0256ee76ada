"""Names in structured data: a JSON or code field named for a person's name, and the cells
of a table's name column.

People paste records into chats and tools send them as call arguments: ``{"first_name":
"Jonas", "last_name": "Becker"}``, a CSV export (``Name;Abteilung`` over ``Lange,
Petra;Einkauf``), a Markdown table of who is on leave (``| Mitarbeiter | Standort |`` over
``| Krause | Köln |``). Without a sentence around it the tagger has nothing to read: a lone
surname in a cell or a field reached the model as written, and "Schmidt, Anna" became two
people. Here the field's or the column's name says "person":

Fields are read in JSON, YAML-like records and forms (one ``key: value`` per line), code
(``last_name="Lange"``) and XML (``<lastName>Lange</lastName>``).

- fields and columns named for a name part (``first_name``, ``lastName``, ``surname``,
  ``Vorname``, ``Nachname``, ``full name`` ...) always;
- fields and columns whose name only may be a person's (``name``, ``author``, ``Mitarbeiter``,
  ``Kunde``, ``contact`` ...) where the value holds a known first name or surname ("Widget
  Pro" under ``Name`` stays).

A value counts when it is one to five words of letters (no digits, no ``@``: mail addresses
and ids are other recognizers' business), not a placeholder such as ``null``, ``TBD`` or
``-``, and not a company (a legal form: "Müller GmbH" under ``Kunde``). A table is a header line and the lines under it split by the same delimiter (``;``,
tab, ``|`` or ``,``, double quotes respected); it ends at the first line that is not split so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from guardrails.name_rules import NAME_PARTICLES
from guardrails.ordinary_vocabulary import MAYBE_PERSON_FIELDS, NAME_PART_FIELDS, NOBODY
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a field named for a name part: its value is a person's (name)
NAME_FIELD_SCORE = 0.75
#: a field that may hold a person, whose value holds a known name
KNOWN_NAME_SCORE = 0.6

#: values that stand for nobody
_NO_VALUES_TEXT = "null none nil undefined unknown - -- n.a. na tbd"
_NO_VALUES = NOBODY | frozenset(_NO_VALUES_TEXT.split())
#: a company's legal form ("Müller GmbH" under "Kunde" is the company)
_LEGAL_FORM = re.compile(
    r"(?i)(?<![\w])(?:gmbh|ag|kg|ohg|gbr|ug|se|e\.\s?k|e\.\s?v|inc|ltd|llc|plc|corp|co|gruppe"
    r"|group|söhne|sons|partner)\b"
)

_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_PARTICLE = re.compile(NAME_PARTICLES, re.IGNORECASE)
_VALUE = re.compile(r"[^\W\d_][\w'’.-]*(?:,?[ \t]+[^\W\d_][\w'’.-]*){0,4}")
_KEY_CHARS = re.compile(r"[\s_\-:]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: a quoted field and its quoted value ("last_name": "Becker"), or a code assignment
#: (last_name="Becker", lastName = 'Becker')
_QUOTED_FIELD = re.compile(
    r"""["'](?P<key>[A-Za-zÄÖÜäöüß][\w \-]{0,30})["']\s*:\s*(?P<q>["'])(?P<value>[^"'\\\n]{1,80})(?P=q)"""
)
_ASSIGNED_FIELD = re.compile(
    r"""(?<![\w.])(?P<key>[A-Za-z][A-Za-z_]{1,30})\s*=\s*(?P<q>["'])(?P<value>[^"'\\\n]{1,80})(?P=q)"""
)
#: a field on its own line, as in a form, a YAML record or a list ("Nachname: Lange",
#: "- name: Krause")
_LINE_FIELD = re.compile(
    r"(?m)^[ \t>]*(?:[-*•][ \t]+)?(?P<key>[A-Za-zÄÖÜäöüß][\w .-]{0,30}?)[ \t]*:[ \t]*"
    r"(?P<value>[^\n:]{1,80}?)[ \t]*$"
)
#: an XML element's text (<lastName>Lange</lastName>)
_ELEMENT_FIELD = re.compile(r"<(?P<key>[A-Za-z][\w-]{0,30})>(?P<value>[^<>\n]{1,80})</(?P=key)>")
_DELIMITERS = (";", "\t", "|", ",")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def folded_field(name: str) -> str:
    """A field's or column's name compared without case, spaces, ``_`` or ``-``
    ("lastName", "Last name", "last_name" -> "lastname")."""
    return _KEY_CHARS.sub("", _CAMEL.sub("_", name.strip().strip("*"))).casefold()


class NameFieldRecognizer(SpanRecognizer):
    """``PERSON`` for the value of a name field and the cells of a name column."""

    ENTITY = "PERSON"
    NAME = "NameFieldRecognizer"

    def __init__(self, is_known_name: Callable[[str], bool], supported_language: str) -> None:
        """``is_known_name``: whether a word is a known first name or surname (any case)."""
        super().__init__(supported_language)
        self._is_known = is_known_name

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each name-field value and name-column cell."""
        patterns = [
            pattern
            for pattern, mark in (
                (_QUOTED_FIELD, '"'), (_QUOTED_FIELD, "'"), (_ASSIGNED_FIELD, "="),
                (_LINE_FIELD, ":"), (_ELEMENT_FIELD, "</"),
            )
            if mark in text
        ]  # fmt: skip
        for pattern in dict.fromkeys(patterns):
            for m in pattern.finditer(text):
                found = self._value(m.group("key"), text, m.start("value"), m.end("value"))
                if found is not None:
                    yield found
        if any(d in text for d in _DELIMITERS) and "\n" in text:
            yield from self._table_cells(text)

    def _value(self, key: str, text: str, start: int, end: int) -> tuple[int, int, float] | None:
        """The name in ``text[start:end]`` under the field ``key``, with its score."""
        field = folded_field(key)
        if field in NAME_PART_FIELDS:
            score = NAME_FIELD_SCORE
        elif field in MAYBE_PERSON_FIELDS:
            score = KNOWN_NAME_SCORE
        else:
            return None
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        value = text[start:end]
        if not _VALUE.fullmatch(value) or value.casefold() in _NO_VALUES:
            return None
        if _LEGAL_FORM.search(value):
            return None
        if score < NAME_FIELD_SCORE and not self._reads_as_name(value):
            return None
        return start, end, score

    def _reads_as_name(self, value: str) -> bool:
        """Whether a value of a field that may hold anything is written as a person's name:
        capitalised words (name particles aside) of which one is a known name ("Anna Schmidt",
        "Lange"; not "jordan-api", "Build and Test")."""
        words = _LETTER_RUNS.findall(value)
        return all(w[0].isupper() or _PARTICLE.fullmatch(w) for w in words) and any(
            self._is_known(w) for w in words
        )

    def _table_cells(self, text: str) -> Iterator[tuple[int, int, float]]:
        lines = list(_lines(text))
        i = 0
        while i < len(lines):
            start, line = lines[i]
            header = _header(line)
            if header is None:
                i += 1
                continue
            delimiter, cells = header
            columns = [n for n, (_s, _e) in enumerate(cells) if _is_name_column(line, cells[n])]
            i += 1
            if not columns:
                continue
            while i < len(lines):
                row_start, row = lines[i]
                if delimiter == "|" and _MARKDOWN_RULE.match(row):
                    i += 1
                    continue
                row_cells = _split(row, delimiter)
                if len(row_cells) != len(cells):
                    break
                for n in columns:
                    cell_start, cell_end = row_cells[n]
                    key = line[cells[n][0] : cells[n][1]]
                    found = self._value(key, text, row_start + cell_start, row_start + cell_end)
                    if found is not None:
                        yield found
                i += 1


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line with the offset of its first character."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _header(line: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The delimiter and the cells of a line that may head a table: two or more cells of a
    few words each, split by the first of :data:`_DELIMITERS` that splits it."""
    for delimiter in _DELIMITERS:
        if delimiter in line:
            cells = _split(line, delimiter)
            if len(cells) >= 2 and all(len(line[s:e].split()) <= 3 for s, e in cells):
                return delimiter, cells
            return None
    return None


def _is_name_column(line: str, cell: tuple[int, int]) -> bool:
    field = folded_field(line[cell[0] : cell[1]])
    return field in NAME_PART_FIELDS or field in MAYBE_PERSON_FIELDS


def _split(line: str, delimiter: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of ``line`` (double quotes keep a delimiter inside a
    cell; a Markdown row's outer pipes open and close no cell), without its quotes."""
    cells: list[tuple[int, int]] = []
    start, quoted = 0, False
    for pos, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            cells.append((start, pos))
            start = pos + 1
    cells.append((start, len(line)))
    if delimiter == "|":
        if cells and not line[cells[0][0] : cells[0][1]].strip():
            cells = cells[1:]
        if cells and not line[cells[-1][0] : cells[-1][1]].strip():
            cells = cells[:-1]
    return [_unquoted(line, s, e) for s, e in cells]


def _unquoted(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end - start >= 2 and line[start] == line[end - 1] == '"':
        return start + 1, end - 1
    return start, end
