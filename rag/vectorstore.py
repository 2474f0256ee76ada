"""What retrieval needs from a vector store, independent of the engine (pure, no I/O).

Two adapters implement :class:`VectorStore`: :mod:`rag.store` (``qdrant-client``: a Qdrant
server or cluster, or the client's pure-Python local mode) and :mod:`rag.store_edge`
(``qdrant-edge``: Qdrant's Rust engine in-process, the fast local default). Both take the
caller's groups into every query as a filter; :func:`open_store` picks one from the config.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from rag.lexical import SparseTerms
from rag.settings import QdrantSettings
from serving.errors import InvalidRequest, NotFound

#: A dense signal searches the named vector of the same name; ``lexical`` the sparse one.
DenseVector = Literal["text", "context", "late"]
SearchSignal = DenseVector | Literal["lexical"]

TEXT_VECTOR: DenseVector = "text"
CONTEXT_VECTOR: DenseVector = "context"
LATE_VECTOR: DenseVector = "late"
LEXICAL_VECTOR = "lexical"

#: Payload fields with an index; ``groups`` carries the access control.
KEYWORD_FIELDS = ("groups", "source", "origin", "fingerprint")
INTEGER_FIELDS = ("chunk_index",)

Fusion = Literal["dbsf", "rrf"]


@dataclass(frozen=True)
class CollectionSpec:
    """What a collection was built with; a mismatching embedder or tokeniser is refused.

    ``sealed``: chunk text, title and section are encrypted (:mod:`rag.sealing`);
    ``key_check`` then identifies the key (a keyed MAC of a constant, not the key).
    """

    dimension: int
    model_name: str
    lexical_version: str
    context_vector: bool = True
    late_vector: bool = False
    sealed: bool = False
    key_check: str | None = None

    @property
    def dense_vectors(self) -> tuple[DenseVector, ...]:
        """Names of the collection's dense vectors (all of the embedder's dimension)."""
        return (
            (TEXT_VECTOR,)
            + ((CONTEXT_VECTOR,) if self.context_vector else ())
            + ((LATE_VECTOR,) if self.late_vector else ())
        )

    def as_metadata(self) -> dict[str, Any]:
        """The spec as collection metadata."""
        meta: dict[str, Any] = {
            "tresor_model": self.model_name,
            "tresor_dimension": self.dimension,
            "tresor_lexical": self.lexical_version,
            "tresor_context_vector": self.context_vector,
            "tresor_late_vector": self.late_vector,
            "tresor_sealed": self.sealed,
        }
        if self.key_check is not None:
            meta["tresor_key_check"] = self.key_check
        return meta

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any]) -> CollectionSpec | None:
        """The spec recorded in collection metadata (None for collections made elsewhere)."""
        if "tresor_model" not in meta:
            return None
        return cls(
            dimension=int(meta["tresor_dimension"]),
            model_name=str(meta["tresor_model"]),
            lexical_version=str(meta["tresor_lexical"]),
            context_vector=bool(meta.get("tresor_context_vector", False)),
            late_vector=bool(meta.get("tresor_late_vector", False)),
            sealed=bool(meta.get("tresor_sealed", False)),
            key_check=str(meta["tresor_key_check"]) if meta.get("tresor_key_check") else None,
        )


@dataclass(frozen=True)
class CollectionInfo:
    """A collection as listed by ``tresor collections list``."""

    name: str
    points: int
    spec: CollectionSpec | None
    languages: dict[str, int] = field(default_factory=dict)
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredChunk:
    """One point to write: id, vectors and payload (payload holds text and citation fields)."""

    point_id: str
    text_vector: list[float]
    payload: dict[str, Any]
    context_vector: list[float] | None = None
    late_vector: list[float] | None = None
    lexical: SparseTerms | None = None

    def dense_vectors(self) -> dict[str, list[float]]:
        """The chunk's dense vectors by vector name (those it has)."""
        named = {TEXT_VECTOR: self.text_vector, CONTEXT_VECTOR: self.context_vector,
                 LATE_VECTOR: self.late_vector}
        return {name: vector for name, vector in named.items() if vector is not None}


@dataclass(frozen=True)
class SearchHit:
    """One result of a search: point id, fused score and payload."""

    point_id: str
    score: float
    payload: dict[str, Any]


@dataclass(frozen=True)
class DocumentState:
    """What the index knows about one ingested document."""

    fingerprint: str
    origin: str | None


class VectorStore(Protocol):
    """Collections, chunk points and access-controlled search."""

    @property
    def is_local(self) -> bool:
        """Whether the index is a folder this process holds (no server)."""
        ...

    def exists(self, name: str) -> bool: ...

    def ensure_collection(self, name: str, spec: CollectionSpec) -> CollectionSpec: ...

    def spec(self, name: str) -> CollectionSpec | None: ...

    def languages(self, name: str) -> dict[str, int]: ...

    def record_ingest(self, name: str, languages: Mapping[str, int], groups: Sequence[str]) -> None: ...

    def info(self, name: str) -> CollectionInfo: ...

    def list_collections(self) -> list[CollectionInfo]: ...

    def delete_collection(self, name: str) -> bool: ...

    def upsert(self, name: str, chunks: Sequence[StoredChunk]) -> None: ...

    def document_states(self, name: str) -> dict[str, DocumentState]: ...

    def delete_documents(self, name: str, sources: Sequence[str]) -> None: ...

    def delete_stale(self, name: str, source: str, keep_fingerprint: str) -> None: ...

    def finish_ingest(self, name: str, *, build_index: bool = True) -> None:
        """Called once after an ingest run: the edge engine flushes and, with ``build_index``,
        builds its HNSW index here (a later call builds what an earlier one left out)."""
        ...

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
    ) -> list[SearchHit]: ...

    def close(self) -> None: ...


#: What a second process hears when it opens a local index folder the gateway holds.
INDEX_LOCKED_MESSAGE = (
    "The local vector index is open in another process (is the gateway running?). "
    "Stop it, or configure rag.qdrant.url for a Qdrant server."
)


def unknown_collection(name: str | None) -> NotFound:
    """The error for a missing collection: names it and points to the listing command."""
    named = f" '{name}'" if name else ""
    return NotFound(
        f"Unknown collection{named}; run `tresor collections list` to see the collections.",
        param="collection",
    )


def check_spec(existing: CollectionSpec | None, wanted: CollectionSpec) -> CollectionSpec:
    """``existing`` if it is compatible with ``wanted``; InvalidRequest otherwise."""
    if existing is None:
        raise InvalidRequest("The collection was not created by Tresor.", param="collection")
    if existing.sealed != wanted.sealed:
        raise InvalidRequest(
            "The collection was built "
            + ("with" if existing.sealed else "without")
            + " index sealing (rag.seal_index); delete it and ingest again, "
            "or set rag.seal_index back.",
            param="collection",
        )
    if (existing.model_name, existing.dimension, existing.lexical_version) != (
        wanted.model_name,
        wanted.dimension,
        wanted.lexical_version,
    ):
        raise InvalidRequest(
            "The collection was built with another embedding model or tokeniser; "
            "delete it and ingest again.",
            param="collection",
        )
    return existing


def merged_ingest_metadata(
    meta: Mapping[str, Any], languages: Mapping[str, int], groups: Sequence[str]
) -> dict[str, Any]:
    """Collection metadata after an ingest: language counts added, groups united."""
    merged = {str(k): int(v) for k, v in (meta.get("tresor_languages") or {}).items()}
    for language, count in languages.items():
        merged[language] = merged.get(language, 0) + count
    known = sorted(set(meta.get("tresor_groups") or []) | set(groups))
    return {"tresor_languages": merged, "tresor_groups": known}


def info_from_metadata(name: str, points: int, meta: Mapping[str, Any]) -> CollectionInfo:
    """A :class:`CollectionInfo` from a point count and collection metadata."""
    return CollectionInfo(
        name=name,
        points=points,
        spec=CollectionSpec.from_metadata(meta),
        languages={str(k): int(v) for k, v in (meta.get("tresor_languages") or {}).items()},
        groups=tuple(str(g) for g in meta.get("tresor_groups") or ()),
    )


def keep_readable(hits: list[SearchHit], groups: Sequence[str]) -> list[SearchHit]:
    """Hits whose payload shares a group with the caller (a last check after the query filter)."""
    allowed = set(groups)
    return [h for h in hits if allowed.intersection(h.payload.get("groups") or ())]


def open_store(
    settings: QdrantSettings, data_dir: Path, environ: Mapping[str, str] | None = None
) -> VectorStore:
    """The configured store: a server by URL, else the local engine in the data directory."""
    if settings.url or settings.local_engine == "client":
        from rag.store import QdrantStore

        return QdrantStore.open(settings, data_dir, environ)
    from rag.store_edge import EdgeStore

    return EdgeStore.open(settings.path or (data_dir / "qdrant-edge"))
