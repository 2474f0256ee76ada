"""The qdrant-client adapter: a Qdrant server or cluster by URL, or the client's local mode.

The only module that imports ``qdrant-client`` (the in-process Rust engine is in
:mod:`rag.store_edge`; both implement :class:`rag.vectorstore.VectorStore`).

One collection per document set. Each point is a chunk with up to four vectors:

* ``text`` (dense): the chunk's embedding, title and section included;
* ``context`` (dense, optional): the normalised mean of the chunk's and its neighbours'
  embeddings, which finds chunks whose meaning depends on the text around them;
* ``late`` (dense, optional): the chunk's token states from one encoder pass over its
  document window (late chunking), which reads a chunk in the light of the text before it;
* ``lexical`` (sparse, IDF modifier): BM25 term weights from :mod:`rag.lexical`.

Access control lives in the query: every prefetch and the fused query carry a filter on the
``groups`` payload field (a keyword index on a server), so Qdrant never returns a chunk outside
the caller's groups. Hits are checked once more on the way out.

Local mode (a folder, no server) admits one process at a time; a second one gets
:class:`~serving.errors.IndexLocked` with a hint instead of the library's traceback.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

from rag.lexical import SparseTerms
from rag.settings import QdrantSettings
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

_INDEXED_FIELDS: dict[str, models.PayloadSchemaType] = {
    **{name: models.PayloadSchemaType.KEYWORD for name in KEYWORD_FIELDS},
    **{name: models.PayloadSchemaType.INTEGER for name in INTEGER_FIELDS},
}

_SCROLL_PAGE = 1024
_DELETE_BATCH = 256
_RRF_K = 60


def groups_filter(groups: Sequence[str]) -> models.Filter:
    """Points readable by a caller: at least one of the chunk's groups is one of ``groups``."""
    return models.Filter(
        must=[models.FieldCondition(key="groups", match=models.MatchAny(any=list(groups)))]
    )


def _sparse(terms: SparseTerms) -> models.SparseVector:
    return models.SparseVector(indices=terms.indices, values=terms.values)


class QdrantStore:
    """Collections, chunk points and access-controlled hybrid search in Qdrant."""

    def __init__(self, client: QdrantClient, *, settings: QdrantSettings, local: bool) -> None:
        self._client = client
        self._settings = settings
        self._local = local
        # The local engine is plain Python state: one caller at a time.
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls, settings: QdrantSettings, data_dir: Path, environ: Mapping[str, str] | None = None
    ) -> QdrantStore:
        """Connect to the configured server, or open local mode under ``data_dir``."""
        env = os.environ if environ is None else environ
        if settings.url:
            api_key = env.get(settings.api_key_env) if settings.api_key_env else None
            client = QdrantClient(
                url=settings.url,
                api_key=api_key,
                prefer_grpc=settings.prefer_grpc,
                timeout=int(settings.timeout_s),
            )
            return cls(client, settings=settings, local=False)
        path = settings.path or (data_dir / "qdrant")  # the client's own folder layout
        path.mkdir(parents=True, exist_ok=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                client = QdrantClient(path=str(path))
        except RuntimeError as exc:
            if "already accessed" in str(exc):
                raise IndexLocked(INDEX_LOCKED_MESSAGE) from None
            raise
        return cls(client, settings=settings, local=True)

    @classmethod
    def in_memory(cls) -> QdrantStore:
        """A throw-away local store (tests, scratch evaluations)."""
        return cls(QdrantClient(location=":memory:"), settings=QdrantSettings(), local=True)

    @property
    def is_local(self) -> bool:
        """True in local mode (payload indexes are only honoured by a server)."""
        return self._local

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            with self._lock, warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                return fn(*args, **kwargs)
        except (ResponseHandlingException, ConnectionError, TimeoutError) as exc:
            raise ServiceUnavailable("The vector store cannot be reached.") from exc
        except UnexpectedResponse as exc:
            if exc.status_code == 404:
                raise unknown_collection(_collection_of(args, kwargs)) from None
            raise ServiceUnavailable("The vector store refused the request.") from exc
        except ValueError as exc:
            # Local mode reports a missing collection as ValueError("Collection ... not found").
            if "not found" in str(exc):
                raise unknown_collection(_collection_of(args, kwargs)) from None
            raise

    # -- collections ---------------------------------------------------------------------

    def exists(self, name: str) -> bool:
        """True if the collection exists."""
        return bool(self._call(self._client.collection_exists, name))

    def create_collection(self, name: str, spec: CollectionSpec) -> None:
        """Create a collection with the vectors, payload indexes and cluster settings for ``spec``."""
        vectors = {
            vector: models.VectorParams(size=spec.dimension, distance=models.Distance.COSINE)
            for vector in spec.dense_vectors
        }
        s = self._settings
        self._call(
            self._client.create_collection,
            collection_name=name,
            vectors_config=vectors,
            sparse_vectors_config={
                LEXICAL_VECTOR: models.SparseVectorParams(modifier=models.Modifier.IDF)
            },
            shard_number=s.shard_number,
            replication_factor=s.replication_factor,
            write_consistency_factor=s.write_consistency_factor,
            on_disk_payload=s.on_disk_payload,
            metadata=spec.as_metadata(),
        )
        for field_name, schema in _INDEXED_FIELDS.items():
            self._call(
                self._client.create_payload_index,
                collection_name=name,
                field_name=field_name,
                field_schema=schema,
            )

    def spec(self, name: str) -> CollectionSpec | None:
        """The recorded build spec of a collection (None for collections made elsewhere)."""
        return CollectionSpec.from_metadata(self._metadata(name))

    def ensure_collection(self, name: str, spec: CollectionSpec) -> CollectionSpec:
        """Create the collection if missing; refuse one built with another embedder or tokeniser."""
        if not self.exists(name):
            self.create_collection(name, spec)
            return spec
        return check_spec(self.spec(name), spec)

    def record_ingest(self, name: str, languages: Mapping[str, int], groups: Sequence[str]) -> None:
        """Add documents per detected language and the groups written to the collection metadata.

        The retriever stems short queries like the collection's main language; the CLI's
        operator search reads every recorded group.
        """
        self._call(
            self._client.update_collection,
            collection_name=name,
            metadata=merged_ingest_metadata(self._metadata(name), languages, groups),
        )

    def _metadata(self, name: str) -> dict[str, Any]:
        raw = self._call(self._client.get_collection, name)
        return dict(getattr(raw.config, "metadata", None) or {})

    def languages(self, name: str) -> dict[str, int]:
        """Documents per detected language, as recorded by ingestion."""
        meta = self._metadata(name)
        return {str(k): int(v) for k, v in (meta.get("tresor_languages") or {}).items()}

    def info(self, name: str) -> CollectionInfo:
        """Point count, build spec and language mix of one collection."""
        if not self.exists(name):
            raise unknown_collection(name)
        count = self._call(self._client.count, collection_name=name, exact=True).count
        return info_from_metadata(name, int(count), self._metadata(name))

    def list_collections(self) -> list[CollectionInfo]:
        """Every collection, sorted by name."""
        names = sorted(c.name for c in self._call(self._client.get_collections).collections)
        return [self.info(name) for name in names]

    def delete_collection(self, name: str) -> bool:
        """Delete a collection; False if it did not exist."""
        if not self.exists(name):
            return False
        self._call(self._client.delete_collection, name)
        return True

    # -- points ----------------------------------------------------------------------------

    def upsert(self, name: str, chunks: Sequence[StoredChunk]) -> None:
        """Write chunk points (same id: replaced)."""
        if not chunks:
            return
        points = []
        for chunk in chunks:
            vector: dict[str, Any] = dict(chunk.dense_vectors())
            if chunk.lexical is not None and not chunk.lexical.is_empty:
                vector[LEXICAL_VECTOR] = _sparse(chunk.lexical)
            points.append(models.PointStruct(id=chunk.point_id, vector=vector, payload=chunk.payload))
        self._call(self._client.upsert, collection_name=name, points=points, wait=True)

    def _scroll(self, name: str, scroll_filter: models.Filter | None, fields: list[str]) -> Iterator[Any]:
        offset = None
        while True:
            records, offset = self._call(
                self._client.scroll,
                collection_name=name,
                scroll_filter=scroll_filter,
                limit=_SCROLL_PAGE,
                offset=offset,
                with_payload=fields,
                with_vectors=False,
            )
            yield from records
            if offset is None:
                return

    def document_states(self, name: str) -> dict[str, DocumentState]:
        """Fingerprint and origin of every ingested document (one scroll over first chunks)."""
        first = models.Filter(
            must=[models.FieldCondition(key="chunk_index", match=models.MatchValue(value=0))]
        )
        states: dict[str, DocumentState] = {}
        for record in self._scroll(name, first, ["source", "fingerprint", "origin"]):
            payload = record.payload or {}
            source = payload.get("source")
            if isinstance(source, str):
                states[source] = DocumentState(str(payload.get("fingerprint", "")), payload.get("origin"))
        return states

    def delete_documents(self, name: str, sources: Sequence[str]) -> None:
        """Remove every chunk of the given documents."""
        for start in range(0, len(sources), _DELETE_BATCH):
            batch = list(sources[start : start + _DELETE_BATCH])
            selector = models.FilterSelector(
                filter=models.Filter(
                    must=[models.FieldCondition(key="source", match=models.MatchAny(any=batch))]
                )
            )
            self._call(self._client.delete, collection_name=name, points_selector=selector, wait=True)

    def delete_stale(self, name: str, source: str, keep_fingerprint: str) -> None:
        """Remove chunks of ``source`` written for an older version of the document."""
        selector = models.FilterSelector(
            filter=models.Filter(
                must=[models.FieldCondition(key="source", match=models.MatchValue(value=source))],
                must_not=[
                    models.FieldCondition(
                        key="fingerprint", match=models.MatchValue(value=keep_fingerprint)
                    )
                ],
            )
        )
        self._call(self._client.delete, collection_name=name, points_selector=selector, wait=True)

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
        """The ``limit`` best chunks readable by ``groups``, fusing the chosen signals in Qdrant.

        A caller without groups reads nothing: no query is sent at all.
        """
        if not groups:
            return []
        acl = groups_filter(groups)
        queries: list[tuple[str, Any]] = []
        for signal in signals:
            if signal == "lexical":
                if lexical is not None and not lexical.is_empty:
                    queries.append((LEXICAL_VECTOR, _sparse(lexical)))
            else:
                queries.append((signal, dense))
        if not queries:
            raise InvalidRequest("No search signal selected.")
        if len(queries) == 1:
            using, query = queries[0]
            response = self._call(
                self._client.query_points,
                collection_name=name,
                query=query,
                using=using,
                query_filter=acl,
                limit=limit,
                with_payload=True,
            )
        else:
            candidates = max(prefetch_limit, limit)
            response = self._call(
                self._client.query_points,
                collection_name=name,
                prefetch=[
                    models.Prefetch(query=query, using=using, filter=acl, limit=candidates)
                    for using, query in queries
                ],
                query=(
                    models.FusionQuery(fusion=models.Fusion.DBSF)
                    if fusion == "dbsf"
                    else models.RrfQuery(rrf=models.Rrf(k=_RRF_K))
                ),
                # Fusion only sees prefetched (already filtered) points; the filter here is
                # repeated for servers that apply it to the fused set as well.
                query_filter=None if self._local else acl,
                limit=limit,
                with_payload=True,
            )
        hits = [SearchHit(str(p.id), float(p.score), p.payload or {}) for p in response.points]
        readable = keep_readable(hits, groups)
        if len(readable) != len(hits):
            # Cannot happen while the filter above is in place; never hand such a chunk out.
            log.error("vector store returned chunks outside the caller's groups; dropped")
        return readable

    def finish_ingest(self, name: str, *, build_index: bool = True) -> None:
        """Nothing to do: a server indexes in the background, local mode never does."""

    def close(self) -> None:
        """Release the client (and the local-mode folder lock)."""
        with self._lock:
            self._client.close()


def _collection_of(args: Sequence[Any], kwargs: Mapping[str, Any]) -> str | None:
    """The collection a client call was about: its ``collection_name`` or first argument."""
    name = kwargs.get("collection_name", args[0] if args else None)
    return name if isinstance(name, str) else None
