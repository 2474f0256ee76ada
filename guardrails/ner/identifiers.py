"""Long identifiers read as one token: the tagger needs an e-mail address's or IBAN's place
in the sentence, not its pieces.

Names and places never hold a digit or ``@``, and the pattern recognizers find e-mail
addresses, IBANs, phone numbers and the like on their own. XLM-R's vocabulary cuts such a
word into many pieces (an IBAN into ~10, an e-mail address into ~9), about a fifth of the
tokens of a typical business message, and the tagger's cost grows with every token. Each
identifier word of at least :data:`MIN_PIECES` pieces is therefore replaced by one stand-in
token covering the whole word. Shorter ones (years, postal codes, house numbers) stay as
they are: they are cheap, and they tell the tagger that a town or a street is near.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrails.ner.spans import Span
from guardrails.ner.tokenizer import Encoding

#: fewest pieces an identifier word must have to be read as one token
MIN_PIECES = 4
#: a word holding a digit or "@", without the brackets, quotes and commas around it
_IDENTIFIER_WORD = re.compile(r"[^\s()\[\]{}<>\"'“”„«»,;]*[\d@][^\s()\[\]{}<>\"'“”„«»,;]*")
_TRAILING = ".:!?"


def identifier_spans(text: str) -> list[Span]:
    """Character spans of the words holding a digit or ``@`` (sentence punctuation after
    them left out), in order."""
    out: list[Span] = []
    for match in _IDENTIFIER_WORD.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _owner(spans: Sequence[Span], start: int, k: int) -> int:
    """Index of the span holding character ``start``, searching from ``k`` (spans sorted);
    ``len(spans)`` when none does."""
    while k < len(spans) and spans[k][1] <= start:
        k += 1
    return k


def compact_identifiers(enc: Encoding, text: str, stand_in: int) -> Encoding:
    """``enc`` of ``text`` with the tokens of each long identifier word replaced by one
    ``stand_in`` token whose offsets cover the word."""
    spans = identifier_spans(text)
    if not spans:
        return enc
    holder: list[int] = []  # per token: the span that holds its start, or -1
    counts = [0] * len(spans)
    k = 0
    for start, _end in enc.offsets:
        k = _owner(spans, start, k)
        inside = k < len(spans) and spans[k][0] <= start
        holder.append(k if inside else -1)
        if inside:
            counts[k] += 1
    if not any(count >= MIN_PIECES for count in counts):
        return enc
    ids: list[int] = []
    offsets: list[Span] = []
    for token_id, offset, owner in zip(enc.ids, enc.offsets, holder, strict=True):
        if owner < 0 or counts[owner] < MIN_PIECES:
            ids.append(token_id)
            offsets.append(offset)
        elif not offsets or offsets[-1] != spans[owner]:
            ids.append(stand_in)
            offsets.append(spans[owner])
    return Encoding(ids, offsets)
