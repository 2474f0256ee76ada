"""Which model names the gateway serves: the upstream's models, Tresor's retrieval alias and
the embedding model behind ``/v1/embeddings``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from serving.errors import ModelNotFound
from serving.upstream import UpstreamClient

RAG_SUFFIX = "-rag"


@dataclass(frozen=True)
class ResolvedModel:
    """The upstream model to call, and whether the alias asks for retrieval."""

    upstream_name: str
    retrieval: bool


def _model_entry(model_id: str, created: int = 0) -> dict[str, Any]:
    """One OpenAI ``/v1/models`` entry."""
    return {"id": model_id, "object": "model", "created": created, "owned_by": "tresor"}


class ModelCatalog:
    """Caches the upstream's model list briefly; resolves aliases like ``tresor-rag``.

    ``embedding_model`` is only listed (so clients can find it): chat never resolves to it.
    """

    def __init__(
        self,
        upstream: UpstreamClient,
        *,
        rag_alias: str | None,
        embedding_model: str | None = None,
        ttl_s: float = 30.0,
    ):
        self._upstream = upstream
        self._rag_alias = rag_alias
        self._embedding_model = embedding_model
        self._ttl_s = ttl_s
        self._cached: list[dict[str, Any]] = []
        self._fetched_at = float("-inf")

    async def upstream_models(self) -> list[dict[str, Any]]:
        if time.monotonic() - self._fetched_at > self._ttl_s:
            self._cached = await self._upstream.list_models()
            self._fetched_at = time.monotonic()
        return self._cached

    async def list(self) -> list[dict[str, Any]]:
        """OpenAI ``/v1/models`` data: upstream models, the retrieval alias, the embedding model."""
        models = [_model_entry(m["id"], m.get("created", 0)) for m in await self.upstream_models()]
        if self._rag_alias and models:
            models.append(_model_entry(self._rag_alias))
        if self._embedding_model and self._embedding_model not in {m["id"] for m in models}:
            models.append(_model_entry(self._embedding_model))
        return models

    async def resolve(self, name: str) -> ResolvedModel:
        """Map a requested name to an upstream model; unknown names are a 404."""
        upstream = [m["id"] for m in await self.upstream_models()]
        if name in upstream:
            return ResolvedModel(name, retrieval=False)
        if self._rag_alias and name == self._rag_alias and upstream:
            return ResolvedModel(upstream[0], retrieval=True)
        if name.endswith(RAG_SUFFIX) and name[: -len(RAG_SUFFIX)] in upstream:
            return ResolvedModel(name[: -len(RAG_SUFFIX)], retrieval=True)
        raise ModelNotFound("The requested model is not served; see /v1/models.", param="model")
