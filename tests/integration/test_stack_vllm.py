"""The real stack: vLLM (CPU build) behind the gateway, used through the official SDKs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.stages import PassThroughGuard
from tests.conftest import ServerThread, free_port

pytestmark = [pytest.mark.integration, pytest.mark.vllm]

MODEL = "smollm2-135m-instruct"
QUESTION = [{"role": "user", "content": "What is the capital of France?"}]


def gateway_config(tmp_path: Path, base_url: str) -> TresorConfig:
    return TresorConfig.model_validate({
        "data_dir": str(tmp_path),
        "upstream": {"mode": "external", "base_url": base_url, "read_timeout_s": 60},
        "guardrails": {"enabled": False},
        "rag": {"enabled": False},
    })  # fmt: skip


@pytest.fixture(scope="module")
def stack(vllm_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Gateway (without guardrail: this is the skeleton's contract) in front of real vLLM."""
    gateway = build_gateway(
        gateway_config(tmp_path_factory.mktemp("gw"), vllm_server), guard=PassThroughGuard()
    )
    key = gateway.keys.create("team-a", ("docs",)).key
    with ServerThread(create_app(gateway)) as server:
        yield f"{server.url}/v1", key


def test_sync_sdk_answers_paris(stack: tuple[str, str]) -> None:
    base_url, key = stack
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
    response = client.chat.completions.create(
        model=MODEL, messages=QUESTION, temperature=0, max_tokens=30
    )  # type: ignore[arg-type]
    assert "Paris" in (response.choices[0].message.content or "")
    assert response.usage is not None and response.usage.completion_tokens > 0
    assert response.model == MODEL


async def test_async_sdk_streams_paris(stack: tuple[str, str]) -> None:
    base_url, key = stack
    client = openai.AsyncOpenAI(base_url=base_url, api_key=key, max_retries=0)
    stream = await client.chat.completions.create(
        model=MODEL, messages=QUESTION, temperature=0, max_tokens=30, stream=True,  # type: ignore[arg-type]
        stream_options={"include_usage": True},
    )  # fmt: skip
    text, usage, chunks = "", None, 0
    async for chunk in stream:
        chunks += 1
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
        if chunk.usage:
            usage = chunk.usage
    assert "Paris" in text
    assert chunks > 3, "the answer arrives incrementally"
    assert usage is not None and usage.total_tokens > 0


def test_sync_sdk_streaming(stack: tuple[str, str]) -> None:
    base_url, key = stack
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
    stream = client.chat.completions.create(
        model=MODEL, messages=QUESTION, temperature=0, max_tokens=30, stream=True
    )  # type: ignore[arg-type]
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert "Paris" in text


def test_langchain_chat_openai(stack: tuple[str, str]) -> None:
    from langchain_openai import ChatOpenAI

    base_url, key = stack
    llm = ChatOpenAI(
        model=MODEL, base_url=base_url, api_key=key, temperature=0, max_tokens=30, max_retries=0
    )  # type: ignore[arg-type]
    assert "Paris" in str(llm.invoke("What is the capital of France?").content)
    streamed = "".join(str(part.content) for part in llm.stream("What is the capital of France?"))
    assert "Paris" in streamed


def test_models_listed(stack: tuple[str, str]) -> None:
    base_url, key = stack
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
    assert MODEL in [m.id for m in client.models.list()]


def test_bad_key_is_401_in_openai_shape(stack: tuple[str, str]) -> None:
    base_url, _ = stack
    client = openai.OpenAI(base_url=base_url, api_key="tr-abc-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as info:
        client.chat.completions.create(model=MODEL, messages=QUESTION)  # type: ignore[arg-type]
    assert info.value.status_code == 401
    assert (
        isinstance(info.value.body, dict) and info.value.body.get("type") == "authentication_error"
    )


def test_unknown_model_is_404(stack: tuple[str, str]) -> None:
    base_url, key = stack
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="no-such-model", messages=QUESTION)  # type: ignore[arg-type]


def test_stopped_upstream_is_503_not_a_hang(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    gateway = build_gateway(gateway_config(tmp_path, dead), guard=PassThroughGuard())
    key = gateway.keys.create("t").key
    with ServerThread(create_app(gateway)) as server:
        client = openai.OpenAI(base_url=f"{server.url}/v1", api_key=key, max_retries=0, timeout=20)
        with pytest.raises(openai.APIStatusError) as info:
            client.chat.completions.create(model=MODEL, messages=QUESTION)  # type: ignore[arg-type]
        assert info.value.status_code == 503
        with pytest.raises(openai.APIStatusError) as info:
            list(client.chat.completions.create(model=MODEL, messages=QUESTION, stream=True))  # type: ignore[arg-type]
        assert info.value.status_code == 503
