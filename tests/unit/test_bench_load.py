"""The load generator against the fake vLLM and against the real gateway app in front of it.

FakeUpstream speaks vLLM's wire format (checked against real vLLM in the integration suite);
the gateway path here is the real app with a SwapGuard, so both endpoints of the benchmark
are exercised the way the gateway section uses them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from bench.load import Endpoint, run_batch, stream_chat
from bench.workload import PROMPTS, chat_payload
from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.upstream import UpstreamClient
from tests.fakes import FakeUpstream, SwapGuard

DIRECT = Endpoint("direct", "http://vllm.test/v1/chat/completions", {})


def payload(index: int) -> dict[str, object]:
    return chat_payload(index, "fake-model", 8)


async def test_direct_stream_is_timed_and_counted() -> None:
    fake = FakeUpstream()
    async with httpx.AsyncClient(transport=fake.transport()) as client:
        sample = await stream_chat(client, DIRECT, payload(0))
    assert sample.error is None and sample.ttft_s is not None
    assert sample.tokens == 7  # from the usage event
    assert sample.latency_s >= sample.ttft_s
    sent = fake.seen[0]
    assert sent["temperature"] == 0 and sent["ignore_eos"] is True and sent["max_tokens"] == 8


async def test_batch_sends_every_request_and_counts_errors() -> None:
    fake = FakeUpstream(model="other-model")  # every request is refused with 404
    async with httpx.AsyncClient(transport=fake.transport()) as client:
        result = await run_batch(client, DIRECT, payload, concurrency=3, per_stream=2, timeout_s=30)
    assert len(result.samples) == 6 and result.errors == 6
    assert {s.error for s in result.samples} == {"http 404"}
    sent = sorted(m["messages"][0]["content"] for m in fake.seen)
    assert sent == sorted(PROMPTS[i % len(PROMPTS)] for i in range(6))  # each index exactly once


async def test_batch_timeout_marks_unfinished_requests() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        return httpx.Response(500)

    async with httpx.AsyncClient(transport=httpx.MockTransport(hang)) as client:
        result = await run_batch(
            client, DIRECT, payload, concurrency=2, per_stream=1, timeout_s=0.05
        )
    assert [s.error for s in result.samples] == ["batch timeout", "batch timeout"]


async def test_stream_error_event_is_an_error() -> None:
    fake = FakeUpstream(fail_stream_after=1)
    async with httpx.AsyncClient(transport=fake.transport()) as client:
        sample = await stream_chat(client, DIRECT, payload(0))
    assert sample.error == "stream error"


async def test_same_workload_through_the_gateway_app(tmp_path: Path) -> None:
    fake = FakeUpstream()
    config = TresorConfig.model_validate(
        {"data_dir": str(tmp_path), "guardrails": {"enabled": False}, "rag": {"enabled": False}}
    )
    upstream = UpstreamClient("http://vllm.test/v1", transport=fake.transport())
    gateway = build_gateway(
        config, upstream=upstream, guard=SwapGuard({"Anna Schneider": "[PERSON_1]"})
    )
    key = gateway.keys.create("bench").key
    via = Endpoint(
        "gateway", "http://gateway.test/v1/chat/completions", {"Authorization": f"Bearer {key}"}
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(gateway))) as client:
        through = await run_batch(client, via, payload, concurrency=2, per_stream=1, timeout_s=30)
        refused = await stream_chat(client, Endpoint("gateway", via.chat_url, {}), payload(0))
    async with httpx.AsyncClient(transport=fake.transport()) as client:
        direct = await run_batch(client, DIRECT, payload, concurrency=2, per_stream=1, timeout_s=30)
    await gateway.aclose()
    assert through.errors == 0 and [s.tokens for s in through.samples] == [
        s.tokens for s in direct.samples
    ]
    assert refused.error == "http 401"
    guarded = [m["messages"][0]["content"] for m in fake.seen[:2]]
    assert any("[PERSON_1]" in text for text in guarded) and not any(
        "Anna Schneider" in t for t in guarded
    )
