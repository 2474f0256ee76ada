"""Fields of structured text: the values of named fields and the cells of table columns.

Records reach the guard without sentences around them: JSON and tool-call arguments
(``"last_name": "Lange"``), code (``lastName="Lange"``, ``user.setLastName("Lange")``), logs
(``customer_id=C-100234``), forms and YAML-like records (one
``key: value`` per line, list items included), XML (``<lastName>Lange</lastName>``),
directory entries, contact cards and calendar invitations (``CN=Schmidt\, Anna,OU=Users``,
``ATTENDEE;CN=Nina Krüger:mailto:...``, ``BDAY;VALUE=date:1985-04-03``), tables (a header line and the lines under it split
by the same delimiter: ``;``, tab, ``|`` or ``,``, double quotes respected; a Markdown
table's rule line skipped; the table ends at the first line not split so) and SQL inserts
(``INSERT INTO t (vorname, nachname) VALUES ('Petra', 'Lange'), ...``: a row per
parenthesised list of values). A value read two ways counts once, as the longer reading. :func:`fields` yields each value with its field's name folded
(:func:`folded_field`), for recognizers that know which fields hold what
(:mod:`guardrails.recognizers.name_fields`, :mod:`guardrails.recognizers.record_fields`).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from guardrails.recognizers.field_names import PERSONAL_FIELDS

_KEY_CHARS = re.compile(r"[\s_\-:]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: a quoted field and its quoted value ("last_name": "Becker"), or a code assignment
#: (last_name="Becker", lastName = 'Becker')
_QUOTED_VALUE = r"""(?P<q>["'])(?P<value>[^"'\\\n]{1,80})(?P=q)"""
#: (JSON inside a JSON string escapes its quotes: \"last_name\": \"Becker\")
_QUOTED_FIELD = re.compile(
    r"""\\?["'](?P<key>[A-Za-zÄÖÜäöüß][\w \-]{0,30})\\?["']\s*:\s*\\?"""
    r"""(?P<q>["'])(?P<value>[^"'\\\n]{1,80})\\?(?P=q)"""
)
_ASSIGNED_FIELD = re.compile(rf"(?<![\w.])(?P<key>[A-Za-z][A-Za-z_]{{1,30}})\s*=\s*{_QUOTED_VALUE}")
#: a log's or a query's bare key=value (customer_id=C-100234, lastName=Lange)
_BARE_FIELD = re.compile(
    r"(?<![\w.])(?P<key>[A-Za-z][A-Za-z_]{1,30})=(?P<value>[^\s\"'&,;()=]{1,80})"
)
#: a setter's argument (user.setLastName("Lange"))
_SETTER_FIELD = re.compile(rf"\.set(?P<key>[A-Z]\w{{1,30}})\(\s*{_QUOTED_VALUE}\s*\)")
#: a field on its own line, as in a form, a YAML record or a list ("Nachname: Lange",
#: "- name: Krause"), or a contact card's or calendar's content line, whose name may carry a
#: group and parameters ("BDAY;VALUE=date:1985-04-03", "item1.ADR;type=HOME:;;...")
_LINE_FIELD = re.compile(
    r"(?m)^[ \t>]*(?:[-*•][ \t]+)?(?:item\d{1,3}\.)?(?P<key>[A-Za-zÄÖÜäöüß][\w .-]{0,30}?)"
    r"(?:;[A-Za-z-]{1,20}(?:=[^:;\n]{1,40})?)*[ \t]*:[ \t]*"
    r"(?P<value>[^\n:]{1,80}?)[ \t]*$"
)
#: an XML element's text (<lastName>Lange</lastName>)
_ELEMENT_FIELD = re.compile(r"<(?P<key>[A-Za-z][\w-]{0,30})>(?P<value>[^<>\n]{1,80})</(?P=key)>")
#: a directory entry's or a calendar invitation's common name: an LDAP distinguished name
#: (CN=Schmidt\, Anna,OU=Users,DC=corp), a search filter ((cn=Anna Schmidt)), an iCalendar
#: attendee (ATTENDEE;CN=Nina Krüger:mailto:...; CN="Krüger, Nina")
_COMMON_NAME_FIELD = re.compile(
    r"""(?<![\w-])(?P<key>[Cc][Nn])=(?:"(?P<quoted>[^"\n]{1,80})"|(?P<value>(?:\\.|[^,;:=+"\\\n<>()]){1,80}))"""
)
#: an SQL insert's table and column list, up to the first row of values
_SQL_INSERT = re.compile(
    r"(?i)\binsert[ \t]+(?:ignore[ \t]+)?into[ \t]+[^\s(]{1,80}\s*\((?P<columns>[^()]{1,800})\)"
    r"\s*values\s*"
)
_DELIMITERS = (";", "\t", "|", ",")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


class Field(NamedTuple):
    """``text[start:end]`` is the value of the field (or column) ``key`` (folded); a table's
    cell also knows where its row starts."""

    key: str
    start: int
    end: int
    row: int | None = None


def folded_field(name: str) -> str:
    """A field's or column's name compared without case, spaces, ``_`` or ``-``
    ("lastName", "Last name", "last_name" -> "lastname")."""
    return _KEY_CHARS.sub("", _CAMEL.sub("_", name.strip().strip("*"))).casefold()


def fields(text: str, wanted: Callable[[str], bool]) -> Iterator[Field]:
    """The value of every field and the cell of every column whose folded name is
    ``wanted`` (one of :data:`~guardrails.recognizers.field_names.PERSONAL_FIELDS`), without the spaces around it (empty values
    left out). The text is parsed once for all recognizers asking."""
    return (f for f in _all_fields(text) if wanted(f.key))


#: the fields of the last few texts: several recognizers read the same text's fields (spans
#: and field names only, keyed by the text's hash and length; no text is kept)
_RECENT: OrderedDict[tuple[int, int], tuple[Field, ...]] = OrderedDict()
_RECENT_SIZE = 8
_RECENT_LOCK = threading.Lock()


def _all_fields(text: str) -> tuple[Field, ...]:
    key = (hash(text), len(text))
    with _RECENT_LOCK:
        known = _RECENT.get(key)
    if known is not None:
        return known
    found = _outermost(_parsed(text))
    with _RECENT_LOCK:
        _RECENT[key] = found
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return found


def _outermost(found: Iterable[Field]) -> tuple[Field, ...]:
    """Each field once, without those inside another of the same name: a value read two ways
    (``CN=Klaus Fischer`` is also the bare ``CN=Klaus``) counts as the longer one."""
    kept: list[Field] = []
    reach: dict[str, int] = {}
    for field in sorted(set(found), key=lambda f: (f.start, -f.end)):
        if field.end > reach.get(field.key, -1):
            kept.append(field)
            reach[field.key] = field.end
    return tuple(kept)


def _parsed(text: str) -> Iterator[Field]:
    patterns = [
        pattern
        for pattern, mark in (
            (_QUOTED_FIELD, '"'), (_QUOTED_FIELD, "'"), (_ASSIGNED_FIELD, "="), (_BARE_FIELD, "="),
            (_SETTER_FIELD, ".set"), (_LINE_FIELD, ":"), (_ELEMENT_FIELD, "</"),
            (_COMMON_NAME_FIELD, "N="), (_COMMON_NAME_FIELD, "n="),
        )
        if mark in text
    ]  # fmt: skip
    for pattern in dict.fromkeys(patterns):
        m = pattern.search(text)
        while m is not None:
            key = folded_field(m.group("key"))
            value = "value" if m.start("value") >= 0 else "quoted"
            if key in PERSONAL_FIELDS:
                found = _trimmed(text, key, m.start(value), m.end(value))
                if found is not None:
                    yield found
            # on from the value: a string value may hold escaped JSON with fields of its own
            m = pattern.search(text, m.start(value))
    if "\n" in text and any(d in text for d in _DELIMITERS):
        yield from _table_cells(text)
    if "nsert" in text or "NSERT" in text:
        yield from _sql_rows(text)


def _trimmed(
    text: str, key: str, start: int, end: int, row: int | None = None
) -> Field | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Field(key, start, end, row) if start < end else None


def _table_cells(text: str) -> Iterator[Field]:
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        _start, line = lines[i]
        header = _header(line)
        i += 1
        if header is None:
            continue
        delimiter, cells = header
        keys = [folded_field(line[s:e]) for s, e in cells]
        columns = [n for n, key in enumerate(keys) if key in PERSONAL_FIELDS]
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
                found = _trimmed(
                    text, keys[n], row_start + cell_start, row_start + cell_end, row_start
                )
                if found is not None:
                    yield found
            i += 1


def _sql_rows(text: str) -> Iterator[Field]:
    """The values of an SQL insert's personal columns, row by row: ``INSERT INTO kunden
    (vorname, nachname, ort) VALUES ('Jürgen', 'Krause', 'Bonn'), (...)``. A quoted value
    without its quotes, any other (a number, NULL, a function call) as written; a row with
    another number of values than columns is skipped."""
    for m in _SQL_INSERT.finditer(text):
        keys = [folded_field(c.strip().strip('`"[]')) for c in m.group("columns").split(",")]
        if not any(key in PERSONAL_FIELDS for key in keys):
            continue
        pos = m.end()
        while (row := _sql_values(text, pos)) is not None:
            values, pos = row
            if len(values) == len(keys):
                row_start = text.rfind("\n", 0, values[0][0]) + 1
                for key, (start, end) in zip(keys, values, strict=True):
                    found = _trimmed(text, key, start, end, row_start)
                    if found is not None and key in PERSONAL_FIELDS:
                        yield found
            pos = _skip_spaces(text, pos)
            if not text.startswith(",", pos):
                break
            pos += 1


def _sql_values(text: str, pos: int) -> tuple[list[tuple[int, int]], int] | None:
    """The values of the parenthesised row at ``pos`` (spaces skipped) and where the row
    ends, or None when no complete row starts there. SQL strings double a quote to hold one
    (MySQL also escapes it with a backslash)."""
    pos = _skip_spaces(text, pos)
    if not text.startswith("(", pos):
        return None
    values: list[tuple[int, int]] = []
    pos += 1
    while pos < len(text):
        pos = _skip_spaces(text, pos)
        if text.startswith("'", pos):
            start = end = pos + 1
            while end < len(text) and (text[end] != "'" or text.startswith("''", end)):
                end += 2 if text[end] == "\\" or text.startswith("''", end) else 1
            if end >= len(text):
                return None
            values.append((start, end))
            pos = _skip_spaces(text, end + 1)
        else:
            start, depth = pos, 0
            while pos < len(text) and (depth or text[pos] not in ",)"):
                depth += {"(": 1, ")": -1}.get(text[pos], 0)
                pos += 1
            values.append((start, pos))
        if text.startswith(")", pos):
            return values, pos + 1
        if not text.startswith(",", pos):
            return None
        pos += 1
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


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
