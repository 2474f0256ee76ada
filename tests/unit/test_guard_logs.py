"""Canary values through every guard path: none may appear in any log record (any level),
in the audit trail or in the vault file. The real-Presidio twin of this test is
``tests/integration/test_guard_logs.py``."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from pathlib import Path

import pytest

from serving.errors import PolicyBlocked, ServiceUnavailable
from serving.stages import CallerContext, RetrievedChunk, SourceRef
from tests.unit.guard_fakes import FakeDetector, make_guard

CANARY_NAME = "Canary Quillfeather"
CANARY_EMAIL = "canary.quill@leaktest.example.org"
CANARY_TEXT = "CANARYPROMPT-50817"
CANARY_CHUNK = "CANARYCHUNK-66210"
CANARY_CARD = "4111 1111 1111 1111"
CANARIES = [
    CANARY_NAME,
    CANARY_EMAIL,
    CANARY_TEXT,
    CANARY_CHUNK,
    "canary.quill",
    "Quillfeather",
    "4111111111111111",
]


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        parts.append(str(record.__dict__))
    return "\n".join(parts)


def test_no_canary_reaches_logs_audit_or_vault(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    detector = FakeDetector(names=[CANARY_NAME])
    guard = make_guard(tmp_path, detector_factory=lambda _l: detector)
    ctx = CallerContext("req-1", "key-1", "web", (), "conv-1")
    messages = [
        {"role": "system", "content": f"Operator {CANARY_NAME}. {CANARY_TEXT}"},
        {"role": "user", "name": "u", "content": [{"type": "text", "text": f"Mail {CANARY_EMAIL} {CANARY_TEXT}"}]},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "t", "type": "function", "function": {
            "name": "f", "arguments": json.dumps({"to": CANARY_EMAIL, "note": CANARY_TEXT})}}]},
        {"role": "tool", "tool_call_id": "t", "content": f"ok {CANARY_NAME}"},
    ]  # fmt: skip

    async def scenario() -> None:
        call = await guard.guard_input(messages, ctx)
        await guard.guard_context(
            call, [RetrievedChunk(f"{CANARY_CHUNK} {CANARY_NAME}", SourceRef(1))], ctx
        )
        call.restore(f"[PERSON_1] {CANARY_TEXT} leaked {CANARY_EMAIL.replace('canary', 'other')}")
        restorer = call.stream_restorer()
        for piece in ("[PERS", "ON_1] ", CANARY_TEXT, " other@leaktest.example.org "):
            restorer.feed(piece)
        restorer.flush()
        call.restore_json(json.dumps({"to": "[EMAIL_1]", "x": CANARY_TEXT}))
        call.restore_json('{"to": "[EMAIL_1]", "x": "' + CANARY_TEXT)
        with pytest.raises(PolicyBlocked) as blocked:
            await guard.guard_input(
                [{"role": "user", "content": f"{CANARY_CARD} {CANARY_NAME}"}], ctx
            )
        assert CANARY_NAME not in str(blocked.value) and "4111" not in str(blocked.value)

    try:
        asyncio.run(scenario())
        # detection failing with the text in its exception message
        detector.fail = RuntimeError(f"cannot parse {CANARY_TEXT} {CANARY_NAME}")
        with pytest.raises(ServiceUnavailable) as failed:
            asyncio.run(guard.guard_input([{"role": "user", "content": CANARY_TEXT}], ctx))
        assert CANARY_TEXT not in str(failed.value)
        # detection timing out
        detector.fail, detector.delay = None, threading.Event()
        guard._timeout = 0.1  # noqa: SLF001 - shorten the deadline for this one call
        with pytest.raises(ServiceUnavailable):
            asyncio.run(guard.guard_input([{"role": "user", "content": CANARY_TEXT}], ctx))
        detector.delay.set()
    finally:
        guard.close()

    logged = everything_logged(caplog)
    assert caplog.records, "the scenario logs something (refusals), so the check is not vacuous"
    audit = "".join(p.read_text() for p in (tmp_path / "audit").iterdir())
    assert audit.count("\n") >= 8
    vault = b"".join(p.read_bytes() for p in (tmp_path / "vault").iterdir())
    for canary in CANARIES:
        assert canary not in logged, canary
        assert canary not in audit, canary
        assert canary.encode() not in vault, canary
