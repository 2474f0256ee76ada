"""PolicyGuard over the fake detector: every path, refusing, shadow mode, teams, fail closed,
retrieved context, output scanning, concurrency, hot reload, audit."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from guardrails.gateway import MAX_OVERRUN_FACTOR, GuardedRequest, PolicyGuard
from serving.errors import PolicyBlocked, ServiceUnavailable, error_body
from serving.stages import CallerContext, RetrievedChunk, SourceRef
from tests.unit.guard_fakes import BASIC_POLICY, FakeDetector, make_guard


def ctx(
    team: str = "web", conversation: str = "conv-1", key: str = "key-1", rid: str = "r1"
) -> CallerContext:
    return CallerContext(rid, key, team, ("everyone",), conversation)


@pytest.fixture
def guard(tmp_path: Path) -> Any:
    g = make_guard(tmp_path)
    yield g
    g.close()


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def audit_events(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "audit" / "audit.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


CHAT = [
    {"role": "system", "content": "Be brief. The operator is Jane Doe."},
    {"role": "user", "content": "I am Max Mustermann, mail max@firma.de, IBAN DE89 3704 0044 0532 0130 00."},
    {"role": "assistant", "content": "Hello Max Mustermann!", "tool_calls": [
        {"id": "c1", "type": "function", "function": {
            "name": "send_mail", "arguments": json.dumps({"to": "MAX@firma.de", "body": "Hi Erika Musterfrau"})}}]},
    {"role": "tool", "tool_call_id": "c1", "content": "delivered to max@firma.de, cc +49 30 1234567"},
    {"role": "user", "content": [{"type": "text", "text": "Pay DE89370400440532013000 from Erika Musterfrau."}]},
]  # fmt: skip
RAW = ["Jane Doe", "Max Mustermann", "max@firma.de", "MAX@firma.de", "DE89 3704 0044 0532 0130 00",
       "DE89370400440532013000", "Erika Musterfrau", "+49 30 1234567"]  # fmt: skip


def test_every_path_is_protected_and_placeholders_are_stable(guard: PolicyGuard) -> None:
    call = run(guard.guard_input(CHAT, ctx()))
    seen = json.dumps(call.messages)
    for raw in RAW:
        assert raw not in seen, raw
    m = call.messages
    assert m[0]["content"] == "Be brief. The operator is [PERSON_1]."
    assert m[1]["content"] == "I am [PERSON_2], mail [EMAIL_1], IBAN [IBAN_1]."
    assert m[2]["content"] == "Hello [PERSON_2]!"
    assert json.loads(m[2]["tool_calls"][0]["function"]["arguments"]) == {
        "to": "[EMAIL_1]",
        "body": "Hi [PERSON_3]",
    }
    assert m[3]["content"] == "delivered to [EMAIL_1], cc [PHONE_1]"
    assert m[4]["content"][0]["text"] == "Pay [IBAN_1] from [PERSON_3]."
    # the next request of the conversation (history re-sent) gets the very same tokens
    again = run(guard.guard_input(CHAT, ctx(rid="r2")))
    assert again.messages == call.messages
    assert CHAT[1]["content"].startswith("I am Max")  # the caller's messages are not changed


def test_answers_are_restored_for_the_caller(guard: PolicyGuard) -> None:
    call = run(guard.guard_input(CHAT, ctx()))
    answer = "Done, [PERSON_2]. Sent [IBAN_1] to [Person 3] at EMAIL_1."
    assert call.restore(answer) == (
        "Done, Max Mustermann. Sent DE89 3704 0044 0532 0130 00 to Erika Musterfrau at max@firma.de."
    )
    restorer = call.stream_restorer()
    chunks = ["Done, [PER", "SON_2]. Sent [IB", "AN_1] to [Person 3", "] at EMAIL_", "1."]
    assert "".join(restorer.feed(c) for c in chunks) + restorer.flush() == call.restore(answer)
    args = call.restore_json('{"to": "[EMAIL_1]", "who": ["[PERSON_2]"]}')
    assert json.loads(args) == {"to": "max@firma.de", "who": ["Max Mustermann"]}
    partial = call.restore_json('{"note": "[PERSON_2] says \\"hi')  # streamed, not JSON yet
    assert partial == '{"note": "Max Mustermann says \\"hi'


def test_conversations_and_keys_are_separate_scopes(guard: PolicyGuard) -> None:
    run(guard.guard_input(CHAT, ctx()))
    other = run(
        guard.guard_input([{"role": "user", "content": "Erika Musterfrau here"}], ctx(key="key-2"))
    )
    assert other.messages[0]["content"] == "[PERSON_1] here"
    # another caller cannot resolve the first caller's placeholders
    assert other.restore("[PERSON_2] and [EMAIL_1]") == "[PERSON_2] and [EMAIL_1]"
    assert other.restore("[PERSON_1]") == "Erika Musterfrau"


def test_user_text_that_looks_like_a_placeholder_is_kept_literal(guard: PolicyGuard) -> None:
    call = run(
        guard.guard_input(
            [{"role": "user", "content": "Template: Dear [PERSON_1], see PERSON_2"}], ctx()
        )
    )
    assert call.messages[0]["content"] == "Template: Dear [LITERAL_1], see [LITERAL_2]"
    assert call.restore("Dear [LITERAL_1]!") == "Dear [PERSON_1]!"


def test_blocked_entity_refuses_with_types_only(guard: PolicyGuard, tmp_path: Path) -> None:
    msg = [{"role": "user", "content": "Card 4111 1111 1111 1111 for Max Mustermann"}]
    with pytest.raises(PolicyBlocked) as info:
        run(guard.guard_input(msg, ctx()))
    status, body = error_body(info.value)
    assert status == 400 and body["error"]["code"] == "pii_blocked"
    assert "CREDIT_CARD" in body["error"]["message"]
    assert "4111" not in json.dumps(body) and "Mustermann" not in json.dumps(body)
    events = audit_events(tmp_path)
    assert {e["action"] for e in events} == {"block", "pseudonymize"}
    # nothing of the refused request went into the vault
    fresh = run(guard.guard_input([{"role": "user", "content": "Erika Musterfrau"}], ctx()))
    assert fresh.messages[0]["content"] == "[PERSON_1]"


def test_shadow_mode_changes_nothing_but_records(guard: PolicyGuard, tmp_path: Path) -> None:
    call = run(
        guard.guard_input(
            CHAT + [{"role": "user", "content": "4111 1111 1111 1111"}], ctx("shadow")
        )
    )
    assert call.messages == CHAT + [{"role": "user", "content": "4111 1111 1111 1111"}]
    events = audit_events(tmp_path)
    assert events and {e["mode"] for e in events} == {"shadow"}
    assert "block" in {e["action"] for e in events}


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ("masked", "IBAN " + "*" * 22 + "30 00."),
        ("redacted", "mail [REDACTED_EMAIL],"),
        ("hashed", "mail [EMAIL#"),
    ],
)
def test_team_actions(guard: PolicyGuard, team: str, expected: str) -> None:
    call = run(guard.guard_input(CHAT[:2], ctx(team)))
    assert expected in call.messages[1]["content"]


def test_restore_can_be_switched_off_per_team(guard: PolicyGuard) -> None:
    call = run(guard.guard_input(CHAT, ctx("norestore")))
    assert call.restore("Hi [PERSON_2]") == "Hi [PERSON_2]"
    # the caller sends the placeholders back in the history: they stay as they are
    again = run(
        guard.guard_input([{"role": "assistant", "content": "Hi [PERSON_2]"}], ctx("norestore"))
    )
    assert again.messages[0]["content"] == "Hi [PERSON_2]"


def test_retrieved_context_shares_the_request_scope(guard: PolicyGuard) -> None:
    call = run(guard.guard_input(CHAT[:2], ctx()))
    chunks = [
        RetrievedChunk(
            "Max Mustermann's manager is John Smith (+49 30 7654321).", SourceRef(1, title="HR")
        ),
        RetrievedChunk("Card on file: 4111 1111 1111 1111", SourceRef(2)),
    ]
    protected = run(guard.guard_context(call, chunks, ctx()))
    assert protected[0].text == "[PERSON_2]'s manager is [PERSON_3] ([PHONE_1])."
    assert protected[0].source.title == "HR"
    assert protected[1].text == "Card on file: [REDACTED_CARD]"  # block acts as redact here
    assert call.restore("Ask [PERSON_3] on [PHONE_1].") == "Ask John Smith on +49 30 7654321."


def test_output_scan_acts_on_identifiers_the_caller_did_not_provide(
    guard: PolicyGuard, tmp_path: Path
) -> None:
    call = run(guard.guard_input(CHAT[:2], ctx()))
    answer = "Write to evil@leak.com or max@firma.de, not [EMAIL_1]."
    restored = call.restore(answer)
    assert restored == "Write to [EMAIL_2] or max@firma.de, not max@firma.de."
    # the leaked value's placeholder is never restored, in this or a later request
    later = run(guard.guard_input([{"role": "assistant", "content": restored}], ctx(rid="r2")))
    assert later.messages[0]["content"] == "Write to [EMAIL_2] or [EMAIL_1], not [EMAIL_1]."
    assert later.restore("[EMAIL_2]") == "[EMAIL_2]"
    outputs = [e for e in audit_events(tmp_path) if e["direction"] == "output"]
    assert [(e["entity_type"], e["action"], e["path"]) for e in outputs] == [
        ("EMAIL_ADDRESS", "pseudonymize", "answer")
    ]
    streamed = call.stream_restorer()
    parts = [
        streamed.feed(c) for c in ["Write to evil@le", "ak.com or max@", "firma.de, not [EMAIL_1]."]
    ]
    assert "".join(parts) + streamed.flush() == restored


class _MissesInput(FakeDetector):
    """Finds nothing in what the caller sends; scans answers like the fake detector."""

    def detect(self, text: str, language: str) -> list[Any]:
        return []


def test_output_scan_leaves_values_the_caller_wrote_even_when_input_missed_them(
    tmp_path: Path,
) -> None:
    guard = make_guard(tmp_path, detector_factory=lambda _loaded: _MissesInput())
    try:
        sent = [{"role": "user", "content": "Tel.+49 30 1234567, mail max@firma.de"}]
        call = run(guard.guard_input(sent, ctx()))
        assert call.messages[0]["content"] == sent[0]["content"]  # the detector missed both
        answer = "You wrote +49 30 1234567 and max@firma.de; mine is evil@leak.com."
        assert call.restore(answer) == (
            "You wrote +49 30 1234567 and max@firma.de; mine is [EMAIL_1]."
        )
    finally:
        guard.close()


def test_detection_error_fails_closed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Max Mustermann max@firma.de"
    guard = make_guard(
        tmp_path, detector_factory=lambda _l: FakeDetector(fail=RuntimeError(secret))
    )
    try:
        with pytest.raises(ServiceUnavailable) as info:
            run(guard.guard_input([{"role": "user", "content": secret}], ctx()))
        assert error_body(info.value)[0] == 503
        assert "Mustermann" not in str(info.value)
        assert "Mustermann" not in caplog.text and "RuntimeError" in caplog.text
    finally:
        guard.close()


def test_detection_timeout_fails_closed_without_blocking_the_loop(tmp_path: Path) -> None:
    release = threading.Event()
    guard = make_guard(
        tmp_path, detector_factory=lambda _l: FakeDetector(delay=release), timeout_s=0.2
    )

    async def scenario() -> list[str]:
        order: list[str] = []

        async def other_request() -> None:
            await asyncio.sleep(0)
            order.append("loop free")

        task = asyncio.create_task(other_request())
        with pytest.raises(ServiceUnavailable):
            await guard.guard_input([{"role": "user", "content": "Max Mustermann"}], ctx())
        order.append("refused")
        await task
        return order

    try:
        assert run(scenario()) == ["loop free", "refused"]
    finally:
        release.set()
        guard.close()


class _StallingDetector(FakeDetector):
    """Hangs on texts containing "stall" until released; other texts are quick."""

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def detect(self, text: str, language: str) -> list[Any]:
        if "stall" in text:
            self.release.wait(30)
        return super().detect(text, language)


def test_overrunning_detections_do_not_starve_later_requests(tmp_path: Path) -> None:
    release = threading.Event()
    guard = make_guard(
        tmp_path, detector_factory=lambda _l: _StallingDetector(release), timeout_s=0.3
    )

    async def scenario() -> tuple[int, str]:
        refused = 0
        for _ in range(2):  # as many hanging texts as the pool has workers
            with pytest.raises(ServiceUnavailable):
                await guard.guard_input([{"role": "user", "content": "stall"}], ctx())
            refused += 1
        # both original workers are still stuck, yet an ordinary request goes through at once
        call = await guard.guard_input([{"role": "user", "content": "I am Jane Doe"}], ctx())
        return refused, call.messages[0]["content"]

    try:
        assert run(scenario()) == (2, "I am [PERSON_1]")
    finally:
        release.set()
        guard.close()


def test_guard_refuses_outright_once_too_many_detections_overran(tmp_path: Path) -> None:
    release = threading.Event()
    guard = make_guard(
        tmp_path, detector_factory=lambda _l: _StallingDetector(release), timeout_s=0.1
    )

    async def scenario() -> None:
        for _ in range(MAX_OVERRUN_FACTOR * 2):
            with pytest.raises(ServiceUnavailable):
                await guard.guard_input([{"role": "user", "content": "stall"}], ctx())
        with pytest.raises(ServiceUnavailable):  # saturated: refused without detection
            await guard.guard_input([{"role": "user", "content": "Jane Doe"}], ctx())
        release.set()
        await asyncio.sleep(0.2)  # the stuck detections finish
        call = await guard.guard_input([{"role": "user", "content": "Jane Doe"}], ctx())
        assert call.messages[0]["content"] == "[PERSON_1]"

    try:
        run(scenario())
    finally:
        release.set()
        guard.close()


def test_shadow_mode_scans_answers_but_changes_nothing(guard: PolicyGuard, tmp_path: Path) -> None:
    call = run(guard.guard_input(CHAT[:2], ctx("shadow")))
    answer = "Write to evil@leak.com or max@firma.de."
    assert call.restore(answer) == answer
    streamed = call.stream_restorer()
    first = streamed.feed("Write to evil@le")
    assert first == "Write to evil@le"  # nothing is held back for a scan that only reports
    assert first + streamed.feed("ak.com or max@firma.de.") + streamed.flush() == answer
    outputs = [e for e in audit_events(tmp_path) if e["direction"] == "output"]
    # the leaked address is recorded (twice: whole and streamed), the caller's own is not
    assert [(e["entity_type"], e["mode"]) for e in outputs] == [("EMAIL_ADDRESS", "shadow")] * 2


def test_concurrent_requests_of_one_conversation_agree(guard: PolicyGuard) -> None:
    names = ["Max Mustermann", "Erika Musterfrau", "John Smith", "Jane Doe", "Anna"]

    async def many() -> list[GuardedRequest]:
        requests = [
            guard.guard_input(
                [{"role": "user", "content": " / ".join(names[i % 5 :] + names[: i % 5])}],
                ctx(rid=f"r{i}"),
            )
            for i in range(20)
        ]
        return await asyncio.gather(*requests)

    calls = run(many())
    mapping: dict[str, str] = {}
    for call in calls:
        for token in call.messages[0]["content"].split(" / "):
            value = call.restore(token)
            assert mapping.setdefault(value, token) == token
    assert sorted(mapping) == sorted(names)
    assert len(set(mapping.values())) == len(names)


def test_policy_change_applies_to_the_next_request(guard: PolicyGuard, tmp_path: Path) -> None:
    before = run(guard.guard_input(CHAT[:2], ctx()))
    policy = tmp_path / "policy.yaml"
    stat = policy.stat()
    policy.write_text(
        BASIC_POLICY.replace(
            "EMAIL_ADDRESS: {action: pseudonymize}", "EMAIL_ADDRESS: {action: redact}"
        )
    )
    os.utime(policy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert guard.engine.store.check()
    after = run(guard.guard_input(CHAT[:2], ctx(rid="r2")))
    assert "[EMAIL_1]" in before.messages[1]["content"]
    assert "[REDACTED_EMAIL]" in after.messages[1]["content"]
    versions = {e["request_id"]: e["policy_version"] for e in audit_events(tmp_path)}
    assert versions["r1"] != versions["r2"] == after.policy_version


def test_audit_events_carry_context_but_never_values(guard: PolicyGuard, tmp_path: Path) -> None:
    run(guard.guard_input(CHAT, ctx(rid="req-77", conversation="conv-9")))
    events = audit_events(tmp_path)
    assert events
    for e in events:
        assert set(e) == {
            "time",
            "request_id",
            "team",
            "conversation_id",
            "direction",
            "path",
            "entity_type",
            "recognizer",
            "score",
            "action",
            "mode",
            "policy_version",
            "value_hmac",
            "language",
        }
        assert (e["request_id"], e["team"], e["conversation_id"]) == ("req-77", "web", "conv-9")
    raw = (tmp_path / "audit" / "audit.jsonl").read_text()
    for value in RAW:
        assert value not in raw
    by_value: dict[str, set[str]] = {}
    for e in events:
        by_value.setdefault(e["entity_type"], set()).add(e["value_hmac"])
    assert len(by_value["EMAIL_ADDRESS"]) == 1  # the same mailbox, written twice, correlates


def test_guard_context_needs_its_own_request(guard: PolicyGuard) -> None:
    with pytest.raises(TypeError):
        run(guard.guard_context(object(), [], ctx()))


def test_rotating_audit_keeps_backups(tmp_path: Path) -> None:
    from guardrails.audit import AuditEvent, RotatingAuditLog

    log = RotatingAuditLog(tmp_path, max_bytes=600, backups=2)
    event = AuditEvent(
        0.0,
        "r",
        "t",
        "c",
        "input",
        "p",
        "PERSON",
        "x",
        1.0,
        "pseudonymize",
        "enforce",
        "v",
        "h",
        "en",
    )
    for _ in range(12):
        log.write([event])
    log.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]
    assert all(p.stat().st_size <= 600 for p in tmp_path.iterdir())
