"""Text read as a person reads it: JSON string escapes, HTML character references, URL
percent-encoding, decomposed or invisible characters, lines in capitals and numbers read out
digit by digit.

Tool results, retrieved pages and pasted records carry personal data in encoded forms no
detector reads: Python's ``json.dumps`` writes "Jürgen Müller" as ``J\\u00fcrgen M\\u00fcller``
and a line break inside a value as ``\\n`` ("nJonas"), a JSON string may hold JSON again, HTML
writes ``J&uuml;rgen`` and ``Anna&nbsp;Schmidt``, a link ``?kunde=J%C3%BCrgen+M%C3%BCller``,
macOS writes "ü" as "u" plus a combining diaeresis, and a copy from a PDF or web page hides a
soft hyphen or zero-width space inside a name ("Mül\u00adler").
:func:`encoded_text` decodes such a text in layers (:class:`Reading`: JSON, as often as it is
nested, then HTML, then URLs, then Unicode: composed, invisible characters dropped, then lines
in capitals read capitalised, then numbers read out digit by digit in a transcript as
digits); detection runs on the last layer's text and
:class:`EncodedText` maps what it finds back to the raw text. A replacement is written in the
encoding of the place it goes (escaped inside a JSON string), and every character not replaced
keeps its exact raw form.

Read as encoded only where that is unambiguous: a double-quoted literal whose every backslash
is a JSON escape (a Windows path or a domain login outside quotes stays as it stands), a named
or numeric HTML reference ending in ``;``, percent-encoded UTF-8 (``+`` as a space only in a
query's value), and a line without small letters holding two words of three letters or more
(its short words, words with digits and identifiers keep their capitals: "IBAN: DE89 ...",
"MAX_RETRIES"), and four digit words or more in a row, each after a space or a comma. No
text is logged here.
"""

from __future__ import annotations

import html.entities
import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from guardrails.rewriter import splice

Kind = Literal["json", "html", "url", "unicode", "case", "spoken"]
#: JSON inside JSON read this deep at most
MAX_JSON_DEPTH = 3

#: a double-quoted string on one line, escapes included
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))')
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
#: references read as a plain space (a name's parts joined by a no-break space are two words)
_SPACES = frozenset({"nbsp;", "ensp;", "emsp;", "thinsp;", "#160;", "#xa0;", "#xA0;"})
#: characters that show nothing inside a word: soft hyphen, zero-width space and joiners,
#: word joiner, byte order mark (PDF and web copies put them inside names: "Mül\u00adler")
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
#: a letter or digit and the combining marks after it ("u" + U+0308, as macOS writes "ü")
_MARKED = re.compile(r"[^\W_]?[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
#: a word of three letters or more (hyphenated parts of two or more), not part of an
#: identifier ("MAX_RETRIES")
_CAPS_WORD = re.compile(r"(?<!\w)[^\W\d_]{3,}(?:-[^\W\d_]{2,})*(?![\w-])")
#: digits as a transcript writes them when someone reads a number out
_DIGIT_WORDS = {
    **dict.fromkeys(("zero", "oh", "null"), "0"), **dict.fromkeys(("one", "eins"), "1"),
    **dict.fromkeys(("two", "zwei", "zwo"), "2"), **dict.fromkeys(("three", "drei"), "3"),
    **dict.fromkeys(("four", "vier"), "4"), **dict.fromkeys(("five", "fünf"), "5"),
    **dict.fromkeys(("six", "sechs"), "6"), **dict.fromkeys(("seven", "sieben"), "7"),
    **dict.fromkeys(("eight", "acht"), "8"), **dict.fromkeys(("nine", "neun"), "9"),
}  # fmt: skip
#: a digit word, or one said twice or three times ("double nine", as British English reads
#: phone numbers)
_DIGIT_WORD = (
    "(?:(?:double|triple)[ -])?(?:"
    + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
    + ")"
)
_REPEATS = {"double": 2, "triple": 3}
#: four digit words or more in a row after a space ("vier sieben eins eins", "five five five
#: one two"), in lower-cased text: the leading space lets the search skip from space to space
#: (a pattern opening with the alternation, or ignoring case, tries every position: 4x slower)
_SPOKEN_RUN = re.compile(rf" {_DIGIT_WORD}(?:[ ,-]+{_DIGIT_WORD}){{3,}}")
_SPOKEN_WORD = re.compile(_DIGIT_WORD)
_PERCENT_RUN = re.compile(r"(?:%[0-9a-fA-F]{2})+")
#: a run without white space (a URL holding percent-encoding is one)
_TOKEN = re.compile(r"\S+")
#: a query's value ("?q=Anna+Schmidt", "&kunde=..."; not a card's "TEL;TYPE=VOICE:+49 ..."): "+"
#: there is a space
_QUERY_VALUE = re.compile(r"[?&][\w.~-]+=([^&#\s\"'<>]*)")

#: (decoded character, its offset in the encoded piece) of each character the piece says
Decoded = list[tuple[str, int]]


@dataclass(frozen=True)
class Reading:
    """One layer: ``raw`` and what it says (``text``).

    ``starts[i]`` is where decoded character ``i`` begins in ``raw`` (``starts[len(text)]`` is
    ``len(raw)``), so ``raw[starts[a]:starts[b]]`` is exactly the raw form of ``text[a:b]``.
    ``regions`` are the decoded spans where a replacement must be encoded, in order: the
    JSON string literals' contents, the URLs holding percent-encoding, the lines in capitals
    (none for HTML, whose references may stand anywhere).
    """

    kind: Kind
    raw: str
    text: str
    starts: tuple[int, ...]
    regions: tuple[tuple[int, int], ...] = ()

    def up(self, raw_position: int) -> int:
        """The decoded position of a raw character boundary."""
        return bisect_left(self.starts, raw_position)

    def inside(self, position: int) -> bool:
        """Whether decoded ``position`` lies in one of :attr:`regions`."""
        k = bisect_right(self.regions, (position, len(self.text) + 1)) - 1
        return k >= 0 and self.regions[k][0] <= position < self.regions[k][1]

    def written(self, new: str, position: int) -> str:
        """``new`` as it is written in the raw text at decoded ``position``."""
        if self.kind == "html":
            return new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if not self.inside(position):
            return new
        if self.kind == "json":
            return json.dumps(new, ensure_ascii=False)[1:-1]
        if self.kind == "case":
            return new.upper()  # "MRS [PERSON_1]" in a line of capitals
        return quote(new, safe="[]_#*-.:@!$'()~")  # placeholders stay readable

    def split(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` whole, or only its parts inside JSON strings when it runs from one
        into another or out of one (the quotes and commas between values are JSON's)."""
        if self.kind != "json":
            return [(start, end)]
        inner = [(max(start, a), min(end, b)) for a, b in self.regions if a < end and start < b]
        return inner if inner and inner != [(start, end)] else [(start, end)]


@dataclass(frozen=True)
class EncodedText:
    """A raw text and the layers that decode it; offsets are into :attr:`text`."""

    readings: tuple[Reading, ...]

    @property
    def raw(self) -> str:
        return self.readings[0].raw

    @property
    def text(self) -> str:
        return self.readings[-1].text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of ``text[start:end]``."""
        for reading in reversed(self.readings):
            start, end = reading.starts[start], reading.starts[end]
        return start, end

    def pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` as spans a replacement may take (see :meth:`Reading.split`, applied
        in every layer)."""
        spans = [(start, end)]
        for k in range(len(self.readings) - 1, -1, -1):
            reading = self.readings[k]
            spans = [part for a, b in spans for part in reading.split(a, b)]
            if k:
                spans = [(reading.starts[a], reading.starts[b]) for a, b in spans]
        for reading in self.readings[1:]:
            spans = [(reading.up(a), reading.up(b)) for a, b in spans]
        return [(a, b) for a, b in spans if a < b]

    def rewrite(self, replacements: Sequence[tuple[int, int, str]]) -> str:
        """The raw text with the sorted, non-overlapping spans of :attr:`text` replaced (each
        one of :meth:`pieces`), each written in its layers' encodings."""
        spans = list(replacements)
        for reading in reversed(self.readings):
            spans = [
                (reading.starts[a], reading.starts[b], reading.written(new, a))
                for a, b, new in spans
            ]
        return splice(self.raw, spans)


def encoded_text(raw: str) -> EncodedText | None:
    """The layers decoding ``raw``, or None when nothing in it is encoded (read as it
    stands)."""
    readings: list[Reading] = []
    text = raw
    within: Sequence[tuple[int, int]] = [(0, len(raw))]
    for _ in range(MAX_JSON_DEPTH):
        reading = _json_reading(text, within)
        if reading is None:
            break
        readings.append(reading)
        text, within = reading.text, reading.regions  # JSON inside a JSON string
    for read in (_html_reading, _url_reading, _unicode_reading, _case_reading, _spoken_reading):
        reading = read(text)
        if reading is not None:
            readings.append(reading)
            text = reading.text
    return EncodedText(tuple(readings)) if readings else None


def _reading(
    kind: Kind,
    raw: str,
    pieces: Iterable[tuple[int, int, Decoded | None]],
    regions: Iterable[tuple[int, int]] = (),
) -> Reading:
    """A layer from the raw spans ``(start, end, decoded)`` that are encoded (sorted, apart;
    ``decoded`` None keeps the span as it stands) and the raw spans of its regions."""
    text: list[str] = []
    starts: list[int] = []
    cursor = 0
    for start, end, decoded in pieces:
        text.append(raw[cursor:start])
        starts.extend(range(cursor, start))
        if decoded is None:
            text.append(raw[start:end])
            starts.extend(range(start, end))
        else:
            text.extend(char for char, _ in decoded)
            starts.extend(start + offset for _, offset in decoded)
        cursor = end
    text.append(raw[cursor:])
    starts.extend(range(cursor, len(raw) + 1))
    decoded_regions = tuple(
        (bisect_left(starts, a), bisect_left(starts, b)) for a, b in regions
    )
    return Reading(kind, raw, "".join(text), tuple(starts), decoded_regions)


def _json_reading(raw: str, within: Sequence[tuple[int, int]]) -> Reading | None:
    """The JSON strings in the spans ``within`` decoded (the whole text, then the strings
    of the layer below: JSON written into a JSON string)."""
    if "\\" not in raw:
        return None
    literals = [
        (m.start(1), m.end(1), _json_decoded(m.group(1)) if "\\" in m.group(1) else None)
        for start, end in within
        for m in _LITERAL.finditer(raw, start, end)
    ]
    if all(decoded is None for _, _, decoded in literals):
        return None
    return _reading("json", raw, literals, [(a, b) for a, b, _ in literals])


def _json_decoded(content: str) -> Decoded | None:
    """Each decoded character of a literal's content with its raw offset; None when a
    backslash starts no JSON escape or a surrogate escape stands alone (left raw)."""
    out: Decoded = []
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


def _html_reading(raw: str) -> Reading | None:
    if "&" not in raw:
        return None
    pieces = [
        (m.start(), m.end(), [(char, 0)])
        for m in _REFERENCE.finditer(raw)
        if (char := _referenced(m)) is not None
    ]
    return _reading("html", raw, pieces) if pieces else None


def _referenced(m: re.Match[str]) -> str | None:
    """The character an HTML reference stands for (a space for no-break spaces)."""
    if m.group()[1:] in _SPACES:
        return " "
    if m.group(3) is not None:
        named = html.entities.html5.get(m.group(3) + ";")
        return named if named is not None and len(named) == 1 else None
    code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
    if code == 0 or 0xD800 <= code < 0xE000 or code > 0x10FFFF:
        return None
    return chr(code)


def _unicode_reading(raw: str) -> Reading | None:
    """Decomposed letters composed (NFC) and invisible characters dropped."""
    composed = unicodedata.is_normalized("NFC", raw)
    if composed and not any(char in raw for char in _INVISIBLE_CHARS):
        return None
    pieces: list[tuple[int, int, Decoded | None]] = [
        (m.start(), m.end(), []) for m in _INVISIBLE.finditer(raw)
    ]
    if not composed:
        pieces += [
            (m.start(), m.end(), _in_place(nfc))
            for m in _MARKED.finditer(raw)
            if len(nfc := unicodedata.normalize("NFC", m.group())) <= len(m.group())
        ]
    return _reading("unicode", raw, sorted(pieces, key=_start)) if pieces else None


def _case_reading(raw: str) -> Reading | None:
    """Lines written in capitals ("BITTE AN JÜRGEN MÜLLER WEITERLEITEN", a legacy export's
    "MUELLER;JUERGEN;KOELN") read with their words capitalised, as the name tagger knows
    names; words of one or two letters (and those with digits) stay as written."""
    pieces: list[tuple[int, int, Decoded | None]] = []
    lines: list[tuple[int, int]] = []
    end = -1
    for text in raw.split("\n"):
        start, end = end + 1, end + 1 + len(text)
        if not text.isupper():
            continue  # it has small letters (or none): written as people write
        words = list(_CAPS_WORD.finditer(raw, start, end))
        if len(words) < 2:
            continue  # a heading, a code: "IBAN: DE89 ...", "KENNZEICHEN: M-AB 1234"
        lines.append((start, end))
        for word in words:
            titled = word.group().title()
            if len(titled) == len(word.group()):
                pieces.append((word.start(), word.end(), _in_place(titled)))
    return _reading("case", raw, pieces, lines) if pieces else None


def _spoken_reading(raw: str) -> Reading | None:
    """A number read out digit by digit in a transcript ("meine Kundennummer ist vier sieben
    eins eins", "my number is five five five one two three four", "oh seven seven double
    nine ...") read as its digits."""
    lowered = " " + raw.lower()  # a run may open the text
    if len(lowered) != len(raw) + 1:
        return None  # lower-casing changed the length ("İ"): offsets would not match
    pieces: list[tuple[int, int, Decoded | None]] = []
    for run in _SPOKEN_RUN.finditer(lowered):
        if lowered[run.end() : run.end() + 1].isalpha():
            continue  # the last word runs on: "one two three fourteen"
        words = list(_SPOKEN_WORD.finditer(lowered, run.start() + 1, run.end()))
        for word, after in zip(words, [*words[1:], None], strict=True):
            stop = word.end() if after is None else after.start()  # the gap goes with it
            *repeat, said = word.group().replace("-", " ").split()
            digit = _DIGIT_WORDS[said]
            times = _REPEATS[repeat[0]] if repeat else 1
            last = word.end() - word.start() - len(said)  # where the digit word itself stands
            pieces.append((word.start() - 1, stop - 1, [(digit, 0)] + [(digit, last)] * (times - 1)))
    return _reading("spoken", raw, pieces) if pieces else None


def _url_reading(raw: str) -> Reading | None:
    if "%" not in raw and "=" not in raw:
        return None
    plus = {
        m.start(1) + k
        for m in _QUERY_VALUE.finditer(raw)
        for k, char in enumerate(m.group(1))
        if char == "+"
    }
    found: list[tuple[int, int, Decoded | None]] = [
        (m.start(), m.end(), decoded)
        for m in _PERCENT_RUN.finditer(raw)
        if (decoded := _percent_decoded(m.group())) is not None
    ]
    found += [(p, p + 1, [(" ", 0)]) for p in plus]
    if not found:
        return None
    found.sort(key=_start)
    encoded = [start for start, _, _ in found]
    tokens = [
        m.span()
        for m in _TOKEN.finditer(raw)
        if bisect_left(encoded, m.start()) < bisect_left(encoded, m.end())
    ]
    return _reading("url", raw, found, tokens)


def _in_place(text: str) -> Decoded:
    """``text`` read character for character in place of the piece it stands for."""
    return [(char, k) for k, char in enumerate(text)]


def _start(piece: tuple[int, int, Decoded | None]) -> int:
    return piece[0]


def _percent_decoded(run: str) -> Decoded | None:
    """The characters of a run of ``%XX`` bytes (valid UTF-8, no control characters), each
    at the offset of its first byte; None otherwise."""
    data = bytes(int(run[i + 1 : i + 3], 16) for i in range(0, len(run), 3))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(char) < 0x20 and char not in "\t\n\r" for char in text):
        return None
    out: Decoded = []
    offset = 0
    for char in text:
        out.append((char, offset))
        offset += 3 * len(char.encode("utf-8"))
    return out

