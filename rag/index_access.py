"""The index commands' operations (ingest, list, delete, search) on an index this process holds.

``tresor ingest / collections / search`` run them on a store they open themselves
(:meth:`HeldIndex.open`). While the gateway runs it holds the local index folder, so it runs
them for the CLI instead (:mod:`rag.index_service`, reached through :mod:`rag.index_client`),
on its own store, embedder and sealing key (:meth:`HeldIndex.of_retriever`). Both sides share
this module, so a command gives the same result either way. No text passes through a log.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rag.embeddings import Embedder, build_embedder
from rag.ingest import Ingestor, IngestProgress, IngestReport
from rag.retriever import Retriever, SearchMode, validate_collection_name
from rag.sealing import IndexSealer
from rag.settings import RagSettings
from rag.vectorstore import SearchHit, VectorStore, open_store
from serving.errors import TresorError

if TYPE_CHECKING:
    from serving.config import TresorConfig

#: queries embedded per batch
QUERY_BATCH = 64
log = logging.getLogger(__name__)

_HIT_FIELDS = ("title", "path", "page", "section", "chunk_index", "record_id", "source",
               "language", "metadata")


@dataclass(frozen=True)
class IngestRequest:
    """What ``tresor ingest`` asks for: absolute paths and/or a JSONL file."""

    collection: str
    groups: tuple[str, ...]
    paths: tuple[str, ...] = ()
    jsonl: str | None = None
    sync: bool = False


@dataclass(frozen=True)
class SearchRequest:
    """What ``tresor search`` asks for; no ``groups`` means every group of the collection."""

    collection: str
    queries: tuple[tuple[str, str], ...]
    groups: tuple[str, ...] = ()
    top_k: int = 10
    mode: SearchMode | None = None
    with_text: bool = False


#: makes the progress display of one ingest pass ("ingest" for files, "records" for JSONL)
ProgressFactory = Callable[[str], IngestProgress]


class IndexAccess(Protocol):
    """The index commands' operations, on a held index or through the gateway."""

    def ingest(self, request: IngestRequest, progress: ProgressFactory) -> list[IngestReport]:
        """Ingest files and/or records; one report per pass (files, then records)."""
        ...

    def collections(self) -> list[dict[str, Any]]:
        """One row per collection: name, points, model, dimension, sealed, languages, groups."""
        ...

    def delete(self, name: str) -> bool:
        """Delete a collection; False if there was none of that name."""
        ...

    def search(
        self, request: SearchRequest, on_result: Callable[[dict[str, Any]], None],
        on_notice: Callable[[str], None],
    ) -> None:
        """Search every query; ``on_result`` gets ``{"query_id", "hits"}`` per query in order,
        ``on_notice`` a line for the user (which groups were searched)."""
        ...

    def close(self) -> None:
        """Release what the access holds."""
        ...


def hit_json(hit: SearchHit, *, with_text: bool = False) -> dict[str, Any]:
    """One search hit as an output object: the record id if it has one, score, citation metadata.

    ``hit`` comes from :class:`Retriever`, which has already opened sealed payloads."""
    payload = hit.payload
    out: dict[str, Any] = {
        "id": payload.get("record_id", hit.point_id),
        "score": round(hit.score, 6),
        "metadata": {k: payload[k] for k in _HIT_FIELDS if k in payload},
    }
    if with_text:
        out["text"] = payload.get("text", "")
    return out


def config_sealer(config: TresorConfig, *, for_writing: bool) -> IndexSealer | None:
    """The index sealer from the guardrail secret (the gateway's, see
    :func:`guardrails.crypto.configured_secret`): always for reading, since sealed collections
    need it; for writing only when ``rag.seal_index`` is on. A bad secret is a TresorError."""
    if for_writing and not config.rag.seal_index:
        return None
    from guardrails.crypto import configured_secret

    try:
        return IndexSealer(configured_secret(config.data_dir, config.guardrails.secret_env))
    except ValueError as exc:  # too short or a damaged key file; the message holds no secret
        raise TresorError(f"cannot load the guardrail secret: {exc}") from None


class HeldIndex:
    """:class:`IndexAccess` on a store this process holds.

    ``embedder`` and ``sealer`` are built on first use (listing needs neither); ``retriever``,
    when given, is the gateway's: searches share it and its caches are refreshed after a
    write, and an ingest leaves the collection's search graph to the gateway's next start
    (:meth:`build_search_graphs`; building it holds the interpreter lock for seconds, which
    would pause every request). Writes (ingest, delete) run one at a time.
    """

    def __init__(
        self,
        store: VectorStore,
        settings: RagSettings,
        *,
        embedder: Callable[[], Embedder],
        sealer: Callable[[bool], IndexSealer | None],
        retriever: Retriever | None = None,
    ) -> None:
        self._store = store
        self._settings = settings
        self._make_embedder = embedder
        self._make_sealer = sealer
        self._retriever = retriever
        self._owns_retriever = retriever is None
        self._embedder: Embedder | None = retriever.embedder if retriever is not None else None
        self._build_index = retriever is None
        self._writing = threading.Lock()

    @classmethod
    def open(cls, config: TresorConfig) -> HeldIndex:
        """Open the configured store (IndexLocked while the gateway holds the local folder)."""
        rag = config.rag
        store = open_store(rag.qdrant, config.data_dir)
        return cls(
            store, rag,
            embedder=lambda: build_embedder(rag.embedder, data_dir=config.data_dir),
            sealer=lambda writing: config_sealer(config, for_writing=writing),
        )  # fmt: skip

    @classmethod
    def of_retriever(cls, retriever: Retriever, settings: RagSettings) -> HeldIndex:
        """The gateway's index: its store, embedder and key (writing sealed as configured)."""
        key = retriever.sealer
        return cls(
            retriever.store, settings, embedder=lambda: retriever.embedder,
            sealer=lambda writing: key if (settings.seal_index or not writing) else None,
            retriever=retriever,
        )  # fmt: skip

    def _get_embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self._make_embedder()
        return self._embedder

    def _get_retriever(self) -> Retriever:
        if self._retriever is None:
            self._retriever = Retriever(
                self._store, self._get_embedder(), self._settings, sealer=self._make_sealer(False)
            )
        return self._retriever

    def _forget(self, collection: str) -> None:
        if self._retriever is not None:
            self._retriever.forget(collection)

    def ingest(self, request: IngestRequest, progress: ProgressFactory) -> list[IngestReport]:
        collection = validate_collection_name(request.collection)
        sealer = self._make_sealer(True)
        with self._writing:
            ingestor = Ingestor(self._store, self._get_embedder(), self._settings, sealer=sealer,
                                build_index=self._build_index)  # fmt: skip
            reports: list[IngestReport] = []
            try:
                if request.paths:
                    reports.append(ingestor.ingest_paths(
                        [Path(p) for p in request.paths], collection, request.groups,
                        sync=request.sync, progress=progress("ingest")))  # fmt: skip
                if request.jsonl:
                    reports.append(ingestor.ingest_jsonl(
                        Path(request.jsonl), collection, request.groups, sync=request.sync,
                        progress=progress("records")))  # fmt: skip
            finally:
                self._forget(collection)
        return reports

    def build_search_graphs(self) -> None:
        """Build what ingests through the gateway left unbuilt (milliseconds per collection
        when nothing is); the gateway calls this before it serves."""
        with self._writing:
            for info in self._store.list_collections():
                started = time.perf_counter()
                self._store.finish_ingest(info.name)
                elapsed = time.perf_counter() - started
                if elapsed >= 1.0:
                    log.info("search graph of collection %s built in %.1f s", info.name, elapsed)

    def collections(self) -> list[dict[str, Any]]:
        rows = []
        for info in self._store.list_collections():
            spec = info.spec
            rows.append({
                "name": info.name,
                "points": info.points,
                "model": spec.model_name if spec else None,
                "dimension": spec.dimension if spec else None,
                "sealed": spec.sealed if spec else None,
                "languages": info.languages,
                "groups": info.groups,
            })  # fmt: skip
        return rows

    def delete(self, name: str) -> bool:
        collection = validate_collection_name(name)
        with self._writing:
            try:
                return self._store.delete_collection(collection)
            finally:
                self._forget(collection)

    def search(
        self, request: SearchRequest, on_result: Callable[[dict[str, Any]], None],
        on_notice: Callable[[str], None],
    ) -> None:
        collection = validate_collection_name(request.collection)
        retriever = self._get_retriever()
        groups = list(request.groups) or list(self._store.info(collection).groups)
        if not request.groups:
            on_notice(f"searching as every group of '{collection}' ({len(groups)}); "
                      "--groups narrows it to a caller's view")  # fmt: skip
        queries = request.queries
        for start in range(0, len(queries), QUERY_BATCH):
            batch = queries[start : start + QUERY_BATCH]
            prepared = retriever.prepare([q for _, q in batch], collection=collection)
            for (query_id, _), vectors in zip(batch, prepared, strict=True):
                hits = retriever.search_prepared(
                    vectors, groups=groups, collection=collection, top_k=request.top_k,
                    mode=request.mode,
                )  # fmt: skip
                on_result({"query_id": query_id,
                           "hits": [hit_json(h, with_text=request.with_text) for h in hits]})

    def close(self) -> None:
        """Release the store (and the embedder) when this access opened them."""
        if not self._owns_retriever:
            return
        if self._retriever is not None:
            self._retriever.close()  # closes the store and the embedder
            return
        self._store.close()
        closer = getattr(self._embedder, "close", None)
        if closer is not None:
            closer()
