"""The qdrant-edge adapter: Qdrant's Rust engine in-process, the default without a server.

Each collection is one edge shard in ``<root>/<name>/shard`` with its metadata (build spec,
languages, groups) beside it in ``collection.json``. Same vectors, payload indexes, ACL
filter in every prefetch, and fusion as a Qdrant server (see :mod:`rag.store`); a search at
100k chunks takes milliseconds where qdrant-client's Python local mode takes seconds.

One process at a time: an exclusive lock on ``<root>/.lock`` is held while the store is
open (the running gateway), and a second process gets :class:`~serving.errors.IndexLocked`
(the CLI then asks the gateway's index service to run the command, :mod:`rag.index_client`).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import portalocker

from rag.lexical import SparseTerms
from rag.vectorstore import (
    INDEX_LOCKED_MESSAGE,
    INTEGER_FIELDS,
    KEYWORD_FIELDS,
    LEXICAL_VECTOR,
    CollectionInfo,
    CollectionSpec,
    DocumentState,
    Fusion,
    SearchHit,
    SearchSignal,
    StoredChunk,
    check_spec,
    info_from_metadata,
    keep_readable,
    merged_ingest_metadata,
    unknown_collection,
)
from serving.errors import IndexLocked, InvalidRequest, ServiceUnavailable

log = logging.getLogger(__name__)

_SCROLL_PAGE = 1024
_DELETE_BATCH = 256
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_RRF_K = 60


def _edge() -> Any:
    try:
        import qdrant_edge
    except ImportError as exc:
        raise ServiceUnavailable(
            "The local vector engine (qdrant-edge-py) is not installed; install it or set "
            "rag.qdrant.local_engine: client."
        ) from exc
    return qdrant_edge


class EdgeStore:
    """Collections as qdrant-edge shards under one folder, opened by one process at a time."""

    def __init__(self, root: Path, lock: Any) -> None:
        self._root = root
        self._lock_handle = lock
        self._qe = _edge()
        self._shards: dict[str, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def open(cls, root: Path) -> EdgeStore:
        """Open (or create) the store folder and take its process lock."""
        _edge()
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / ".lock", "a")  # noqa: SIM115 - held for the store's lifetime
        try:
            portalocker.lock(handle, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException:
            handle.close()
            raise IndexLocked(INDEX_LOCKED_MESSAGE) from None
        return cls(root, handle)

    @property
    def is_local(self) -> bool:
        return True

    # -- collections ---------------------------------------------------------------------

    def _dir(self, name: str) -> Path:
        if not _NAME.match(name):
            raise InvalidRequest("Invalid collection name.", param="collection")
        return self._root / name

    def _metadata(self, name: str) -> dict[str, Any]:
        path = self._dir(name) / "collection.json"
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise unknown_collection(name) from None

    def _write_metadata(self, name: str, meta: Mapping[str, Any]) -> None:
        path = self._dir(name) / "collection.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
        tmp.replace(path)

    def _shard(self, name: str) -> Any:
        with self._lock:
            shard = self._shards.get(name)
            if shard is None:
                if not self.exists(name):
                    raise unknown_collection(name)
                shard = self._qe.EdgeShard.load(str(self._dir(name) / "shard"))
                self._shards[name] = shard
            return shard

    def exists(self, name: str) -> bool:
        return (self._dir(name) / "collection.json").is_file()

    def create_collection(self, name: str, spec: CollectionSpec) -> None:
        """A new shard with the collection's vectors and payload indexes."""
        qe = self._qe
        vectors = {
            vector: qe.EdgeVectorParams(size=spec.dimension, distance=qe.Distance.Cosine)
            for vector in spec.dense_vectors
        }
        config = qe.EdgeConfig(
            vectors=vectors,
            sparse_vectors={LEXICAL_VECTOR: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
        )
        folder = self._dir(name)
        with self._lock:
            (folder / "shard").mkdir(parents=True, exist_ok=True)
            shard = qe.EdgeShard.create(str(folder / "shard"), config)
            for field_name in KEYWORD_FIELDS:
                shard.update(qe.UpdateOperation.create_field_index(field_name, qe.PayloadSchemaType.Keyword))
            for field_name in INTEGER_FIELDS:
                shard.update(qe.UpdateOperation.create_field_index(field_name, qe.PayloadSchemaType.Integer))
            self._shards[name] = shard
            self._write_metadata(name, spec.as_metadata())

    def spec(self, name: str) -> CollectionSpec | None:
        return CollectionSpec.from_metadata(self._metadata(name))

    def ensure_collection(self, name: str, spec: CollectionSpec) -> CollectionSpec:
        if not self.exists(name):
            self.create_collection(name, spec)
            return spec
        return check_spec(self.spec(name), spec)

    def languages(self, name: str) -> dict[str, int]:
        meta = self._metadata(name)
        return {str(k): int(v) for k, v in (meta.get("tresor_languages") or {}).items()}

    def record_ingest(self, name: str, languages: Mapping[str, int], groups: Sequence[str]) -> None:
        with self._lock:
            meta = self._metadata(name)
            meta.update(merged_ingest_metadata(meta, languages, groups))
            self._write_metadata(name, meta)

    def info(self, name: str) -> CollectionInfo:
        meta = self._metadata(name)
        count = self._shard(name).count(self._qe.CountRequest(exact=True))
        return info_from_metadata(name, int(count), meta)

    def list_collections(self) -> list[CollectionInfo]:
        names = sorted(p.parent.name for p in self._root.glob("*/collection.json"))
        return [self.info(name) for name in names]

    def delete_collection(self, name: str) -> bool:
        with self._lock:
            if not self.exists(name):
                return False
            shard = self._shards.pop(name, None)
            if shard is not None:
                shard.close()
            shutil.rmtree(self._dir(name))
            return True

    # -- points ----------------------------------------------------------------------------

    def upsert(self, name: str, chunks: Sequence[StoredChunk]) -> None:
        if not chunks:
            return
        qe = self._qe
        points = []
        for chunk in chunks:
            vector: dict[str, Any] = dict(chunk.dense_vectors())
            if chunk.lexical is not None and not chunk.lexical.is_empty:
                vector[LEXICAL_VECTOR] = qe.SparseVector(
                    indices=chunk.lexical.indices, values=chunk.lexical.values
                )
            points.append(qe.Point(id=chunk.point_id, vector=vector, payload=chunk.payload))
        with self._lock:
            self._shard(name).update(qe.UpdateOperation.upsert_points(points))

    def _scroll(self, name: str, scroll_filter: Any, fields: list[str]) -> Iterator[Any]:
        shard = self._shard(name)
        offset = None
        while True:
            records, offset = shard.scroll(
                self._qe.ScrollRequest(offset=offset, limit=_SCROLL_PAGE, filter=scroll_filter,
                                       with_payload=fields, with_vector=False)
            )
            yield from records
            if offset is None:
                return

    def _match(self, key: str, value: str | int) -> Any:
        return self._qe.FieldCondition(key=key, match=self._qe.MatchValue(value=value))

    def document_states(self, name: str) -> dict[str, DocumentState]:
        first = self._qe.Filter(must=[self._match("chunk_index", 0)])
        states: dict[str, DocumentState] = {}
        for record in self._scroll(name, first, ["source", "fingerprint", "origin"]):
            payload = record.payload or {}
            source = payload.get("source")
            if isinstance(source, str):
                states[source] = DocumentState(str(payload.get("fingerprint", "")), payload.get("origin"))
        return states

    def delete_documents(self, name: str, sources: Sequence[str]) -> None:
        qe = self._qe
        for start in range(0, len(sources), _DELETE_BATCH):
            batch = list(sources[start : start + _DELETE_BATCH])
            condition = qe.FieldCondition(key="source", match=qe.MatchAny(any=batch))
            with self._lock:
                self._shard(name).update(qe.UpdateOperation.delete_points_by_filter(qe.Filter(must=[condition])))

    def delete_stale(self, name: str, source: str, keep_fingerprint: str) -> None:
        qe = self._qe
        stale = qe.Filter(must=[self._match("source", source)],
                          must_not=[self._match("fingerprint", keep_fingerprint)])
        with self._lock:
            self._shard(name).update(qe.UpdateOperation.delete_points_by_filter(stale))

    def finish_ingest(self, name: str, *, build_index: bool = True) -> None:
        """Flush and, with ``build_index``, let the optimiser merge segments and build the HNSW
        index (which holds the interpreter lock: seconds from ~10k points; on a collection
        already built it returns in milliseconds). Unbuilt segments are searched point by
        point until a later call builds them."""
        with self._lock:
            shard = self._shard(name)
            shard.flush()
            if build_index:
                shard.optimize()

    # -- search ----------------------------------------------------------------------------

    def search(
        self,
        name: str,
        *,
        groups: Sequence[str],
        dense: list[float],
        lexical: SparseTerms | None,
        limit: int,
        signals: Sequence[SearchSignal] = ("text",),
        prefetch_limit: int = 20,
        fusion: Fusion = "dbsf",
    ) -> list[SearchHit]:
        """Same contract as :meth:`rag.store.QdrantStore.search`; no groups, no query."""
        if not groups:
            return []
        qe = self._qe
        acl = qe.Filter(must=[qe.FieldCondition(key="groups", match=qe.MatchAny(any=list(groups)))])
        queries: list[Any] = []
        for signal in signals:
            if signal == "lexical":
                if lexical is not None and not lexical.is_empty:
                    sparse = qe.SparseVector(indices=lexical.indices, values=lexical.values)
                    queries.append(qe.Query.Nearest(sparse, using=LEXICAL_VECTOR))
            else:
                queries.append(qe.Query.Nearest(dense, using=signal))
        if not queries:
            raise InvalidRequest("No search signal selected.")
        shard = self._shard(name)
        if len(queries) == 1:
            request = qe.QueryRequest(limit=limit, query=queries[0], filter=acl, with_payload=True)
        else:
            candidates = max(prefetch_limit, limit)
            request = qe.QueryRequest(
                limit=limit,
                prefetches=[qe.Prefetch(limit=candidates, query=q, filter=acl) for q in queries],
                query=qe.Fusion.Dbsf() if fusion == "dbsf" else qe.Fusion.Rrf(k=_RRF_K),
                filter=acl,
                with_payload=True,
            )
        points = shard.query(request)
        hits = [SearchHit(str(p.id), float(p.score), dict(p.payload or {})) for p in points]
        readable = keep_readable(hits, groups)
        if len(readable) != len(hits):
            log.error("vector store returned chunks outside the caller's groups; dropped")
        return readable

    def close(self) -> None:
        """Flush and close every shard, then release the folder lock."""
        with self._lock:
            for shard in self._shards.values():
                shard.close()
            self._shards.clear()
            if self._lock_handle is not None:
                portalocker.unlock(self._lock_handle)
                self._lock_handle.close()
                self._lock_handle = None
