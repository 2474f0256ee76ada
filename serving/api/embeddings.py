"""``POST /v1/embeddings``: the configured embedding model, input guarded like chat input."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError

from serving.api.deps import CallerDep, GatewayDep
from serving.api.protocol import EmbeddingRequest
from serving.api.validation import invalid_request_from
from serving.errors import InvalidRequest, ModelNotFound, NotFound
from serving.pipeline import parse_request_body

router = APIRouter()

MAX_INPUTS = 256


@router.post("/v1/embeddings")
async def create_embeddings(
    request: Request, gateway: GatewayDep, caller: CallerDep
) -> dict[str, Any]:
    try:
        body = EmbeddingRequest.model_validate(parse_request_body(await request.body()))
    except ValidationError as exc:
        raise invalid_request_from(exc) from None
    embedder = gateway.embedder
    if embedder is None:
        raise NotFound("No embedding model is configured on this gateway.")
    if body.model != embedder.model_name:
        raise ModelNotFound(f"Embedding model must be '{embedder.model_name}'.", param="model")
    texts = body.texts()
    if not texts or len(texts) > MAX_INPUTS:
        raise InvalidRequest(f"'input' must hold 1 to {MAX_INPUTS} texts.", param="input")
    guarded = await gateway.guard.guard_input(
        [{"role": "user", "content": t} for t in texts], caller
    )
    protected = [str(m["content"]) for m in guarded.messages]
    vectors = await asyncio.to_thread(embedder.embed_documents, protected)
    tokens = sum(len(t.split()) for t in protected)
    return {
        "object": "list",
        "model": embedder.model_name,
        "data": [
            {"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)
        ],
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
