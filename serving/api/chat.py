"""``POST /v1/chat/completions``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from serving.api.deps import CallerDep, GatewayDep
from serving.api.protocol import ChatCompletionRequest
from serving.api.validation import invalid_request_from
from serving.pipeline import parse_request_body

router = APIRouter()


@router.post("/v1/chat/completions", response_model=None)
async def create_chat_completion(
    request: Request, gateway: GatewayDep, caller: CallerDep
) -> JSONResponse | StreamingResponse:
    body: dict[str, Any] = parse_request_body(await request.body())
    try:
        chat = ChatCompletionRequest.model_validate(body)
    except ValidationError as exc:
        raise invalid_request_from(exc) from None
    if chat.stream:
        events = await gateway.pipeline.stream(chat, caller)
        return StreamingResponse(
            events,
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return JSONResponse(await gateway.pipeline.complete(chat, caller))
