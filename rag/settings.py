"""Config section ``rag`` of configs/tresor.yaml (owned by the retrieval package)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RagSettings(BaseModel):
    """Vector store, embeddings and retrieval defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = True
