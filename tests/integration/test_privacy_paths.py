"""No raw personal value reaches the model on any path, and the caller gets them back.

Real guardrail (Presidio + spaCy + the shipped policy) inside the real gateway app; the
upstream is a recording fake (tests/fakes.py, the wire format real vLLM speaks) so every byte
that would reach the model can be inspected. Paths: multi-turn history with every role,
content parts, streaming, tool calls and tool results, retrieved context, embeddings. A second
test sends canary values through all of them and finds none in any log line or audit record.
"""

from __future__ import annotations

import html
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from fastapi.testclient import TestClient

from guardrails.gateway import build_guard
from guardrails.settings import GuardrailSettings
from serving.api.app import create_app
from serving.config import TresorConfig
from serving.gateway import build_gateway
from serving.pipeline import RetrievalStage
from serving.stages import CallerContext, RetrievedChunk, SourceRef
from serving.upstream import UpstreamClient
from tests.conftest import REPO
from tests.fakes import FakeUpstream

pytestmark = pytest.mark.integration

# A small PII corpus: every value must stay away from the model.
PII = {
    "name_en": "Jonathan Whitfield",
    "name_de": "Annegret Vogelsang",
    "email": "j.whitfield@contoso-mail.com",
    "email_de": "annegret.vogelsang@beispiel-firma.de",
    "phone_de": "+49 30 12345678",
    "phone_en": "(212) 555-0198",
    "iban": "DE89 3704 0044 0532 0130 00",
    "card": "4111 1111 1111 1111",
    "ip": "192.168.17.42",
}


class StaticRetriever:
    """Returns fixed chunks (real Qdrant retrieval is covered by tests/integration/test_rag_*)."""

    def __init__(self, chunks: list[RetrievedChunk]) -> None:
        self.chunks = chunks

    async def retrieve(
        self, query: str, ctx: CallerContext, *, collection: str | None, top_k: int | None
    ) -> list[RetrievedChunk]:
        return list(self.chunks)


class EchoEmbedder:
    model_name = "echo-embed"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.extend(texts)
        return [[float(len(t)), 1.0] for t in texts]


def build_context(chunks: list[RetrievedChunk], budget: int) -> tuple[str, list[SourceRef]]:
    from rag.prompting import build_context as real

    return real(chunks, budget)


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data_dir = tmp_path_factory.mktemp("guard")
    settings = GuardrailSettings(policy_file=REPO / "configs" / "policy.yaml")
    guard = build_guard(settings, data_dir, environ={})
    yield guard
    guard.close()


@pytest.fixture
def stack(
    guard: Any, tmp_path: Path
) -> Iterator[tuple[TestClient, str, FakeUpstream, EchoEmbedder]]:
    fake = FakeUpstream()
    chunk = RetrievedChunk(
        text=f"Contract owner: {PII['name_en']}, reachable at {PII['email']} or {PII['phone_en']}.",
        source=SourceRef(index=1, title="Contracts", path="contracts/2026.pdf", page=3),
    )
    retrieval = RetrievalStage(StaticRetriever([chunk]), build_context, 800)
    embedder = EchoEmbedder()
    config = TresorConfig.model_validate({"data_dir": str(tmp_path), "rag": {"enabled": False}})
    upstream = UpstreamClient("http://upstream.test/v1", transport=fake.transport())
    gateway = build_gateway(
        config, guard=guard, upstream=upstream, retrieval=retrieval, embedder=embedder
    )
    key = gateway.keys.create("team-a", ("docs",)).key
    gateway.closers.clear()  # the module-scoped guard outlives this gateway
    with TestClient(create_app(gateway)) as client:
        yield client, key, fake, embedder


def headers(key: str, conversation: str = "conv-1") -> dict[str, str]:
    return {"Authorization": f"Bearer {key}", "X-Tresor-Conversation": conversation}


def assert_no_raw_values(payload: Any) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    compact = re.sub(r"\s", "", text)
    for label, value in PII.items():
        assert value not in text, f"{label} reached the model"
        assert re.sub(r"\s", "", value) not in compact, (
            f"{label} (spaces removed) reached the model"
        )


def echo_placeholders(messages: list[dict[str, Any]]) -> str:
    """The fake model repeats every placeholder it was given, so restore can be checked."""
    seen = " ".join(str(m.get("content")) for m in messages)
    return "Noted: " + " ".join(sorted(set(re.findall(r"\[[A-Z_]+_\d+\]", seen))))


def tool_results(question: str, *results: str) -> dict[str, Any]:
    """A request whose user asked ``question`` and whose assistant called one tool per
    result, each answered with that result (as an agent resends the round)."""
    calls = [f"call_{i}" for i in range(1, len(results) + 1)]
    return {
        "model": "fake-model",
        "messages": [
            {"role": "user", "content": question},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": c, "type": "function", "function": {"name": "crm", "arguments": "{}"}}
                for c in calls]},
            *({"role": "tool", "tool_call_id": c, "content": r} for c, r in zip(calls, results, strict=True)),
        ],
    }  # fmt: skip


def test_multi_turn_all_roles_and_parts(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    body = {
        "model": "fake-model",
        "messages": [
            {"role": "system", "content": f"You assist {PII['name_de']} ({PII['email_de']})."},
            {"role": "user", "content": f"My name is {PII['name_en']}, call me at {PII['phone_de']}."},
            {"role": "assistant", "content": f"Hello {PII['name_en']}, noted {PII['phone_de']}."},
            {"role": "user", "content": [
                {"type": "text", "text": f"Pay to IBAN {PII['iban']} with card {PII['card']}."},
                {"type": "text", "text": f"My server is {PII['ip']}."},
            ]},
        ],
    }  # fmt: skip
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    assert_no_raw_values(fake.seen)
    answer = response.json()["choices"][0]["message"]["content"]
    for label in ("name_en", "name_de", "email_de", "iban", "ip"):
        assert PII[label] in answer, f"{label} not restored for the caller"


def test_placeholders_stable_across_requests_of_a_conversation(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, fake, _ = stack
    for text in (f"I am {PII['name_en']}.", f"Again: {PII['name_en']} here, {PII['email']}."):
        client.post("/v1/chat/completions", headers=headers(key, "conv-stable"),
                    json={"model": "fake-model", "messages": [{"role": "user", "content": text}]})  # fmt: skip
    first, second = (json.dumps(s["messages"]) for s in fake.seen[-2:])
    token = re.search(r"\[PERSON_\d+\]", first)
    assert token is not None and token.group(0) in second
    assert_no_raw_values(fake.seen)


def test_streaming_restores_and_protects(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    fake.chunk_size = 2
    body = {"model": "fake-model", "stream": True,
            "messages": [{"role": "user", "content": f"Mail {PII['email']} to {PII['name_en']}."}]}  # fmt: skip
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200
    assert_no_raw_values(fake.seen)
    text = ""
    for line in response.text.splitlines():
        if line.startswith("data: {"):
            event = json.loads(line[6:])
            for choice in event.get("choices", []):
                text += choice["delta"].get("content") or ""
    assert PII["email"] in text and PII["name_en"] in text


def test_tool_calls_and_results(stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder]) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    args = json.dumps({"to": PII["email"], "name": PII["name_en"], "iban": PII["iban"]})
    body = {
        "model": "fake-model",
        "messages": [
            {"role": "user", "content": "Send the invoice."},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "send_mail", "arguments": args}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": f"Sent to {PII['email']} ({PII['phone_en']})."},
        ],
        "tools": [{"type": "function", "function": {"name": "send_mail", "parameters": {"type": "object"}}}],
    }  # fmt: skip
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    assert_no_raw_values(fake.seen)
    upstream_args = fake.seen[-1]["messages"][1]["tool_calls"][0]["function"]["arguments"]
    assert isinstance(json.loads(upstream_args), dict), "tool-call arguments stay valid JSON"


def test_names_in_records_and_tables(stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder]) -> None:
    # a surname alone under a name field or a name column has no sentence for the tagger
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    args = json.dumps({"first_name": "Petra", "last_name": "Lange", "department": "Einkauf"})
    table = "| Mitarbeiter | Standort |\n|---|---|\n| Krause | Köln |\n| Sommer | Bonn |"
    body = {
        "model": "fake-model",
        "messages": [
            {"role": "user", "content": "Wer ist nächste Woche im Urlaub?"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": args}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": table},
        ],
        "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}],
    }  # fmt: skip
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    seen = json.dumps(fake.seen, ensure_ascii=False)
    for surname in ("Lange", "Krause", "Sommer"):
        assert surname not in seen, f"{surname} reached the model"
    assert "Einkauf" in seen and "Köln" in seen  # the rest of the record stays readable
    upstream_args = json.loads(fake.seen[-1]["messages"][1]["tool_calls"][0]["function"]["arguments"])
    assert upstream_args["last_name"].startswith("[PERSON_")  # still valid JSON, one field
    answer = response.json()["choices"][0]["message"]["content"]
    assert "Krause" in answer and "Sommer" in answer  # the caller reads the names back


def test_tool_results_written_as_escaped_json(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    # Python's json.dumps writes "Müller" as "M\u00fcller" and a line break as "\n": the
    # guard reads the values decoded and answers in the same JSON
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    record = {
        "kunde": "Jürgen Müller",
        "notiz": "Rückruf bei Frau Schäfer\nTel. 0171 2345678",
        "kommentar": "Termin mit Björn Ström\tund Anna Schulz",
    }
    body = tool_results("Fasse den Datensatz zusammen.", json.dumps(record))
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    sent = fake.seen[-1]["messages"][2]["content"]
    values = json.loads(sent)  # still valid JSON
    assert values["notiz"].startswith("Rückruf bei Frau [PERSON_")
    readable = json.dumps(values, ensure_ascii=False)
    for part in ("Jürgen", "Müller", "Schäfer", "0171", "Björn", "Ström", "Anna", "Schulz"):
        assert part not in readable, f"{part} reached the model"
    answer = response.json()["choices"][0]["message"]["content"]
    assert "Jürgen Müller" in answer and "Björn Ström" in answer  # restored as written


def test_tool_results_as_html_links_and_json_in_json(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    page = (
        "<p>Sehr geehrter Herr J&uuml;rgen M&uuml;ller,</p><p>Akte: <a href="
        "'https://crm.example.com/kunde?name=Bj%C3%B6rn+Str%C3%B6m&amp;ort=K%C3%B6ln'>"
        "Bj&ouml;rn Str&ouml;m</a>, Kontakt Anna&nbsp;Schulz</p>"
    )
    nested = json.dumps({"result": json.dumps({"kunde": "Frau Käthe Schäfer"})})
    body = tool_results("Was steht in der Akte?", page, nested)
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    sent_page, sent_nested = (m["content"] for m in fake.seen[-1]["messages"][2:4])
    readable = unquote_plus(html.unescape(sent_page)) + json.loads(json.loads(sent_nested)["result"])["kunde"]
    for part in ("Jürgen", "Müller", "Björn", "Ström", "Anna", "Schulz", "Käthe", "Schäfer"):
        assert part not in readable, f"{part} reached the model"
    assert "https://crm.example.com/kunde?name=[PERSON_" in sent_page  # the link stays a link
    answer = response.json()["choices"][0]["message"]["content"]
    assert "Jürgen Müller" in answer and "Björn Ström" in answer and "Käthe Schäfer" in answer


def test_names_decomposed_hidden_or_in_capitals(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    # macOS writes "ü" as "u" + U+0308, PDF copies hide soft hyphens and zero-width spaces
    # in names, legacy exports write in capitals
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    texts = [
        unicodedata.normalize("NFD", "Frau Schäfer hat die Rechnung von Björn Ström geprüft."),
        "Bitte ruf Herrn Mül\u00adler an, Kopie an Frau Sch\u200bmidt.",
        "DRINGEND: RECHNUNG VON BJÖRN STRÖM AN KARL-HEINZ VOGT WEITERLEITEN",
    ]
    body = {"model": "fake-model", "messages": [{"role": "user", "content": "\n".join(texts)}]}
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    raw_sent = fake.seen[-1]["messages"][0]["content"]
    fragment = re.search("\\][\u0300-\u036f\u00ad\u200b\\w]", raw_sent)
    assert fragment is None, "a name went out in pieces"  # "[PERSON_1]\u0308fer"
    sent = unicodedata.normalize("NFC", raw_sent)
    readable = re.sub("[\u00ad\u200b]", "", sent).casefold()
    for part in ("Schäfer", "Björn", "Ström", "Müller", "Schmidt", "Karl-Heinz", "Vogt"):
        assert part.casefold() not in readable, f"{part} reached the model"
    assert "geprüft" in sent and "DRINGEND: RECHNUNG VON [PERSON_" in sent  # the rest as written
    answer = response.json()["choices"][0]["message"]["content"]
    assert "Björn Ström" in answer and "Müller" in answer


CONTACT_CARD = """BEGIN:VCARD
VERSION:3.0
FN:Dr. Jürgen Vollmer
TEL;TYPE=CELL:0171 2345678
ADR;TYPE=HOME:;;Lindenweg 12;Bonn;;53111;Germany
BDAY:19710423
END:VCARD"""
INVITE = """BEGIN:VEVENT
SUMMARY:Jahresgespräch
ORGANIZER;CN=Thomas Berger:mailto:thomas.berger@firma.de
ATTENDEE;CN=Sabine Kowalczyk:mailto:s.kowalczyk@firma.de
END:VEVENT"""
CHAT_EXPORT = """[10:32] m.weber: hat jemand die Zahlen?
[10:33] kim.oberhauser: liegen in angebot_familie_yilmaz.pdf
Ticket #4471 reported by ravi.shankar"""


def test_contact_cards_invites_chat_exports_and_file_names(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    # what a CRM, a calendar or a chat tool hands over as a tool result: the personal values
    # stand in fields, handles and file names rather than sentences
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    body = tool_results("Fasse zusammen.", CONTACT_CARD, INVITE, CHAT_EXPORT)
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    card, invite, chat = (m["content"] for m in fake.seen[-1]["messages"][2:5])
    sent = "\n".join((card, invite, chat)).casefold()
    for part in (
        "Jürgen", "Vollmer", "2345678", "Lindenweg", "53111", "Bonn", "19710423", "Thomas",
        "Berger", "Sabine", "Kowalczyk", "weber", "oberhauser", "yilmaz", "ravi", "shankar",
    ):  # fmt: skip
        assert part.casefold() not in sent, f"{part} reached the model"
    # the formats stay readable: property names, parameters and the country as written
    assert "ORGANIZER;CN=[PERSON_" in invite and "\nATTENDEE;CN=" in invite
    assert card.startswith("BEGIN:VCARD") and "BDAY:[" in card and ";Germany" in card
    assert chat.startswith("[10:32] [PERSON_") and "angebot_familie_[PERSON_" in chat
    answer = response.json()["choices"][0]["message"]["content"]
    assert "m.weber" in answer and "Kowalczyk" in answer  # restored for the reader


def test_retrieved_context_is_protected_and_cited(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    body = {"model": "fake-model", "tresor_rag": {"collection": "contracts"},
            "messages": [{"role": "user", "content": "Who owns the 2026 contract?"}]}  # fmt: skip
    response = client.post("/v1/chat/completions", headers=headers(key), json=body)
    assert response.status_code == 200, response.text
    assert_no_raw_values(fake.seen)
    payload = response.json()
    assert payload["tresor_sources"][0]["path"] == "contracts/2026.pdf"
    assert PII["name_en"] in payload["choices"][0]["message"]["content"]


def test_embeddings_input_is_guarded(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
) -> None:
    client, key, _, embedder = stack
    response = client.post("/v1/embeddings", headers=headers(key),
                           json={"model": "echo-embed", "input": [f"Contact {PII['email']}", "plain text"]})  # fmt: skip
    assert response.status_code == 200, response.text
    assert len(response.json()["data"]) == 2
    assert_no_raw_values(embedder.seen)
    assert embedder.seen[-1] == "plain text"


def test_no_value_in_logs_or_audit(
    stack: tuple[TestClient, str, FakeUpstream, EchoEmbedder],
    guard: Any,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    client, key, fake, _ = stack
    fake.answer = echo_placeholders
    caplog.set_level(logging.DEBUG)
    canary_text = " ".join(PII.values())
    client.post("/v1/chat/completions", headers=headers(key, "canary"),
                json={"model": "fake-model", "messages": [{"role": "user", "content": canary_text}]})  # fmt: skip
    client.post("/v1/chat/completions", headers=headers(key, "canary"),
                json={"model": "fake-model", "stream": True, "messages": [{"role": "user", "content": canary_text}]})  # fmt: skip
    args = json.dumps({"to": PII["email"], "name": PII["name_en"]})
    every_path = {
        "model": "fake-model",
        "tresor_rag": {"collection": "contracts"},  # retrieved context holds PII too
        "messages": [
            {"role": "system", "content": f"You assist {PII['name_de']}."},
            {"role": "user", "content": [{"type": "text", "text": canary_text}]},
            {"role": "assistant", "content": f"Noted {PII['phone_de']}.", "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "send_mail", "arguments": args}}]},
            {"role": "tool", "tool_call_id": "c1", "content": f"Sent to {PII['email_de']} ({PII['ip']})."},
        ],
    }  # fmt: skip
    for stream in (False, True):
        sent = client.post("/v1/chat/completions", headers=headers(key, "canary"),
                           json={**every_path, "stream": stream})  # fmt: skip
        assert sent.status_code == 200, sent.text
    client.post("/v1/embeddings", headers=headers(key, "canary"),
                json={"model": "echo-embed", "input": [canary_text]})  # fmt: skip
    client.post(
        "/v1/chat/completions", headers=headers(key, "canary"), content=canary_text.encode()
    )  # broken JSON
    client.post("/v1/chat/completions", headers=headers(key, "canary"),
                json={"model": "nope", "messages": [{"role": "user", "content": canary_text}]})  # fmt: skip
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    audited = "\n".join(p.read_text() for p in guard.audit.path.parent.glob("audit*"))
    assert '"PERSON"' in audited and "canary" in audited, "decisions were audited"
    for label, value in PII.items():
        assert value not in logged, f"{label} in logs"
        assert value not in audited, f"{label} in audit"
    assert caplog.records, "the requests were logged (metadata only)"
