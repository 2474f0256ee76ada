"""The excerpts' token budget shrinks to what the conversation and the answer leave of the
model's context window (the real prompt builder; a fake model behind the gateway)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.prompting import build_context, estimate_tokens
from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.pipeline import ANSWER_RESERVE_TOKENS, RetrievalStage
from serving.stages import CallerContext, RetrievedChunk, SourceRef
from serving.upstream import UpstreamClient
from tests.fakes import FakeUpstream, SwapGuard

CHUNK = RetrievedChunk(text="The travel policy reimburses hotel nights up to 120 euros. " * 40,
                       source=SourceRef(index=1, title="Travel", path="travel.pdf", page=2))  # fmt: skip


def stage(window: int | None, budget: int = 1200) -> RetrievalStage:
    return RetrievalStage(_Fixed(), build_context, budget, model_context_tokens=window,
                          estimate_tokens=estimate_tokens)  # fmt: skip


class _Fixed:
    async def retrieve(
        self, query: str, ctx: CallerContext, *, collection: str | None, top_k: int | None
    ) -> list[RetrievedChunk]:
        return [CHUNK]


def conversation(words: int) -> list[dict[str, Any]]:
    return [{"role": "user", "content": "word " * words}]


def test_without_a_known_window_the_configured_budget_applies() -> None:
    assert stage(None).budget_for(conversation(5000), None) == 1200


def test_the_budget_is_what_the_conversation_and_the_answer_leave() -> None:
    small = conversation(10)
    assert stage(4096).budget_for(small, None) == 1200
    used = estimate_tokens(str(small[0]).replace("'", '"'))
    room = 2048 - used - ANSWER_RESERVE_TOKENS
    assert stage(2048, budget=5000).budget_for(small, None) == pytest.approx(room, abs=2)
    assert stage(2048, budget=5000).budget_for(small, 1000) < stage(2048, budget=5000).budget_for(small, None)
    assert stage(2048).budget_for(conversation(3000), None) == 0  # no room left: no excerpts


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, str, FakeUpstream]]:
    fake = FakeUpstream()
    config = TresorConfig.model_validate({"data_dir": str(tmp_path), "guardrails": {"enabled": False},
                                          "rag": {"enabled": False}})  # fmt: skip
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    gateway = build_gateway(config, upstream=upstream, guard=SwapGuard({}), retrieval=stage(1024))
    key = gateway.keys.create("team-a", ("docs",)).key
    with TestClient(create_app(gateway)) as http:
        yield http, key, fake


def test_the_prompt_sent_to_the_model_fits_its_window(client: tuple[TestClient, str, FakeUpstream]) -> None:
    http, key, fake = client
    for words, max_tokens in ((5, None), (300, 200), (700, None)):
        body: dict[str, Any] = {"model": "fake-model", "tresor_rag": {"collection": "docs"},
                                "messages": conversation(words)}  # fmt: skip
        if max_tokens:
            body["max_tokens"] = max_tokens
        response = http.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body)
        assert response.status_code == 200, response.text
        sent = fake.seen[-1]["messages"]
        if sent[0]["role"] == "system":  # excerpts were added: everything fits the window
            prompt = sum(estimate_tokens(str(m["content"])) for m in sent)
            assert prompt + (max_tokens or ANSWER_RESERVE_TOKENS) <= 1024
    roles = [seen["messages"][0]["role"] for seen in fake.seen]
    # a short chat gets its excerpts (cut to fit), one that fills the window gets none
    assert roles == ["system", "system", "user"]
