"""The chat request pipeline, shared by every caller (API clients and the UI alike).

request -> guard input -> retrieve -> guard context -> LLM -> restore/guard output -> response
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from serving.api.protocol import ChatCompletionRequest
from serving.errors import InvalidRequest, NotFound, TresorError, error_body
from serving.models import ModelCatalog
from serving.sse import DONE_EVENT, encode_event
from serving.stages import (
    CallerContext,
    ContextRetriever,
    GuardedCall,
    RequestGuard,
    RetrievedChunk,
    SourceRef,
    StreamRestorer,
)
from serving.upstream import UpstreamClient

log = logging.getLogger(__name__)

ContextBuilder = Callable[[list[RetrievedChunk], int], tuple[str, list[SourceRef]]]


#: Tokens kept free for the answer when a request sets no ``max_tokens``.
ANSWER_RESERVE_TOKENS = 256


@dataclass(frozen=True)
class RetrievalStage:
    """Retrieval plus the prompt builder that turns chunks into a cited context message.

    ``model_context_tokens``: the model's context window when the gateway knows it (its own
    engine's ``max_model_len``); the excerpts then get at most what the conversation and the
    answer leave of it. ``estimate_tokens`` counts a text's tokens (over- rather than under-).
    """

    retriever: ContextRetriever
    build_context: ContextBuilder
    budget_tokens: int
    model_context_tokens: int | None = None
    estimate_tokens: Callable[[str], int] | None = None

    def budget_for(self, messages: list[dict[str, Any]], answer_tokens: int | None) -> int:
        """Token budget of the excerpts for this conversation (0: no room for any)."""
        if self.model_context_tokens is None or self.estimate_tokens is None:
            return self.budget_tokens
        used = sum(self.estimate_tokens(json.dumps(m, ensure_ascii=False)) for m in messages)
        room = self.model_context_tokens - used - (answer_tokens or ANSWER_RESERVE_TOKENS)
        return max(0, min(self.budget_tokens, room))


@dataclass
class _Prepared:
    upstream_name: str
    call: GuardedCall
    payload: dict[str, Any]
    sources: list[SourceRef]


def last_user_text(messages: list[dict[str, Any]]) -> str:
    """The text of the latest user message (the retrieval query)."""
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return " ".join(p.get("text", "") for p in content if p.get("type") == "text")
    return ""


class ChatPipeline:
    """Runs one chat completion through every stage, streaming or not."""

    def __init__(
        self,
        upstream: UpstreamClient,
        catalog: ModelCatalog,
        guard: RequestGuard,
        retrieval: RetrievalStage | None = None,
    ) -> None:
        self._upstream = upstream
        self._catalog = catalog
        self._guard = guard
        self._retrieval = retrieval

    async def _prepare(self, request: ChatCompletionRequest, ctx: CallerContext) -> _Prepared:
        resolved = await self._catalog.resolve(request.model)
        messages = request.message_dicts()
        call = await self._guard.guard_input(messages, ctx)
        sources: list[SourceRef] = []
        model_messages = list(call.messages)
        if resolved.retrieval or request.tresor_rag is not None:
            if self._retrieval is None:
                raise NotFound("Retrieval is not enabled on this gateway.", param="tresor_rag")
            options = request.tresor_rag
            chunks = await self._retrieval.retriever.retrieve(
                last_user_text(messages),
                ctx,
                collection=options.collection if options else None,
                top_k=options.top_k if options else None,
            )
            chunks = await self._guard.guard_context(call, chunks, ctx)
            budget = self._retrieval.budget_for(
                model_messages, request.max_completion_tokens or request.max_tokens
            )
            context, sources = self._retrieval.build_context(chunks, budget)
            if context:
                model_messages = [{"role": "system", "content": context}, *model_messages]
        payload = request.upstream_payload(resolved.upstream_name, model_messages)
        return _Prepared(resolved.upstream_name, call, payload, sources)

    async def complete(self, request: ChatCompletionRequest, ctx: CallerContext) -> dict[str, Any]:
        """A whole chat completion with the caller's values restored."""
        prepared = await self._prepare(request, ctx)
        response = await self._upstream.chat(prepared.payload)
        for choice in response.get("choices", []):
            message = choice.get("message") or {}
            if isinstance(message.get("content"), str):
                message["content"] = prepared.call.restore(message["content"])
            for tool_call in message.get("tool_calls") or []:
                function = tool_call.get("function") or {}
                if isinstance(function.get("arguments"), str):
                    function["arguments"] = prepared.call.restore_json(function["arguments"])
        response["model"] = request.model
        if prepared.sources:
            response["tresor_sources"] = [s.as_dict() for s in prepared.sources]
        return response

    async def stream(
        self, request: ChatCompletionRequest, ctx: CallerContext
    ) -> AsyncIterator[str]:
        """Server-sent events: errors before the first byte raise; later ones end the stream."""
        prepared = await self._prepare(request, ctx)
        chunks = self._upstream.chat_stream(prepared.payload)
        first = await anext(chunks, None)  # upstream errors surface as HTTP errors, not SSE
        return self._relay(request, prepared, first, chunks)

    async def _relay(
        self,
        request: ChatCompletionRequest,
        prepared: _Prepared,
        first: dict[str, Any] | None,
        chunks: AsyncIterator[dict[str, Any]],
    ) -> AsyncIterator[str]:
        restorers = _StreamRestorers(prepared.call)
        meta: dict[str, Any] = {"id": f"chatcmpl-{uuid.uuid4().hex}", "created": int(time.time())}
        try:
            if first is not None:
                meta = {
                    "id": first.get("id", meta["id"]),
                    "created": first.get("created", meta["created"]),
                }
                async for event in _prepend(first, chunks):
                    for out in _translate(request, event, restorers, meta):
                        yield out
                # the upstream may end ([DONE] or EOF) without a finish_reason: keep the tail
                for out in _open_tails(restorers, meta, request.model):
                    yield out
            if prepared.sources:
                yield encode_event({
                    **meta, "object": "chat.completion.chunk", "model": request.model,
                    "choices": [], "tresor_sources": [s.as_dict() for s in prepared.sources],
                })  # fmt: skip
        except TresorError as exc:
            log.warning("stream ended by error", extra={"error_type": type(exc).__name__})
            yield encode_event(error_body(exc)[1])
        except Exception as exc:  # the stream has begun: report in-band, never hang
            log.exception("stream failed", extra={"error_type": type(exc).__name__})
            yield encode_event(error_body(exc)[1])
        yield DONE_EVENT


CONTENT_SLOT = -1


class _StreamRestorers:
    """One stream restorer per (choice, slot): slot -1 is the content, others tool calls."""

    def __init__(self, call: GuardedCall) -> None:
        self._call = call
        self._by_key: dict[tuple[int, int], StreamRestorer] = {}

    def feed(self, choice: int, slot: int, delta: str) -> str:
        key = (choice, slot)
        if key not in self._by_key:
            self._by_key[key] = self._call.stream_restorer(json_escape=slot != CONTENT_SLOT)
        return self._by_key[key].feed(delta)

    def flush(self, choice: int) -> dict[int, str]:
        """Held-back text per slot of a finished choice."""
        tails = {}
        for (c, slot), restorer in list(self._by_key.items()):
            if c == choice:
                tail = restorer.flush()
                if tail:
                    tails[slot] = tail
                del self._by_key[(c, slot)]
        return tails

    def open_choices(self) -> list[int]:
        """Choices whose restorers were never flushed (no ``finish_reason`` seen yet)."""
        return sorted({choice for choice, _ in self._by_key})


def _translate(
    request: ChatCompletionRequest,
    event: dict[str, Any],
    restorers: _StreamRestorers,
    meta: dict[str, Any],
) -> list[str]:
    """One upstream chunk -> zero or more caller chunks, restored."""
    out: list[str] = []
    event["model"] = request.model
    if not event.get("choices"):
        if event.get("usage") is not None:  # the last chunk: answer text goes before it
            out.extend(_open_tails(restorers, meta, request.model))
            if request.wants_usage_in_stream():
                out.append(encode_event(event))
        return out
    if not request.wants_usage_in_stream():
        event.pop("usage", None)
    for choice in event["choices"]:
        index = int(choice.get("index", 0))
        delta = choice.get("delta") or {}
        if isinstance(delta.get("content"), str):
            delta["content"] = restorers.feed(index, CONTENT_SLOT, delta["content"])
        for tool_call in delta.get("tool_calls") or []:
            function = tool_call.get("function") or {}
            if isinstance(function.get("arguments"), str):
                slot = int(tool_call.get("index", 0))
                function["arguments"] = restorers.feed(index, slot, function["arguments"])
        if choice.get("finish_reason") is not None:
            # Held-back text belongs before the finish: append it to this chunk's delta.
            for slot, tail in sorted(restorers.flush(index).items()):
                if slot == CONTENT_SLOT:
                    delta["content"] = (delta.get("content") or "") + tail
                    choice["delta"] = delta
                else:
                    out.append(encode_event(_tail_chunk(meta, request.model, index, slot, tail)))
    out.append(encode_event(event))
    return out


def _open_tails(restorers: _StreamRestorers, meta: dict[str, Any], model: str) -> list[str]:
    """Chunks with the held-back text of every choice not finished yet (flushed once)."""
    return [
        encode_event(_tail_chunk(meta, model, index, slot, tail))
        for index in restorers.open_choices()
        for slot, tail in sorted(restorers.flush(index).items())
    ]


def _tail_chunk(
    meta: dict[str, Any], model: str, index: int, slot: int, text: str
) -> dict[str, Any]:
    delta: dict[str, Any] = (
        {"content": text}
        if slot == CONTENT_SLOT
        else {"tool_calls": [{"index": slot, "function": {"arguments": text}}]}
    )
    return {
        **meta, "object": "chat.completion.chunk", "model": model,
        "choices": [{"index": index, "delta": delta, "finish_reason": None}],
    }  # fmt: skip


async def _prepend(
    first: dict[str, Any], rest: AsyncIterator[dict[str, Any]]
) -> AsyncIterator[dict[str, Any]]:
    yield first
    async for item in rest:
        yield item


def parse_request_body(raw: bytes) -> dict[str, Any]:
    """Decode a JSON object body, with a message that never quotes it."""
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidRequest("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidRequest("The request body must be a JSON object.")
    return body
