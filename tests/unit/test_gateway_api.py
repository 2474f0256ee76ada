"""The gateway's HTTP contract against a fake vLLM (the same contract runs against real vLLM
in tests/integration/test_stack_vllm.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.logging_setup import request_id_var
from serving.upstream import UpstreamClient
from tests.fakes import FakeUpstream, SwapGuard


def make_client(
    tmp_path: Path, upstream: UpstreamClient, guard: Any = None
) -> tuple[TestClient, str]:
    config = TresorConfig.model_validate(
        {"data_dir": str(tmp_path), "guardrails": {"enabled": False}, "rag": {"enabled": False}}
    )
    gateway = build_gateway(config, upstream=upstream, guard=guard or SwapGuard({}))
    key = gateway.keys.create("team-a", ("docs",)).key
    return TestClient(create_app(gateway)), key


@pytest.fixture
def fake() -> FakeUpstream:
    return FakeUpstream()


@pytest.fixture
def client(tmp_path: Path, fake: FakeUpstream) -> Iterator[tuple[TestClient, str]]:
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream, SwapGuard({"Alice Meier": "PERSON_1"}))
    with test_client:
        yield test_client, key


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def chat_body(**extra: Any) -> dict[str, Any]:
    return {
        "model": "fake-model",
        "messages": [{"role": "user", "content": "Hi, I am Alice Meier."}],
        **extra,
    }


def sse_events(text: str) -> list[Any]:
    events = []
    for line in text.splitlines():
        if line.startswith("data: "):
            data = line[6:]
            events.append(data if data == "[DONE]" else json.loads(data))
    return events


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer tr-nope-nope"}, {"Authorization": "Basic abc"}]
)
def test_every_v1_route_needs_a_valid_key(
    client: tuple[TestClient, str], headers: dict[str, str]
) -> None:
    test_client, _ = client
    for method, path in [
        ("GET", "/v1/models"),
        ("POST", "/v1/chat/completions"),
        ("POST", "/v1/embeddings"),
    ]:
        response = test_client.request(method, path, headers=headers, json=chat_body())
        assert response.status_code == 401, path
        assert response.json()["error"]["type"] == "authentication_error"


def test_health_needs_no_key(client: tuple[TestClient, str]) -> None:
    test_client, _ = client
    assert test_client.get("/healthz").json() == {"status": "ok"}
    assert test_client.get("/readyz").status_code == 200


def test_models_listed(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    data = test_client.get("/v1/models", headers=auth(key)).json()["data"]
    assert [m["id"] for m in data] == ["fake-model"]


def test_completion_is_guarded_and_restored(
    client: tuple[TestClient, str], fake: FakeUpstream
) -> None:
    test_client, key = client
    fake.answer = lambda messages: "Hello PERSON_1, welcome."
    response = test_client.post("/v1/chat/completions", headers=auth(key), json=chat_body())
    assert response.status_code == 200
    body = response.json()
    assert body["choices"][0]["message"]["content"] == "Hello Alice Meier, welcome."
    assert body["usage"]["total_tokens"] == 12
    assert "Alice" not in json.dumps(fake.seen)
    assert response.headers["x-request-id"]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 8])
def test_stream_restores_tokens_split_across_chunks(tmp_path: Path, chunk_size: int) -> None:
    fake = FakeUpstream(answer=lambda m: "Dear PERSON_1, PERSON_1 is here.", chunk_size=chunk_size)
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream, SwapGuard({"Alice Meier": "PERSON_1"}))
    with test_client:
        response = test_client.post(
            "/v1/chat/completions", headers=auth(key), json=chat_body(stream=True)
        )
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    text = "".join(
        e["choices"][0]["delta"].get("content") or "" for e in events[:-1] if e.get("choices")
    )
    assert text == "Dear Alice Meier, Alice Meier is here."
    assert all("usage" not in e for e in events[:-1]), "usage only when stream_options asks"


def test_stream_usage_when_asked(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    response = test_client.post(
        "/v1/chat/completions",
        headers=auth(key),
        json=chat_body(stream=True, stream_options={"include_usage": True}),
    )
    events = sse_events(response.text)
    assert events[-2]["usage"]["total_tokens"] == 12


@dataclass
class UnfinishedUpstream(FakeUpstream):
    """FakeUpstream's stream without the chunk that carries ``finish_reason`` (servers may end
    on ``[DONE]`` or EOF alone); optionally without the usage chunk and ``[DONE]`` as well."""

    send_usage: bool = True
    send_done: bool = True

    def _sse(self, text: str, usage: dict[str, int]) -> bytes:
        kept = []
        for event in super()._sse(text, usage).decode().split("\n\n"):
            data = event.removeprefix("data: ")
            if data == "[DONE]" and not self.send_done:
                continue
            if data and data != "[DONE]":
                payload = json.loads(data)
                if any(c.get("finish_reason") for c in payload["choices"]):
                    continue
                if "usage" in payload and not self.send_usage:
                    continue
            kept.append(event)
        return "\n\n".join(kept).encode()


@pytest.mark.parametrize("chunk_size", [1, 4, 7])
@pytest.mark.parametrize(
    ("finish", "usage", "done"),
    [(True, True, True), (False, True, True), (False, False, True), (False, False, False)],
)
def test_stream_end_flushes_the_held_tail_once(
    tmp_path: Path, chunk_size: int, finish: bool, usage: bool, done: bool
) -> None:
    # "PERSON" at the very end could still become PERSON_1: the restorer holds it back
    answer = "Dear PERSON_1, yours, PERSON"
    kind = FakeUpstream if finish else UnfinishedUpstream
    fake = kind(answer=lambda m: answer, chunk_size=chunk_size)
    if isinstance(fake, UnfinishedUpstream):
        fake.send_usage, fake.send_done = usage, done
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream, SwapGuard({"Alice Meier": "PERSON_1"}))
    body = chat_body(stream=True, stream_options={"include_usage": True})
    with test_client:
        response = test_client.post("/v1/chat/completions", headers=auth(key), json=body)
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    assert not any("error" in e for e in events[:-1])
    text = "".join(
        e["choices"][0]["delta"].get("content") or "" for e in events[:-1] if e["choices"]
    )
    assert text == "Dear Alice Meier, yours, PERSON"
    if usage:  # the answer's text all comes before the usage chunk
        assert events[-2]["usage"]["total_tokens"] == 12 and events[-2]["choices"] == []


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"model": "fake-model"}, "messages"),
        ({"model": "fake-model", "messages": []}, "messages"),
        (
            {"model": "fake-model", "messages": [{"role": "wizard", "content": "x"}]},
            "messages[0].role",
        ),
        ({"messages": [{"role": "user", "content": "x"}]}, "model"),
        ({"model": "fake-model", "messages": [{"role": "user", "content": "x"}], "n": 3}, "n"),
    ],
)
def test_malformed_bodies_are_400_without_echo(
    client: tuple[TestClient, str], body: dict[str, Any], param: str
) -> None:
    test_client, key = client
    response = test_client.post("/v1/chat/completions", headers=auth(key), json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param


def test_non_json_body(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    response = test_client.post("/v1/chat/completions", headers=auth(key), content=b"{Alice Meier")
    assert response.status_code == 400
    assert "Alice" not in response.text


def test_unknown_model_is_404(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    response = test_client.post(
        "/v1/chat/completions", headers=auth(key), json=chat_body(model="gpt-17")
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "model_not_found"


def test_rag_alias_without_retrieval_is_404(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    response = test_client.post(
        "/v1/chat/completions", headers=auth(key), json=chat_body(tresor_rag={"collection": "x"})
    )
    assert response.status_code == 404


def test_upstream_down_is_503(tmp_path: Path) -> None:
    from tests.conftest import free_port

    upstream = UpstreamClient(f"http://127.0.0.1:{free_port()}/v1", connect_timeout_s=1)
    test_client, key = make_client(tmp_path, upstream)
    with test_client:
        response = test_client.post("/v1/chat/completions", headers=auth(key), json=chat_body())
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "upstream_unavailable"
        assert test_client.get("/readyz").status_code == 503


def test_upstream_timeout_is_504(tmp_path: Path) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    upstream = UpstreamClient("http://upstream.test/v1", transport=httpx.MockTransport(slow))
    test_client, key = make_client(tmp_path, upstream)
    with test_client:
        response = test_client.post("/v1/chat/completions", headers=auth(key), json=chat_body())
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "upstream_timeout"


def test_failure_after_stream_began_ends_with_error_event(tmp_path: Path) -> None:
    fake = FakeUpstream(fail_stream_after=2)
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream)
    with test_client:
        response = test_client.post(
            "/v1/chat/completions", headers=auth(key), json=chat_body(stream=True)
        )
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    assert events[-2]["error"]["type"] == "api_error"
    assert "engine died" not in response.text


def test_conversation_header_is_validated(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    headers = {**auth(key), "X-Tresor-Conversation": "bad id with spaces"}
    response = test_client.post("/v1/chat/completions", headers=headers, json=chat_body())
    assert response.status_code == 400


def test_unknown_route_is_openai_shaped(client: tuple[TestClient, str]) -> None:
    test_client, key = client
    response = test_client.get("/v1/nothing", headers=auth(key))
    assert response.status_code == 404
    assert "error" in response.json()


def test_oversized_body_is_413(tmp_path: Path, fake: FakeUpstream) -> None:
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream)
    big = chat_body(messages=[{"role": "user", "content": "x" * (5 * 1024 * 1024)}])
    with test_client:
        response = test_client.post("/v1/chat/completions", headers=auth(key), json=big)
    assert response.status_code == 413


def test_request_id_is_kept_through_a_stream_and_logged(
    client: tuple[TestClient, str], caplog: pytest.LogCaptureFixture
) -> None:
    test_client, key = client
    headers = {**auth(key), "X-Request-Id": "trace-42"}
    seen_ids: list[str | None] = []
    stamp = logging.Filter()
    stamp.filter = lambda record: seen_ids.append(request_id_var.get()) is None  # type: ignore[method-assign]
    caplog.handler.addFilter(stamp)
    with caplog.at_level("INFO", logger="tresor.gateway"):
        response = test_client.post(
            "/v1/chat/completions", headers=headers, json=chat_body(stream=True)
        )
    caplog.handler.removeFilter(stamp)
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "trace-42"
    assert sse_events(response.text)[-1] == "[DONE]"
    access = [r for r in caplog.records if r.getMessage() == "request"]
    assert [(r.status, r.path) for r in access] == [(200, "/v1/chat/completions")]  # type: ignore[attr-defined]
    assert set(seen_ids) == {"trace-42"}  # every record of the request carries its id
    assert "Alice" not in caplog.text


def test_unexpected_error_is_a_500_with_the_request_id(
    tmp_path: Path, fake: FakeUpstream, monkeypatch: pytest.MonkeyPatch
) -> None:
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    test_client, key = make_client(tmp_path, upstream)

    async def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("Alice Meier")  # an internal error that quotes the input

    gateway = test_client.app.state.gateway  # type: ignore[attr-defined]
    monkeypatch.setattr(gateway.pipeline, "complete", broken)
    with test_client:
        response = test_client.post(
            "/v1/chat/completions", headers={**auth(key), "X-Request-Id": "r-500"}, json=chat_body()
        )
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "r-500"
    assert "Alice" not in response.text
    assert response.json()["error"]["message"]
