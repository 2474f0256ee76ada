"""Canary values through the real guard (Presidio, spaCy, vault, audit) at DEBUG level:
no log record of any library, no audit line and no vault byte contains one."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from guardrails.gateway import build_guard
from guardrails.settings import GuardrailSettings
from serving.errors import PolicyBlocked
from serving.stages import CallerContext, RetrievedChunk, SourceRef

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

CANARIES = {
    "name": "Quentin Farnsworthy",
    "email": "quentin.farnsworthy@canary-mail.example.org",
    "iban": "DE02 1203 0000 0000 2020 51",
    "phone": "+49 30 90182764",
    "taxid": "86095742719",
    "text": "CANARYSENTENCE-31337",
    "chunk": "CANARYCHUNK-27182",
}


def test_canaries_never_reach_logs_audit_or_vault(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = GuardrailSettings(
        policy_file=REPO / "configs" / "policy.yaml", ner_artifact_dir=tmp_path / "no-tagger"
    )
    guard = build_guard(settings, tmp_path / "data", environ={})
    c = CANARIES
    ctx = CallerContext("req", "key", "web", (), "conv")
    messages = [
        {"role": "system", "content": f"Operator is {c['name']}. {c['text']}"},
        {"role": "user", "content": f"Mail {c['email']}, IBAN {c['iban']}, phone {c['phone']}. {c['text']}"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "t1", "type": "function", "function": {
            "name": "send", "arguments": json.dumps({"to": c["email"], "body": c["text"]})}}]},
        {"role": "tool", "tool_call_id": "t1", "content": f"Steuer-ID {c['taxid']} für {c['name']}"},
    ]  # fmt: skip

    async def scenario() -> None:
        call = await guard.guard_input(messages, ctx)
        await guard.guard_context(
            call, [RetrievedChunk(f"{c['chunk']} {c['name']}", SourceRef(1))], ctx
        )
        call.restore(f"[PERSON_1] {c['text']} and leaked other.person@canary-mail.example.org")
        restorer = call.stream_restorer()
        for piece in ("[EMA", "IL_1] ", c["text"], " +49 30 ", "55501234 ok"):
            restorer.feed(piece)
        restorer.flush()
        call.restore_json(json.dumps({"x": c["text"], "to": "[EMAIL_1]"}))
        with pytest.raises(PolicyBlocked):
            await guard.guard_input(
                [{"role": "user", "content": f"card 4111 1111 1111 1111 {c['name']}"}],
                CallerContext("req2", "key", "payments", (), "conv"),
            )

    try:
        asyncio.run(scenario())
        # an invalid policy change is logged (file, key, reason) - with no request text in it
        policy = tmp_path / "policy.yaml"
        policy.write_text("entities: {PERSON: {action: nope}}\n")
        guard.engine.store._path = policy  # noqa: SLF001 - point the store at a broken file
        guard.engine.store.check()
    finally:
        guard.close()

    assert any(r.levelno >= logging.ERROR for r in caplog.records)  # the refused change
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__!r}" for r in caplog.records)
    audit = "".join(p.read_text() for p in (tmp_path / "data" / "audit").iterdir())
    vault = b"".join(p.read_bytes() for p in (tmp_path / "data" / "vault").iterdir())
    assert audit.count("\n") >= 8
    for canary in [
        *CANARIES.values(),
        "Farnsworthy",
        "DE02120300000000202051",
        "90182764",
        "4111 1111 1111 1111",
        "other.person",
    ]:
        assert canary not in logged, canary
        assert canary not in audit, canary
        assert canary.encode() not in vault, canary
