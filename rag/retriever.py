"""Access-controlled retrieval for the gateway and the CLI.

:class:`Retriever` implements ``serving.stages.ContextRetriever``: the caller's groups become
a filter inside every Qdrant query (see :mod:`rag.store`), the query is embedded once and
searched with the dense, neighbourhood, late-chunking and lexical signals fused by Qdrant. Model and store
work runs on a small thread pool, never on the event loop. Sealed collections
(:mod:`rag.sealing`) get keyed lexical queries, and their hits are opened only after the
ACL-filtered search; a hit that does not open is dropped.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rag.embeddings import Embedder, build_embedder, embed_matrix
from rag.lexical import LexicalEncoder, SparseTerms, detect_text_language
from rag.sealing import IndexSealer, check_key, unseal_hits
from rag.settings import RagSettings
from rag.vectorstore import CollectionSpec, SearchHit, SearchSignal, VectorStore, open_store
from serving.errors import InvalidRequest
from serving.stages import CallerContext, RetrievedChunk, SourceRef

SearchMode = Literal["dense", "hybrid"]

_COLLECTION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_LANGUAGE_CACHE_S = 60.0


@dataclass(frozen=True)
class PreparedQuery:
    """A query turned into the vectors a search needs."""

    dense: list[float]
    lexical: SparseTerms


def validate_collection_name(name: str) -> str:
    """A collection name of letters, digits, ``_ . -`` (at most 128); InvalidRequest otherwise."""
    if not _COLLECTION_NAME.match(name):
        raise InvalidRequest(
            "Collection names use letters, digits, '_', '.' and '-' (at most 128).",
            param="collection",
        )
    return name


class Retriever:
    """Searches a collection on behalf of a caller, never beyond the caller's groups.

    ``sealer``: opens sealed collections (built from the guardrail secret); without it a
    sealed collection is refused with ServiceUnavailable, unsealed ones are read as they are.
    """

    def __init__(
        self,
        store: VectorStore,
        embedder: Embedder,
        settings: RagSettings,
        *,
        lexical: LexicalEncoder | None = None,
        sealer: IndexSealer | None = None,
        workers: int = 2,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._lexical = lexical or LexicalEncoder(settings.lexical)
        self._keyed_lexical = self._lexical.with_key(sealer.term_key) if sealer is not None else None
        self._sealer = sealer
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tresor-rag")
        self._languages: dict[str, tuple[float, frozenset[str], str | None]] = {}
        self._specs: dict[str, tuple[float, CollectionSpec | None]] = {}
        self._lock = threading.Lock()

    # -- gateway contract ------------------------------------------------------------------

    async def retrieve(
        self, query: str, ctx: CallerContext, *, collection: str | None, top_k: int | None
    ) -> list[RetrievedChunk]:
        """The best chunks of ``collection`` that ``ctx.groups`` may read, as citable chunks."""
        name = validate_collection_name(collection or self.settings.default_collection)
        k = self._top_k(top_k)
        loop = asyncio.get_running_loop()
        hits = await loop.run_in_executor(
            self._executor, lambda: self.search(query, groups=ctx.groups, collection=name, top_k=k)
        )
        return [to_retrieved_chunk(hit, rank, name) for rank, hit in enumerate(hits, start=1)]

    @property
    def sealer(self) -> IndexSealer | None:
        """The key that opens sealed collections (an ingestor writing for this retriever
        needs the same one)."""
        return self._sealer

    # -- synchronous API (CLI, evaluation, benchmarks) -------------------------------------

    def search(
        self,
        query: str,
        *,
        groups: Sequence[str],
        collection: str | None = None,
        top_k: int | None = None,
        mode: SearchMode | None = None,
    ) -> list[SearchHit]:
        """One query: embed, then search with the ACL filter inside Qdrant."""
        name = validate_collection_name(collection or self.settings.default_collection)
        if not groups:
            return []
        prepared = self.prepare([query], collection=name)[0]
        return self.search_prepared(prepared, groups=groups, collection=name, top_k=top_k, mode=mode)

    def prepare(self, queries: Sequence[str], *, collection: str) -> list[PreparedQuery]:
        """Embed a batch of queries and build their lexical vectors."""
        spec = self._spec(collection)
        lexical = self._keyed_lexical if spec is not None and spec.sealed else self._lexical
        assert lexical is not None  # _spec refused a sealed collection without a sealer
        dense = embed_matrix(self.embedder, list(queries), is_query=True)
        known, main = self._collection_languages(collection)
        prepared = []
        for row, text in zip(dense, queries, strict=True):
            detected = detect_text_language(text)
            # Stem like the documents: a query language the collection lacks is a misdetection
            # of a short query far more often than a cross-lingual search.
            language = detected if detected in known else main
            prepared.append(
                PreparedQuery(
                    dense=np.asarray(row, dtype=np.float32).tolist(),
                    lexical=lexical.encode_query(text, language),
                )
            )
        return prepared

    def search_prepared(
        self,
        prepared: PreparedQuery,
        *,
        groups: Sequence[str],
        collection: str,
        top_k: int | None = None,
        mode: SearchMode | None = None,
    ) -> list[SearchHit]:
        """Search with vectors from :meth:`prepare` (lets benchmarks time the store alone).

        Hits of a sealed collection come back opened (after the ACL-filtered query)."""
        if not groups:
            return []
        chosen = mode or ("hybrid" if self.settings.hybrid else "dense")
        spec = self._spec(collection)
        hits = self.store.search(
            collection,
            groups=groups,
            dense=prepared.dense,
            lexical=prepared.lexical,
            limit=self._top_k(top_k),
            signals=self._signals(collection, chosen),
            prefetch_limit=self.settings.prefetch_limit,
            fusion=self.settings.fusion,
        )
        return unseal_hits(hits, collection, spec, self._sealer)

    def forget(self, collection: str) -> None:
        """Drop what is cached about ``collection`` (build spec, languages): it was just
        ingested into or deleted through this process."""
        with self._lock:
            self._specs.pop(collection, None)
            self._languages.pop(collection, None)

    def close(self) -> None:
        """Stop the worker threads and release the vector store."""
        self._executor.shutdown(wait=True)
        self.store.close()
        closer = getattr(self.embedder, "close", None)
        if closer is not None:
            closer()

    # -- internals -------------------------------------------------------------------------

    def _top_k(self, top_k: int | None) -> int:
        k = self.settings.top_k if top_k is None else top_k
        if not 1 <= k <= self.settings.max_top_k:
            raise InvalidRequest(
                f"top_k must be between 1 and {self.settings.max_top_k}.", param="top_k"
            )
        return k

    def _spec(self, collection: str) -> CollectionSpec | None:
        """The collection's build spec (cached for a minute: a collection re-ingested on a
        server may change), refused when sealed with a key this retriever lacks."""
        now = time.monotonic()
        with self._lock:
            cached = self._specs.get(collection)
        if cached is not None and now - cached[0] < _LANGUAGE_CACHE_S:
            return cached[1]
        spec = self.store.spec(collection)
        check_key(collection, spec, self._sealer)
        with self._lock:
            self._specs[collection] = (now, spec)
        return spec

    def _signals(self, collection: str, mode: SearchMode) -> tuple[SearchSignal, ...]:
        if mode == "dense":
            return ("text",)
        spec = self._spec(collection)
        dense = spec.dense_vectors if spec is not None else ("text",)
        return (*dense, "lexical")

    def _collection_languages(self, collection: str) -> tuple[frozenset[str], str | None]:
        """Document languages of a collection and the most common one (cached for a minute)."""
        now = time.monotonic()
        with self._lock:
            cached = self._languages.get(collection)
        if cached is not None and now - cached[0] < _LANGUAGE_CACHE_S:
            return cached[1], cached[2]
        counts = {k: v for k, v in self.store.languages(collection).items() if k != "unknown"}
        main = max(counts, key=lambda k: counts[k]) if counts else None
        known = frozenset(counts)
        with self._lock:
            self._languages[collection] = (now, known, main)
        return known, main


def to_retrieved_chunk(hit: SearchHit, rank: int, collection: str) -> RetrievedChunk:
    """A store hit as the gateway's :class:`RetrievedChunk` (numbered in rank order)."""
    payload: dict[str, Any] = hit.payload
    page = payload.get("page")
    return RetrievedChunk(
        text=str(payload.get("text", "")),
        source=SourceRef(
            index=rank,
            title=payload.get("title"),
            path=payload.get("path"),
            page=page if isinstance(page, int) else None,
            collection=collection,
            chunk_id=str(payload.get("record_id") or hit.point_id),
            score=hit.score,
        ),
    )


def build_retriever(
    settings: RagSettings, data_dir: Path, *, secret: bytes | None = None
) -> Retriever:
    """The retriever the config describes: Qdrant (server, or local engine) and the embedder.

    ``secret``: the guardrail master secret, which opens sealed collections. Raises
    ServiceUnavailable when the local index is held by another process.
    """
    store = open_store(settings.qdrant, data_dir)
    try:
        embedder = build_embedder(settings.embedder, data_dir=data_dir)
    except Exception:
        store.close()
        raise
    sealer = IndexSealer(secret) if secret is not None else None
    return Retriever(store, embedder, settings, sealer=sealer)
