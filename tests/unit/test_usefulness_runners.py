"""Runner plumbing with the shared fakes (the integration tests run the same code for real)."""

from __future__ import annotations

from pathlib import Path

import httpx
import yaml

from guardrails.usefulness.datasets import ExpectedValue, OrdinaryCase, RestoreCase
from guardrails.usefulness.runners import (
    DEFAULT_ARMS,
    STYLE_KEY,
    Arm,
    ask,
    over_masking,
    policy_with_style,
    repeated,
    restore_report,
    visible_texts,
)
from tests.fakes import FakeUpstream, SwapGuard


async def test_ask_joins_streamed_deltas_like_the_whole_answer() -> None:
    upstream = FakeUpstream(answer=lambda _m: "Hallo Anna Schmidt, willkommen!", chunk_size=4)
    async with httpx.AsyncClient(transport=upstream.transport(), base_url="http://fake") as client:
        body = {"model": "fake-model", "messages": [{"role": "user", "content": "x"}]}
        whole = await ask(client, "/v1/chat/completions", {**body, "stream": False})
        streamed = await ask(client, "/v1/chat/completions", {**body, "stream": True})
    assert whole == streamed == "Hallo Anna Schmidt, willkommen!"


async def test_a_stream_error_event_is_an_error_not_a_short_answer() -> None:
    upstream = FakeUpstream(answer=lambda _m: "abcdefghij", chunk_size=2, fail_stream_after=2)
    async with httpx.AsyncClient(transport=upstream.transport(), base_url="http://fake") as client:
        body = {
            "model": "fake-model",
            "messages": [{"role": "user", "content": "x"}],
            "stream": True,
        }
        try:
            await ask(client, "/v1/chat/completions", body)
        except RuntimeError:
            pass
        else:
            raise AssertionError("an error event must not pass as an answer")


async def test_visible_texts_are_what_the_guard_forwards() -> None:
    guard = SwapGuard({"Kafka": "[PERSON_1]"})
    seen = await visible_texts(guard, ["Explain Kafka.", "Explain Redis."])
    assert seen == ["Explain [PERSON_1].", "Explain Redis."]


def test_over_masking_runs_the_guard_over_every_case() -> None:
    cases = [OrdinaryCase("a", "en", "Explain Kafka."), OrdinaryCase("b", "en", "Explain Redis.")]
    report = over_masking(SwapGuard({"Kafka": "[PERSON_1]"}), cases)
    assert report.altered_ids == ("a",) and report.share == 0.5


def test_policy_with_style_changes_only_the_style(tmp_path: Path) -> None:
    base = tmp_path / "policy.yaml"
    base.write_text("version: 1\nentities:\n  PERSON: {action: pseudonymize}\n", encoding="utf-8")
    out = policy_with_style(base, "surrogates", tmp_path / "out" / "p.yaml")
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "entities": {"PERSON": {"action": "pseudonymize"}},
        STYLE_KEY: "surrogates",
    }


def test_default_arms_pair_every_tresor_arm_with_direct_in_its_mode() -> None:
    names = [a.name for a in DEFAULT_ARMS]
    assert names == [
        "direct/whole",
        "direct/stream",
        "tresor-tokens/whole",
        "tresor-tokens/stream",
        "tresor-surrogates/whole",
        "tresor-surrogates/stream",
    ]
    cases = [RestoreCase("a", "en", "p", (ExpectedValue("PERSON", "Anna Schmidt"),))]
    answers: dict[str, dict[str, str | None]] = {name: {"a": "Anna Schmidt"} for name in names}
    report = restore_report(cases, answers, DEFAULT_ARMS)
    assert dict(report.comparisons)["tresor-surrogates/stream"] == "direct/stream"
    assert all(report.verdicts().values())
    assert Arm("tresor", False, "tokens").baseline == "direct/whole"


def test_repeats_ask_each_case_in_its_own_conversation() -> None:
    cases = [RestoreCase("a", "en", "p", (ExpectedValue("PERSON", "Anna Schmidt"),))]
    assert [c.id for c in repeated(cases, 3)] == ["a#0", "a#1", "a#2"]
    assert repeated(cases, 1) == cases
