"""Usefulness through the real guard (Presidio + spaCy + name rules, real vault): ordinary text
passes, surrogates are realistic enough for the detector itself, and the user's values come
back - whole, streamed and from retrieved context."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.gateway import GuardedRequest, PolicyGuard, build_guard
from guardrails.settings import GuardrailSettings
from guardrails.usefulness.datasets import load_ordinary
from guardrails.usefulness.runners import over_masking, policy_with_style
from serving.stages import CallerContext, RetrievedChunk, SourceRef

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
POLICY = REPO / "configs" / "policy.yaml"


def make_guard(root: Path, policy: Path) -> PolicyGuard:
    # the fallback name rules, whatever the tagger's artifact folder holds right now
    settings = GuardrailSettings(policy_file=policy, ner_artifact_dir=root / "no-tagger")
    return build_guard(settings, root / "data", environ={})


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyGuard]:
    guard = make_guard(tmp_path_factory.mktemp("shipped"), POLICY)
    yield guard
    guard.close()


@pytest.fixture(scope="module", params=["tokens", "surrogates"])
def styled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PolicyGuard]:
    root = tmp_path_factory.mktemp(request.param)
    guard = make_guard(root, policy_with_style(POLICY, request.param, root / "policy.yaml"))
    yield guard
    guard.close()


def protect(
    guard: PolicyGuard, text: str, conversation: str = "c1", team: str = "web"
) -> GuardedRequest:
    ctx = CallerContext("r", "k", team, (), conversation)
    return asyncio.run(guard.guard_input([{"role": "user", "content": text}], ctx))


def seen(call: GuardedRequest) -> str:
    content = call.messages[0]["content"]
    assert isinstance(content, str)
    return content


def streamed(call: GuardedRequest, answer: str, size: int = 3) -> str:
    restorer = call.stream_restorer()
    parts = [restorer.feed(answer[i : i + size]) for i in range(0, len(answer), size)]
    return "".join(parts) + restorer.flush()


def test_shipped_policy_leaves_the_ordinary_dev_set_untouched(shipped: PolicyGuard) -> None:
    report = over_masking(shipped, load_ordinary())
    assert report.meets_target, report.altered_ids


def has_word(text: str, value: str) -> bool:
    """``value`` occurs in ``text`` as a word of its own: a drawn surrogate may contain its
    letters ("Annamaria Seifert" for "Anna Schmidt") without revealing it."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


ORIGINALS = ["Anna Schmidt", "anna.schmidt@firma-nord.de", "030 1234567",
             "DE89 3704 0044 0532 0130 00"]  # fmt: skip
MESSAGE = (f"Bitte schreibe an {ORIGINALS[0]} ({ORIGINALS[1]}, Tel. {ORIGINALS[2]}), "
           f"IBAN {ORIGINALS[3]}.")  # fmt: skip


def test_the_model_sees_none_of_the_values(styled: PolicyGuard) -> None:
    text = seen(protect(styled, MESSAGE))
    for value in (*ORIGINALS, "Anna", "Schmidt", "1234567", "0532"):
        assert not has_word(text, value), value


def test_surrogates_are_realistic_enough_for_the_detector(tmp_path: Path) -> None:
    """Every surrogate of a value is itself detected as that kind by the real detector."""
    guard = make_guard(tmp_path, policy_with_style(POLICY, "surrogates", tmp_path / "p.yaml"))
    tokens = make_guard(tmp_path / "t", POLICY)
    try:
        surrogate_text = seen(
            protect(guard, MESSAGE + " Karte 4111 1111 1111 1111, Server 10.1.2.3.")
        )
        assert not re.search(r"\[[A-Z_]+_\d+\]", surrogate_text)  # no typed token left
        again = seen(protect(tokens, surrogate_text, "fresh"))
        for label in ("PERSON", "EMAIL", "PHONE", "IBAN", "CARD", "IP"):
            assert f"[{label}_1]" in again, label
    finally:
        guard.close()
        tokens.close()


def test_answers_come_back_in_the_users_values_whole_and_streamed(styled: PolicyGuard) -> None:
    call = protect(styled, MESSAGE)
    text = seen(call)
    answer = f"Gern. {text} Viele Grüße"
    restored = f"Gern. {MESSAGE} Viele Grüße"
    assert call.restore(answer) == restored
    assert streamed(call, answer) == restored


def test_surrogate_forms_the_model_changes_are_mapped_back(tmp_path: Path) -> None:
    guard = make_guard(tmp_path, policy_with_style(POLICY, "surrogates", tmp_path / "p.yaml"))
    try:
        call = protect(guard, "Write a short note to Anna Schmidt about the budget.")
        name = seen(call).split(" to ", 1)[1].split(" about")[0]
        first, last = name.split()
        answer = f"Dear {first}, ... {last}'s budget ... {name.upper()} approved."
        expected = "Dear Anna, ... Schmidt's budget ... Anna Schmidt approved."
        assert call.restore(answer) == expected
        assert streamed(call, answer, 2) == expected
    finally:
        guard.close()


def test_conversation_keeps_its_surrogates_and_scopes_do_not_share(tmp_path: Path) -> None:
    guard = make_guard(tmp_path, policy_with_style(POLICY, "surrogates", tmp_path / "p.yaml"))
    try:
        first = seen(protect(guard, "Bitte an Anna Schmidt weiterleiten.", "conv-a"))
        history = [
            {"role": "user", "content": "Bitte an Anna Schmidt weiterleiten."},
            {"role": "assistant", "content": "Erledigt, Anna Schmidt hat es."},
            {"role": "user", "content": "Und an Jonas Becker?"},
        ]
        ctx = CallerContext("r2", "k", "web", (), "conv-a")
        call = asyncio.run(guard.guard_input(history, ctx))
        assert call.messages[0]["content"] == first
        other = seen(protect(guard, "Bitte an Anna Schmidt weiterleiten.", "conv-b"))
        assert other != first
    finally:
        guard.close()


def test_team_can_choose_its_style(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    text = POLICY.read_text(encoding="utf-8").replace(
        "  research:\n", "  research:\n    pseudonym_style: tokens\n"
    )
    policy.write_text(text, encoding="utf-8")
    guard = make_guard(tmp_path, policy_with_style(policy, "surrogates", tmp_path / "s.yaml"))
    try:
        assert "[PERSON_1]" in seen(protect(guard, "Ask Anna Schmidt.", team="research"))
        assert "[PERSON_1]" not in seen(protect(guard, "Ask Anna Schmidt.", team="web"))
    finally:
        guard.close()


def test_rag_answers_restore_values_from_retrieved_context(styled: PolicyGuard) -> None:
    call = protect(styled, "Who approves travel expenses?")
    chunk = RetrievedChunk("Reisekosten genehmigt Petra Neumann, petra.neumann@firma-nord.de.",
                           SourceRef(index=1, title="Richtlinie"))  # fmt: skip
    ctx = CallerContext("r", "k", "web", (), "c1")
    [guarded] = asyncio.run(styled.guard_context(call, [chunk], ctx))
    assert not has_word(guarded.text, "Petra") and "petra.neumann" not in guarded.text
    answer = f"According to the policy: {guarded.text}"
    expected = f"According to the policy: {chunk.text}"
    assert call.restore(answer) == expected
    assert streamed(call, answer) == expected


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("Anna Schmidt wohnt in Bad Tölz und arbeitet in München.", "Bad Tölz"),
        ("My colleague John Smith grew up in Leeds.", "Leeds"),
        ("Which airports near Frankfurt fly to Singapore?", None),
        ("Die Lieferung kommt aus China.", None),
    ],
)
def test_places_are_protected_only_when_tied_to_a_person(
    shipped: PolicyGuard, text: str, personal: str | None
) -> None:
    visible = seen(protect(shipped, text, f"p-{abs(hash(text))}"))
    if personal is None:
        assert visible == text
    else:
        assert personal not in visible
        assert visible.replace(personal, "") != text.replace(personal, "")  # something stands there
