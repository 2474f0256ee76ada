"""From model output to what the caller reads: restore placeholders, act on leaked identifiers.

Pure core, no I/O: how a placeholder resolves and what counts as leaked personal data are
passed in. Whole answers and streams share one implementation (a whole answer is a stream of
one chunk), so both give the same text for every possible chunking.

Streaming holds back only what could still change meaning when the next chunk arrives:
a possibly unfinished placeholder (``[PERS``), and - when output scanning acts - an
unfinished identifier (a word with a digit or ``@``, a run of digit groups, the start of a
deny-listed term). Ordinary words are passed on at once, so time to first token stays the
model's. In shadow mode the scan only reports what it would have done: nothing is held back
or changed for it.

Known limit: a word is released as soon as it cannot be a placeholder or identifier by
itself, so an e-mail address the model streams as ``max`` + ``.muster@…`` is replaced from
the ``.`` on; the first piece of its local part has already gone out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from guardrails.findings import Decision
from guardrails.pseudonyms import MAX_TOKEN_CHARS, PseudonymStyle, TokenMatch
from guardrails.rewriter import Operators, replacement

#: token -> the caller's value, or None to leave the token as the model wrote it
Resolver = Callable[[TokenMatch], "str | None"]
#: model-written text -> decisions on identifiers the caller did not provide
OutputScanner = Callable[[str], Sequence[Decision]]

#: Characters of already emitted model text kept as left context for the next scan.
SCAN_CONTEXT_CHARS = 64
#: An unfinished identifier longer than this is released anyway (a runaway digit stream).
MAX_HOLD_CHARS = 96

_WORD_WITH_ID_CHAR = re.compile(r"[\d@]")
_ID_PUNCT = re.compile(r"[\d@._+\-]")
#: Country codes and letter prefixes that identifiers start with (IBAN "DE89...", VAT "DE12...")
_ID_PREFIX = re.compile(r"[A-Z]{1,4}")
#: The same prefix glued to what precedes it by punctuation: "IBAN:DE", "Konto[DE", "an/DE"
_GLUED_ID_PREFIX = re.compile(r"(?<![^\W_])[A-Z]{1,4}$")


def open_identifier_start(text: str) -> int:
    """Where an identifier that may still grow starts at the end of ``text`` (else len).

    Held: a trailing run of words containing a digit or ``@`` (or starting with ``+``/``(``),
    joined by single spaces, as IBANs and phone numbers are written in groups; and an
    unfinished last word containing a digit, ``@``, ``.``, ``_``, ``+`` or ``-``, or made of
    one to four capitals (the country code an IBAN or VAT id starts with, possibly cut), or
    ending in them after punctuation ("IBAN:DE"), held from the capitals on.
    """
    end = len(text)
    limit = max(0, end - MAX_HOLD_CHARS)
    start = end
    i = end
    trailing_space = i > 0 and text[i - 1] == " "
    if i > 0 and not text[i - 1].isspace():
        j = i
        while j > limit and not text[j - 1].isspace():
            j -= 1
        word = text[j:i]
        # the country code may follow an opening bracket or quote: "(DE", "[DE"
        if not (_ID_PUNCT.search(word) or _ID_PREFIX.fullmatch(word.lstrip("([{\"'„“‚"))):
            glued = _GLUED_ID_PREFIX.search(word)
            # an ordinary unfinished word goes out now; a glued country code waits
            return j + glued.start() if glued is not None else end
        start, i = j, j
    elif not trailing_space:
        return end
    # earlier complete words of the same run, separated by exactly one space
    while i > limit and text[i - 1] == " " and (i < 2 or not text[i - 2].isspace()):
        j = i - 1
        while j > limit and not text[j - 1].isspace():
            j -= 1
        word = text[j : i - 1]
        if not (_WORD_WITH_ID_CHAR.search(word) or word[:1] in ("+", "(")):
            break
        start, i = j, j
    if start == end and trailing_space:
        return end
    return start


class DenyPrefixes:
    """Holds back the start of a deny-listed term (``Blue`` of ``Blue Falcon``) until it is
    either complete or clearly something else."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms = tuple(sorted({t.casefold() for t in terms if t.strip()}))
        self._longest = max((len(t) for t in self._terms), default=0)

    def start(self, text: str) -> int:
        """Start of a trailing proper prefix of a deny-listed term, else len."""
        if not self._terms:
            return len(text)
        window_start = max(0, len(text) - self._longest)
        for i in range(window_start, len(text)):
            if i > 0 and text[i - 1].isalnum():
                continue  # only at word starts
            tail = text[i:].casefold()
            if any(t.startswith(tail) and t != tail for t in self._terms):
                return i
        return len(text)


class StreamRestorer:
    """Turns model deltas into caller deltas; see the module docstring for what is held."""

    def __init__(
        self,
        style: PseudonymStyle,
        resolve: Resolver,
        ops: Operators,
        scan: OutputScanner | None = None,
        deny_prefixes: DenyPrefixes | None = None,
        escape: Callable[[str], str] | None = None,
        report: Callable[[Decision, str], None] | None = None,
        shadow: bool = False,
    ) -> None:
        self._style = style
        self._resolve = resolve
        self._ops = ops
        self._scan = scan
        #: report the scan's decisions without acting on them (policy ``mode: shadow``)
        self._shadow = shadow
        self._deny = deny_prefixes
        self._escape = escape
        self._report = report
        self._pending = ""
        self._context = ""  # tail of emitted model text, for the scanner and token lookbehind

    def feed(self, delta: str) -> str:
        """Caller text for this model delta (possibly empty while a fragment is held)."""
        self._pending += delta
        cut = self._safe_cut(self._pending)
        if 0 < cut < len(self._pending) and self._scan is not None and not self._shadow:
            cut = self._before_straddling(cut)
        if cut == 0:
            return ""
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return self._emit(ready)

    def flush(self) -> str:
        """Everything still held, at the end of the stream."""
        ready, self._pending = self._pending, ""
        return self._emit(ready) if ready else ""

    def _safe_cut(self, text: str) -> int:
        # emitted text is left context: "1E" is no placeholder start, a lone "E" might be
        left = self._context[-MAX_TOKEN_CHARS:]
        cut = max(0, self._style.partial_tail(left + text) - len(left))
        if self._scan is not None and not self._shadow:
            tokens = list(self._style.find(text))
            base = tokens[-1].end if tokens else 0
            cut = min(cut, base + open_identifier_start(text[base:]))
            if self._deny is not None:
                cut = min(cut, base + self._deny.start(text[base:]))
        return cut

    def _before_straddling(self, cut: int) -> int:
        """``cut`` moved back to the start of an identifier it would split: a runaway run
        released at :data:`MAX_HOLD_CHARS` must not send the first digits of a number the
        scan finds once the rest of it is read."""
        assert self._scan is not None
        offset = len(self._context)
        window = self._context + self._pending
        at = offset + cut
        found = self._scan(_blank(window, list(self._style.find(window))))
        for d in sorted(found, key=lambda d: -d.finding.start):
            if offset <= d.finding.start < at < d.finding.end:
                at = d.finding.start
        return at - offset

    def _emit(self, ready: str) -> str:
        offset = len(self._context)
        window = self._context + ready
        all_tokens = list(self._style.find(window))
        tokens = [t for t in all_tokens if t.end > offset]
        decisions: list[Decision] = []
        if self._scan is not None:
            # placeholders are blanked (same length) so their digits trigger nothing
            masked = _blank(window, all_tokens)
            decisions = [
                d
                for d in self._scan(masked)
                if d.finding.end > offset and not any(_overlap(d, t) for t in tokens)
            ]
            if self._shadow:
                for d in decisions:
                    if self._report is not None:
                        self._report(d, window[d.finding.start : d.finding.end])
                decisions = []
        out: list[str] = []
        cursor = offset
        for kind, start, end, item in _merge(tokens, decisions):
            if end <= cursor:
                continue
            out.append(window[cursor : max(cursor, start)])
            if kind == "token":
                assert isinstance(item, TokenMatch)
                value = self._resolve(item)
                out.append(window[start:end] if value is None else self._escaped(value))
            else:
                assert isinstance(item, Decision)
                value = window[item.finding.start : item.finding.end]
                out.append(self._escaped(replacement(item, value, self._ops)))
                if self._report is not None:
                    self._report(item, value)
            cursor = end
        out.append(window[cursor:])
        self._context = window[-SCAN_CONTEXT_CHARS:]
        return "".join(out)

    def _escaped(self, value: str) -> str:
        return self._escape(value) if self._escape is not None else value


def _blank(text: str, tokens: Sequence[TokenMatch]) -> str:
    if not tokens:
        return text
    parts, cursor = [], 0
    for t in tokens:
        parts += [text[cursor : t.start], " " * (t.end - t.start)]
        cursor = t.end
    parts.append(text[cursor:])
    return "".join(parts)


def _overlap(decision: Decision, token: TokenMatch) -> bool:
    return decision.finding.start < token.end and token.start < decision.finding.end


def _merge(
    tokens: Sequence[TokenMatch], decisions: Sequence[Decision]
) -> list[tuple[str, int, int, TokenMatch | Decision]]:
    items: list[tuple[str, int, int, TokenMatch | Decision]] = [
        ("token", t.start, t.end, t) for t in tokens
    ]
    items += [("finding", d.finding.start, d.finding.end, d) for d in decisions]
    return sorted(items, key=lambda x: (x[1], -x[2]))


def restore_text(
    text: str,
    style: PseudonymStyle,
    resolve: Resolver,
    ops: Operators,
    scan: OutputScanner | None = None,
    escape: Callable[[str], str] | None = None,
    report: Callable[[Decision, str], None] | None = None,
) -> str:
    """A whole answer restored: the stream restorer fed with one chunk."""
    restorer = StreamRestorer(style, resolve, ops, scan=scan, escape=escape, report=report)
    return restorer.feed(text) + restorer.flush()
