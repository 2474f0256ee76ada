"""Fakes for fast unit tests. Each mirrors a real component that integration tests exercise:
FakeUpstream speaks vLLM's OpenAI wire format (tests/integration/test_stack_vllm.py runs the
same gateway against real vLLM), SwapGuard implements serving.stages.RequestGuard."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from serving.stages import CallerContext, RetrievedChunk


@dataclass
class FakeUpstream:
    """An httpx transport that answers like vLLM and records what reached 'the model'."""

    model: str = "fake-model"
    answer: Callable[[list[dict[str, Any]]], str] = lambda messages: (
        "The capital of France is Paris."
    )
    chunk_size: int = 3
    seen: list[dict[str, Any]] = field(default_factory=list)
    fail_stream_after: int | None = None

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            return httpx.Response(
                200,
                json={
                    "object": "list",
                    "data": [{"id": self.model, "object": "model", "created": 1}],
                },
            )
        body = json.loads(request.content)
        self.seen.append(body)
        if body["model"] != self.model:
            return httpx.Response(404, json={"error": {"message": "model x does not exist"}})
        text = self.answer(body["messages"])
        usage = {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}
        if not body.get("stream"):
            return httpx.Response(200, json={
                "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": self.model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": usage,
            })  # fmt: skip
        return httpx.Response(
            200, content=self._sse(text, usage), headers={"content-type": "text/event-stream"}
        )

    def _sse(self, text: str, usage: dict[str, int]) -> bytes:
        def event(payload: dict[str, Any]) -> str:
            return "data: " + json.dumps(payload) + "\n\n"

        base = {
            "id": "chatcmpl-1",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": self.model,
        }
        parts = [
            event(
                {
                    **base,
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"role": "assistant", "content": ""},
                            "finish_reason": None,
                        }
                    ],
                }
            )
        ]
        pieces = [text[i : i + self.chunk_size] for i in range(0, len(text), self.chunk_size)]
        for n, piece in enumerate(pieces):
            if self.fail_stream_after is not None and n == self.fail_stream_after:
                parts.append(event({"error": {"message": "engine died", "code": 500}}))
                return "".join(parts).encode()
            parts.append(
                event(
                    {
                        **base,
                        "choices": [
                            {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                        ],
                    }
                )
            )
        parts.append(
            event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        )
        parts.append(event({**base, "choices": [], "usage": usage}))
        parts.append("data: [DONE]\n\n")
        return "".join(parts).encode()


class _SwapRestorer:
    def __init__(self, mapping: dict[str, str]) -> None:
        self._mapping = mapping
        self._held = ""

    def feed(self, delta: str) -> str:
        text = self._held + delta
        for token, value in self._mapping.items():
            text = text.replace(token, value)
        # hold back a suffix that could still become a token
        for cut in range(len(text)):
            tail = text[cut:]
            if any(token.startswith(tail) for token in self._mapping):
                self._held = tail
                return text[:cut]
        self._held = ""
        return text

    def flush(self) -> str:
        held, self._held = self._held, ""
        return held


@dataclass
class _SwapCall:
    messages: list[dict[str, Any]]
    mapping: dict[str, str]

    def restore(self, text: str) -> str:
        for token, value in self.mapping.items():
            text = text.replace(token, value)
        return text

    def stream_restorer(self, json_escape: bool = False) -> _SwapRestorer:
        return _SwapRestorer(self.mapping)

    def restore_json(self, text: str) -> str:
        return self.restore(text)


class SwapGuard:
    """Replaces fixed secrets by tokens (a stand-in for the real guardrail in gateway tests)."""

    def __init__(self, secrets: dict[str, str]) -> None:
        self.secrets = secrets  # value -> token

    async def guard_input(self, messages: list[dict[str, Any]], ctx: CallerContext) -> _SwapCall:
        out = []
        for message in messages:
            content = message.get("content")
            if isinstance(content, str):
                for value, token in self.secrets.items():
                    content = content.replace(value, token)
            out.append({**message, "content": content})
        return _SwapCall(out, {t: v for v, t in self.secrets.items()})

    async def guard_context(
        self, call: Any, chunks: list[RetrievedChunk], ctx: CallerContext
    ) -> list[RetrievedChunk]:
        return chunks


class CountingPipeline:
    """Wraps a real spaCy pipeline and counts the texts it is asked to read."""

    def __init__(self, real: Any) -> None:
        self.real, self.calls = real, 0

    def __call__(self, text: str) -> Any:
        self.calls += 1
        return self.real(text)
