"""``POST /v1/embeddings``: the configured embedding model, input guarded like chat input."""

from __future__ import annotations

import asyncio
import base64
import struct
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError

from serving.api.deps import CallerDep, GatewayDep
from serving.api.protocol import EmbeddingFormat, EmbeddingRequest
from serving.api.validation import invalid_request_from
from serving.errors import InvalidRequest, ModelNotFound, NotFound
from serving.pipeline import parse_request_body

router = APIRouter()

MAX_INPUTS = 256


def encode_embedding(
    vector: Sequence[float], encoding_format: EmbeddingFormat
) -> list[float] | str:
    """One vector in OpenAI's wire form: floats, or base64 of the little-endian float32 array
    (what the ``openai`` SDK asks for by default and decodes)."""
    if encoding_format == "float":
        return list(vector)
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")


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
    encoded = [encode_embedding(v, body.encoding_format) for v in vectors]
    return {
        "object": "list",
        "model": embedder.model_name,
        "data": [
            {"object": "embedding", "index": i, "embedding": e} for i, e in enumerate(encoded)
        ],
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
