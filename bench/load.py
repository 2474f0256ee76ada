"""The load generator: concurrent streaming chat requests over httpx, timed per request.

Each of ``concurrency`` streams sends its requests one after another; a batch ends when all
streams are done. Time to first token is measured to the first SSE event that carries answer
text. Only timings, token counts and error kinds are kept, never the text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from serving.sse import read_events


@dataclass(frozen=True)
class RequestSample:
    """One request: time to first token, total latency, completion tokens, or an error kind."""

    ttft_s: float | None
    latency_s: float
    tokens: int
    error: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """All requests of one batch and the batch's wall time."""

    samples: tuple[RequestSample, ...]
    wall_s: float

    @property
    def ok(self) -> tuple[RequestSample, ...]:
        return tuple(s for s in self.samples if s.error is None)

    @property
    def errors(self) -> int:
        return sum(1 for s in self.samples if s.error is not None)


@dataclass(frozen=True)
class Endpoint:
    """Where a path's requests go: the chat URL and its headers (the gateway needs a key)."""

    name: str
    chat_url: str
    headers: dict[str, str]


def _content_of(event: dict[str, Any]) -> str:
    for choice in event.get("choices") or []:
        delta = choice.get("delta") or {}
        if delta.get("content"):
            return str(delta["content"])
    return ""


async def stream_chat(
    client: httpx.AsyncClient, endpoint: Endpoint, payload: dict[str, Any]
) -> RequestSample:
    """Send one streaming chat request and time it."""
    started = time.perf_counter()
    ttft: float | None = None
    tokens = 0
    chunks = 0
    try:
        async with client.stream(
            "POST", endpoint.chat_url, json=payload, headers=endpoint.headers
        ) as response:
            if response.status_code >= 400:
                await response.aread()
                return RequestSample(
                    None, time.perf_counter() - started, 0, f"http {response.status_code}"
                )
            async for event in read_events(response.aiter_lines()):
                if "error" in event:
                    return RequestSample(
                        ttft, time.perf_counter() - started, tokens, "stream error"
                    )
                if _content_of(event):
                    chunks += 1
                    if ttft is None:
                        ttft = time.perf_counter() - started
                usage = event.get("usage")
                if usage and usage.get("completion_tokens"):
                    tokens = int(usage["completion_tokens"])
    except httpx.HTTPError as exc:
        return RequestSample(ttft, time.perf_counter() - started, tokens, type(exc).__name__)
    if ttft is None:
        return RequestSample(None, time.perf_counter() - started, tokens, "no content")
    return RequestSample(ttft, time.perf_counter() - started, tokens or chunks)


async def run_batch(
    client: httpx.AsyncClient,
    endpoint: Endpoint,
    payload_for: Callable[[int], dict[str, Any]],
    concurrency: int,
    per_stream: int,
    timeout_s: float,
) -> BatchResult:
    """``concurrency`` streams of ``per_stream`` requests each; cancelled after ``timeout_s``."""
    samples: list[RequestSample] = []

    async def worker(stream: int) -> None:
        for turn in range(per_stream):
            samples.append(
                await stream_chat(client, endpoint, payload_for(stream * per_stream + turn))
            )

    started = time.perf_counter()
    tasks = [asyncio.create_task(worker(i)) for i in range(concurrency)]
    done, pending = await asyncio.wait(tasks, timeout=timeout_s)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    wall = time.perf_counter() - started
    missing = concurrency * per_stream - len(samples)
    samples.extend(RequestSample(None, wall, 0, "batch timeout") for _ in range(missing))
    for task in done:
        task.result()  # surface bugs in the worker itself
    return BatchResult(tuple(samples), wall)


def make_client(concurrency: int, read_timeout_s: float = 120.0) -> httpx.AsyncClient:
    """A pooled client big enough for the concurrency, loopback only (no proxies from env)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(read_timeout_s, connect=10.0),
        limits=httpx.Limits(
            max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4
        ),
        trust_env=False,
    )
