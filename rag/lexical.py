"""BM25-style sparse vectors for Qdrant: the lexical half of hybrid search (pure, no I/O).

Documents get BM25 term-frequency weights; queries get weight 1 per distinct term. Qdrant
multiplies both sides' matches by the collection's IDF (``Modifier.IDF``), so the dot product
is BM25 without any corpus statistics kept here. Terms are hashed to 32-bit indices: CRC-32,
or a keyed BLAKE2b when the index is sealed (:mod:`rag.sealing`), so that hashing a names
dictionary does not reveal which chunks mention whom.

Tokenisation is multilingual: Unicode case folding and NFKC, Snowball stemming for the language
detected per text (script, then a stop-word vote for Latin scripts), accents folded after
stemming, and overlapping character bigrams for scripts written without spaces (Chinese,
Japanese, Thai ...), where words cannot be split by whitespace.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from rag.settings import LexicalSettings

# Word characters plus the combining marks that \w misses (Indic vowel signs, Thai and Arabic
# marks, Latin combining accents), so that a word is never cut at a vowel sign.
_WORD = re.compile(
    r"(?:\w|[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    r"\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    r"\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+"
)

# Small, high-frequency function-word lists: enough to vote on the language of a sentence.
_STOPWORD_TEXT: dict[str, str] = {
    "english": (
        "the of and to in is was for that with as on by are were from this which what who how "
        "when where did does it an be has have"
    ),
    "german": (
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem wie wer was "
        "wann wo welche welcher wurde wurden werden sind auch hat haben nach bei über oder aber "
        "zum zur dass es er sie wir ich ihre sein kann"
    ),
    "spanish": (
        "el la los las de y que en un una por con para es del se al lo como qué quién cuál "
        "cuándo dónde cuántos fue son"
    ),
    "french": (
        "le la les de des et est un une du en que qui pour dans sur au aux par quel quelle "
        "était sont pas ce"
    ),
    "italian": (
        "il lo la gli le di e che un una per con del della dei è sono chi quale quando dove "
        "come non al nel"
    ),
    "portuguese": (
        "o a os as de e que um uma para com do da dos das em no na é foi não quem qual quando "
        "onde como"
    ),
    "dutch": (
        "de het een en van is dat die in op te zijn voor met niet wat wie waar wanneer hoe "
        "werd"
    ),
    "turkish": "ve bir bu da de için ile ne mi mı kim hangi nerede nasıl olarak olan daha çok gibi",
    "swedish": "och att det som en på är av för med till den inte har var vad vem",
    "danish": "og at det som en på er af for med til den ikke har var hvad hvem",
    "norwegian": "og at det som en på er av for med til den ikke har var hva hvem",
    "finnish": "ja on ei se että oli kuin mitä kuka missä milloin miten joka",
    "romanian": "și de la în că cu pe un o este a din care ce cine unde când",
    "indonesian": "yang dan di ke dari ini itu dengan untuk adalah apa siapa kapan",
}
_STOPWORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _STOPWORD_TEXT.items()}

_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _language, _words_of in _STOPWORDS.items():
    for _word in _words_of:
        _STOPWORD_LANGUAGES[_word] = (*_STOPWORD_LANGUAGES.get(_word, ()), _language)

# Scripts whose words are not separated by spaces: emit overlapping character bigrams.
_BIGRAM_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables (agglutinative; bigrams beat whole words)
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)

# Non-Latin scripts with a Snowball stemmer, detected from the first letter of the script.
_SCRIPT_LANGUAGES = (
    ((0x0370, 0x03FF), "greek"),
    ((0x0400, 0x04FF), "russian"),
    ((0x0530, 0x058F), "armenian"),
    ((0x0600, 0x06FF), "arabic"),
    ((0x0900, 0x097F), "hindi"),
    ((0x0B80, 0x0BFF), "tamil"),
)

_MAX_TOKEN_CHARS = 40


_BIGRAM_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _BIGRAM_RANGES)
_BIGRAM_RUN = re.compile(f"[{_BIGRAM_CLASS}]+")
_SCRIPT_RUNS = re.compile(f"[{_BIGRAM_CLASS}]+|[^{_BIGRAM_CLASS}]+")


def _is_bigram_char(ch: str) -> bool:
    return _BIGRAM_RUN.match(ch) is not None


def detect_language(words: list[str]) -> str | None:
    """The Snowball language of casefolded ``words``, or None when unsure (no stemming then)."""
    counts: Counter[str] = Counter()
    for word in words:
        code = ord(word[0])
        for (lo, hi), language in _SCRIPT_LANGUAGES:
            if lo <= code <= hi:
                counts["script:" + language] += 1
                break
    if counts:
        best, hits = counts.most_common(1)[0]
        if hits * 2 >= len(words):
            return best.removeprefix("script:")
    votes: dict[str, float] = {}
    for word in words:
        holders = _STOPWORD_LANGUAGES.get(word)
        if holders:
            # A word shared by several languages says less about each of them.
            for language in holders:
                votes[language] = votes.get(language, 0.0) + 1 / len(holders)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda item: -item[1])[:2]
    if len(ranked) > 1 and abs(ranked[0][1] - ranked[1][1]) < 1e-9:
        return None
    return ranked[0][0]


@lru_cache(maxsize=64)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=262_144)
def _stem(language: str, word: str) -> str:
    # Word frequencies are Zipfian: a cache makes the pure-Python Snowball stemmer cheap.
    return str(_stemmer(language).stemWord(word))


def _fold_accents(token: str) -> str:
    """Drop combining marks from Latin, Greek and Cyrillic letters (café -> cafe).

    Scripts whose vowel signs are combining marks (Devanagari, Thai ...) are left intact.
    """
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token)
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            base = kept[-1] if kept else ""
            if base and ord(base) < 0x0530:
                continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def _split_scripts(word: str) -> list[str]:
    """Split a word into runs of spaced-script letters and runs of bigram-script letters."""
    if _BIGRAM_RUN.search(word) is None:
        return [word]
    return _SCRIPT_RUNS.findall(word)


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def detect_text_language(text: str) -> str | None:
    """The Snowball language of a whole text (used once per document so its chunks agree)."""
    words = [w for w in _words(text) if not _is_bigram_char(w[0])]
    return detect_language(words) if words else None


def tokenize(text: str, *, stemming: bool = True, language: str | None = None) -> list[str]:
    """Index terms of ``text``: folded, stemmed words and character bigrams of unspaced scripts.

    ``language`` forces the stemmer (a document's language); None detects it from ``text``.
    """
    words: list[str] = []
    bigram_terms: list[str] = []
    for raw in _words(text):
        for run in _split_scripts(raw):
            if _is_bigram_char(run[0]):
                if len(run) == 1:
                    bigram_terms.append(run)
                else:
                    bigram_terms.extend(run[i : i + 2] for i in range(len(run) - 1))
            else:
                words.append(run[:_MAX_TOKEN_CHARS])
    if stemming and language is None and words:
        language = detect_language(words)
    if stemming and language is not None:
        words = [_stem(language, w) for w in words]
    return [_fold_accents(w) for w in words] + bigram_terms


def term_index(term: str, key: bytes | None = None) -> int:
    """Stable 32-bit index of a term: CRC-32, or keyed BLAKE2b when ``key`` is given.

    Both are the same on every machine and Python run; only the keyed one hides the term
    from whoever lacks the key.
    """
    data = term.encode("utf-8")
    if key is None:
        return zlib.crc32(data)
    return int.from_bytes(hashlib.blake2b(data, key=key, digest_size=4).digest(), "big")


@dataclass(frozen=True)
class SparseTerms:
    """A sparse vector: sorted unique indices and their weights."""

    indices: list[int]
    values: list[float]

    @property
    def is_empty(self) -> bool:
        return not self.indices


def _as_sparse(weights: dict[int, float]) -> SparseTerms:
    ordered = sorted(weights.items())
    return SparseTerms([i for i, _ in ordered], [v for _, v in ordered])


class LexicalEncoder:
    """Turns text into BM25 document or query sparse vectors (IDF comes from Qdrant)."""

    #: Bumped when tokenisation changes, so an index built with another version is refused.
    VERSION = "bm25-v1"
    #: Suffix of :attr:`version` when term indices are keyed (another index, not comparable).
    KEYED_SUFFIX = "+keyed-blake2b"

    def __init__(self, settings: LexicalSettings | None = None, *, term_key: bytes | None = None) -> None:
        if term_key is not None and not 16 <= len(term_key) <= 64:
            raise ValueError("the term key must be 16 to 64 bytes")
        self.settings = settings or LexicalSettings()
        self._key = term_key

    @property
    def keyed(self) -> bool:
        """True when term indices are keyed hashes."""
        return self._key is not None

    @property
    def version(self) -> str:
        """The lexical version recorded with a collection (keyed and plain indices differ)."""
        return self.VERSION + self.KEYED_SUFFIX if self._key is not None else self.VERSION

    def with_key(self, term_key: bytes) -> LexicalEncoder:
        """The same encoder with keyed term indices."""
        return LexicalEncoder(self.settings, term_key=term_key)

    def encode_document(self, text: str, language: str | None = None) -> SparseTerms:
        """BM25 term-frequency weights of a chunk, normalised by its length.

        ``language``: the document's detected language, so that all its chunks stem alike.
        """
        terms = tokenize(text, stemming=self.settings.stemming, language=language)
        if not terms:
            return SparseTerms([], [])
        k1, b = self.settings.k1, self.settings.b
        norm = k1 * (1 - b + b * len(terms) / self.settings.avg_doc_tokens)
        weights: dict[int, float] = {}
        for term, tf in Counter(terms).items():
            index = term_index(term, self._key)
            weights[index] = weights.get(index, 0.0) + tf * (k1 + 1) / (tf + norm)
        return _as_sparse(weights)

    def encode_query(self, text: str, language: str | None = None) -> SparseTerms:
        """Weight 1 for each distinct query term.

        ``language``: the stemmer to use (the retriever passes the detected language, or the
        collection's main language when the query is too short to tell).
        """
        terms = tokenize(text, stemming=self.settings.stemming, language=language)
        return _as_sparse({term_index(t, self._key): 1.0 for t in terms})
