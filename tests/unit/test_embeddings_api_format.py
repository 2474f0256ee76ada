"""``/v1/embeddings`` wire formats as the official ``openai`` SDK meets them, and the embedding
model's entry in ``/v1/models``.

The SDK asks for ``encoding_format="base64"`` unless told otherwise and decodes the strings as
little-endian float32; it takes float lists silently too, so the wire body is checked as well.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import struct
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from fastapi.testclient import TestClient

from serving.api.app import create_app
from serving.api.embeddings import encode_embedding
from serving.config import TresorConfig
from serving.errors import ModelNotFound
from serving.gateway import build_gateway
from serving.models import ModelCatalog
from serving.upstream import UpstreamClient
from tests.fakes import FakeUpstream, SwapGuard

EMBED_MODEL = "multilingual-e5-small-q4"


class WaveEmbedder:
    """Deterministic vectors whose values are not exact float32 numbers (so rounding shows)."""

    model_name = EMBED_MODEL

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[math.sin(len(t) + k / 7) / 3 for k in range(16)] for t in texts]


@pytest.mark.parametrize(
    ("vector", "expected"),
    [([1.0, -2.0], "AACAPwAAAMA="), ([], ""), ([0.5], "AAAAPw==")],
)
def test_base64_is_little_endian_float32(vector: list[float], expected: str) -> None:
    assert encode_embedding(vector, "base64") == expected


def test_base64_round_trips_at_float32_precision() -> None:
    vector = WaveEmbedder().embed_documents(["abc"])[0]
    raw = base64.b64decode(str(encode_embedding(vector, "base64")))
    decoded = struct.unpack(f"<{len(vector)}f", raw)
    assert decoded == pytest.approx(vector, rel=1e-6, abs=1e-7)
    assert encode_embedding(vector, "float") == vector


@pytest.fixture
def sdk(tmp_path: Path) -> Iterator[openai.OpenAI]:
    """The official SDK speaking to the gateway app in-process (TestClient is an httpx.Client)."""
    config = TresorConfig.model_validate(
        {"data_dir": str(tmp_path), "guardrails": {"enabled": False}, "rag": {"enabled": False}}
    )
    upstream = UpstreamClient("http://upstream.test/v1", transport=FakeUpstream().transport())
    gateway = build_gateway(config, upstream=upstream, guard=SwapGuard({}), embedder=WaveEmbedder())
    key = gateway.keys.create("team-a", ("docs",)).key
    with TestClient(create_app(gateway)) as http:
        yield openai.OpenAI(
            base_url="http://testserver/v1", api_key=key, http_client=http, max_retries=0
        )


def test_sdk_default_base64_equals_float(sdk: openai.OpenAI) -> None:
    texts = ["short", "a somewhat longer text", "x"]
    raw = sdk.embeddings.with_raw_response.create(model=EMBED_MODEL, input=texts)
    assert json.loads(raw.http_request.content)["encoding_format"] == "base64"
    wire = json.loads(raw.http_response.content)["data"]
    assert all(isinstance(item["embedding"], str) for item in wire), "base64 strings on the wire"
    default = raw.parse()
    floats = sdk.embeddings.create(model=EMBED_MODEL, input=texts, encoding_format="float")
    assert [d.index for d in default.data] == [0, 1, 2]
    assert floats.model == default.model == EMBED_MODEL
    for got, want in zip(default.data, floats.data, strict=True):
        assert len(got.embedding) == 16
        assert got.embedding == pytest.approx(want.embedding, rel=1e-6, abs=1e-7)


def test_sdk_explicit_base64_is_returned_undecoded(sdk: openai.OpenAI) -> None:
    response = sdk.embeddings.create(model=EMBED_MODEL, input="hello", encoding_format="base64")
    encoded = response.data[0].embedding
    assert isinstance(encoded, str)
    assert len(base64.b64decode(encoded)) == 16 * 4


def test_v1_models_lists_the_embedding_model(sdk: openai.OpenAI) -> None:
    assert EMBED_MODEL in [m.id for m in sdk.models.list()]


def test_models_list_the_embedding_model() -> None:
    upstream = UpstreamClient("http://upstream.test/v1", transport=FakeUpstream().transport())
    catalog = ModelCatalog(upstream, rag_alias="tresor-rag", embedding_model=EMBED_MODEL)
    models = asyncio.run(catalog.list())
    assert [m["id"] for m in models] == ["fake-model", "tresor-rag", EMBED_MODEL]
    assert models[-1] == {"id": EMBED_MODEL, "object": "model", "created": 0, "owned_by": "tresor"}
    with pytest.raises(ModelNotFound):  # listed for /v1/embeddings only, never a chat model
        asyncio.run(catalog.resolve(EMBED_MODEL))


def test_models_without_embedder_list_no_embedding_model() -> None:
    upstream = UpstreamClient("http://upstream.test/v1", transport=FakeUpstream().transport())
    models = asyncio.run(ModelCatalog(upstream, rag_alias=None).list())
    assert [m["id"] for m in models] == ["fake-model"]
