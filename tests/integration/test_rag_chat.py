"""Chat with documents through the gateway: real Qdrant (local engine), real embedder, real
guardrail; the model is the recording fake so the prompt it receives can be inspected."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from guardrails.gateway import build_guard
from rag.documents import DocumentUnit, SourceDocument, content_hash
from rag.ingest import Ingestor
from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.upstream import UpstreamClient
from tests.conftest import REPO
from tests.fakes import FakeUpstream

pytestmark = pytest.mark.integration

OWNER = "Cornelius Abernathy"
OWNER_MAIL = "c.abernathy@contoso-mail.com"


def document(key: str, title: str, text: str) -> SourceDocument:
    return SourceDocument(key=key, title=title, units=[DocumentUnit(text, page=2)],
                          content_hash=content_hash(text.encode()), path=f"handbook/{key}.pdf")  # fmt: skip


@pytest.fixture(scope="module")
def gateway_client(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, dict[str, str], FakeUpstream]]:
    data_dir = tmp_path_factory.mktemp("ragchat")
    config = TresorConfig.model_validate({
        "data_dir": str(data_dir),
        "guardrails": {"policy_file": str(REPO / "configs" / "policy.yaml")},
        "rag": {"default_collection": "handbook"},
    })  # fmt: skip
    fake = FakeUpstream()
    guard = build_guard(config.guardrails, data_dir, environ={})
    gateway = build_gateway(
        config,
        guard=guard,
        upstream=UpstreamClient("http://upstream.test/v1", transport=fake.transport()),
    )
    gateway.closers.append(guard.close)
    retriever = gateway.pipeline._retrieval.retriever  # type: ignore[union-attr]
    ingestor = Ingestor(retriever.store, retriever.embedder, config.rag, sealer=retriever.sealer)
    ingestor.ingest_documents([
        document("travel", "Travel policy", "Business trips are booked through the travel desk. "
                 f"Questions about the travel policy go to {OWNER}, {OWNER_MAIL}."),
        document("canteen", "Canteen", "The canteen opens at 11:30 and serves a vegetarian dish daily."),
    ], "handbook", ["everyone"])  # fmt: skip
    ingestor.ingest_documents([document("salaries", "Salary bands", "Salary bands for engineers are reviewed every March.")],
                              "handbook", ["hr"])  # fmt: skip
    keys = {
        "staff": gateway.keys.create("staff", ("everyone",)).key,
        "hr": gateway.keys.create("hr", ("hr",)).key,
    }
    with TestClient(create_app(gateway)) as client:
        yield client, keys, fake


def ask(client: TestClient, key: str, question: str, **extra: Any) -> Any:
    body = {"model": "tresor-rag", "messages": [{"role": "user", "content": question}], **extra}
    return client.post(
        "/v1/chat/completions", headers={"Authorization": f"Bearer {key}"}, json=body
    )


def test_answer_cites_sources_and_restores_document_values(
    gateway_client: tuple[TestClient, dict[str, str], FakeUpstream],
) -> None:
    client, keys, fake = gateway_client
    fake.answer = lambda messages: (
        "Ask " + " ".join(re.findall(r"\[(?:PERSON|EMAIL)_\d+\]", messages[0]["content"])) + " [1]"
    )
    response = ask(client, keys["staff"], "Who answers questions about the travel policy?")
    assert response.status_code == 200, response.text
    body = response.json()
    seen = json.dumps(fake.seen[-1])
    assert OWNER not in seen and OWNER_MAIL not in seen, "document PII reached the model"
    assert "travel desk" in seen, "the retrieved excerpt reached the prompt"
    answer = body["choices"][0]["message"]["content"]
    assert OWNER in answer and OWNER_MAIL in answer
    sources = body["tresor_sources"]
    assert sources[0]["path"] == "handbook/travel.pdf" and sources[0]["page"] == 2


def test_acl_keeps_other_groups_documents_out_of_the_prompt(
    gateway_client: tuple[TestClient, dict[str, str], FakeUpstream],
) -> None:
    client, keys, fake = gateway_client
    fake.answer = lambda messages: "ok"
    ask(client, keys["staff"], "How are salary bands reviewed?")
    assert "reviewed every March" not in json.dumps(fake.seen[-1])
    ask(client, keys["hr"], "How are salary bands reviewed?")
    assert "reviewed every March" in json.dumps(fake.seen[-1])
    assert "travel desk" not in json.dumps(fake.seen[-1])


def test_streamed_rag_answer_ends_with_sources(
    gateway_client: tuple[TestClient, dict[str, str], FakeUpstream],
) -> None:
    client, keys, fake = gateway_client
    fake.answer = lambda messages: "The canteen opens at 11:30 [1]."
    response = ask(client, keys["staff"], "When does the canteen open?", stream=True)
    events = [
        json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: {")
    ]
    assert events[-1]["tresor_sources"][0]["title"] == "Canteen"


def test_unknown_collection_is_404(
    gateway_client: tuple[TestClient, dict[str, str], FakeUpstream],
) -> None:
    client, keys, _ = gateway_client
    response = ask(client, keys["staff"], "x?", tresor_rag={"collection": "nope"})
    assert response.status_code == 404


def test_top_k_is_bounded_by_the_config_with_a_clear_400(
    gateway_client: tuple[TestClient, dict[str, str], FakeUpstream],
) -> None:
    client, keys, _ = gateway_client
    response = ask(client, keys["staff"], "Canteen hours?", tresor_rag={"top_k": 51})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == "top_k" and "between 1 and 50" in error["message"]
    assert ask(client, keys["staff"], "Canteen hours?", tresor_rag={"top_k": 2}).status_code == 200
