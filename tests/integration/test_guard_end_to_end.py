"""A recording "model" behind the real guard (Presidio + spaCy, shipped policy): over a
multi-turn chat with tool calls, tool results and retrieved context, no raw value of the PII
corpus reaches the model, and the caller gets every value back, streamed or not."""

from __future__ import annotations

import asyncio
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrails.gateway import PolicyGuard, build_guard
from guardrails.settings import GuardrailSettings
from serving.stages import CallerContext, RetrievedChunk, SourceRef

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

# (message, values it carries): German and English, every kind the default policy protects
CORPUS: list[tuple[str, list[str]]] = [
    ("Hi, I'm John Smith, reach me at john.smith@example.com.", ["John Smith", "john.smith@example.com"]),
    ("Call Sarah Connor on +1 212-555-0199 about the invoice.", ["Sarah Connor", "+1 212-555-0199"]),
    ("Transfer it to GB82 WEST 1234 5698 7654 32 please.", ["GB82 WEST 1234 5698 7654 32"]),
    ("The card 4111 1111 1111 1111 was charged twice.", ["4111 1111 1111 1111"]),
    ("Our VPN gateway is 10.20.30.40 and the SSN on file is 078-05-1120.", ["10.20.30.40", "078-05-1120"]),
    ("Ship it to 221 Baker Street, London.", ["221 Baker Street"]),
    ("Hallo, ich bin Anna Schmidt, meine E-Mail ist anna.schmidt@firma.de.", ["Anna Schmidt", "anna.schmidt@firma.de"]),
    ("Bitte überweisen Sie auf DE89 3704 0044 0532 0130 00.", ["DE89 3704 0044 0532 0130 00"]),
    ("Meine Steuer-ID ist 86095742719 und meine Telefonnummer 030 12345678.", ["86095742719", "030 12345678"]),
    ("Herr Becker wohnt in der Lindenstraße 12, 50674 Köln.", ["Becker", "Lindenstraße 12"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyGuard]:
    root = tmp_path_factory.mktemp("e2e")
    settings = GuardrailSettings(
        policy_file=REPO / "configs" / "policy.yaml", ner_artifact_dir=root / "no-tagger"
    )
    g = build_guard(settings, root / "data", environ={})
    yield g
    g.close()


TOKEN = re.compile(r"\[[A-Z_]+_\d+\]")


class RecordingModel:
    """Records every message it is sent; answers by repeating the placeholders it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def complete(self, messages: list[dict[str, Any]]) -> str:
        self.seen.append(json.dumps(messages, ensure_ascii=False))
        last_user = next(m for m in reversed(messages) if m["role"] == "user")
        return "Noted: " + ", ".join(TOKEN.findall(json.dumps(last_user))) + "."


def _chunks(text: str, rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(text):
        step = rng.randint(1, 6)
        out.append(text[i : i + step])
        i += step
    return out


def test_no_raw_value_reaches_the_model_and_the_caller_gets_all_back(guard: PolicyGuard) -> None:
    model = RecordingModel()
    rng = random.Random(3)
    ctx = CallerContext("r0", "key-e2e", "web", ("everyone",), "conv-e2e")
    history: list[dict[str, Any]] = [{"role": "system", "content": "You are a helpful assistant."}]
    all_values: list[str] = []

    async def turn(i: int, text: str, values: list[str]) -> None:
        context_text, context_values = CORPUS[(i + 5) % len(CORPUS)]
        user = {"role": "user", "content": [{"type": "text", "text": text}]}
        tool_text, tool_values = CORPUS[(i + 3) % len(CORPUS)]
        tool_call = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": f"call{i}",
                    "type": "function",
                    "function": {"name": "lookup", "arguments": json.dumps({"query": tool_text})},
                }
            ],
        }
        tool_result = {"role": "tool", "tool_call_id": f"call{i}", "content": tool_text}
        request = [*history, tool_call, tool_result, user]
        call = await guard.guard_input(
            request, CallerContext(f"r{i}", ctx.key_id, ctx.team, ctx.groups, ctx.conversation_id)
        )
        chunks = await guard.guard_context(call, [RetrievedChunk(context_text, SourceRef(1))], ctx)
        answer = model.complete([*call.messages, {"role": "system", "content": chunks[0].text}])
        # non-streaming and streaming answers restore alike
        restored = call.restore(answer)
        restorer = call.stream_restorer()
        streamed = "".join(restorer.feed(c) for c in _chunks(answer, rng)) + restorer.flush()
        assert streamed == restored
        for value in values:
            assert value in restored, (value, restored)
        args = call.restore_json(json.dumps({"to": TOKEN.findall(answer)}))
        assert all(not TOKEN.fullmatch(v) for v in json.loads(args)["to"])
        history.extend([user, {"role": "assistant", "content": restored}])
        all_values.extend(values + tool_values + context_values)

    for i, (text, values) in enumerate(CORPUS):
        asyncio.run(turn(i, text, values))

    assert len(model.seen) == len(CORPUS)
    for sent in model.seen:
        for value in set(all_values):
            assert value not in sent, value


def test_a_place_protected_in_an_earlier_turn_is_protected_in_the_next(guard: PolicyGuard) -> None:
    # a chat resends its history: the bare "Leipzig" of this turn would give away the
    # earlier "Ich wohne in Leipzig"
    ctx = CallerContext("r-spread", "key-e2e", "web", ("everyone",), "conv-spread")
    history = [
        {"role": "user", "content": "Ich wohne in Leipzig, in der Nähe vom Zoo."},
        {"role": "assistant", "content": "Schön, wie kann ich helfen?"},
        {"role": "user", "content": "Leipzig ist im Sommer schön. Wohin am Wochenende?"},
    ]
    call = asyncio.run(guard.guard_input(history, ctx))
    sent = json.dumps(call.messages, ensure_ascii=False)
    assert "Leipzig" not in sent
    placeholder = TOKEN.search(call.messages[-1]["content"])
    assert placeholder is not None and placeholder.group() in call.messages[0]["content"]
    assert call.restore(f"Rund um {placeholder.group()} gibt es viele Seen.") == (
        "Rund um Leipzig gibt es viele Seen."
    )


def test_a_place_protected_in_the_messages_is_protected_in_the_retrieved_context(
    guard: PolicyGuard,
) -> None:
    # the excerpt alone reads "Leipzig" as a city (allowed); next to the question it would
    # give away where the user lives
    ctx = CallerContext("r-context", "key-e2e", "web", ("everyone",), "conv-context")
    question = [{"role": "user", "content": "Ich wohne in Leipzig. Welche Filiale ist zuständig?"}]
    call = asyncio.run(guard.guard_input(question, ctx))
    excerpt = RetrievedChunk("Für Leipzig und Halle ist die Filiale Mitte zuständig.", SourceRef(1))
    (chunk,) = asyncio.run(guard.guard_context(call, [excerpt], ctx))
    placeholder = TOKEN.search(call.messages[0]["content"])
    assert placeholder is not None
    assert "Leipzig" not in chunk.text and placeholder.group() in chunk.text
    assert "Halle" in chunk.text  # other places of the excerpt stay
    assert call.restore(chunk.text) == excerpt.text


@pytest.fixture(scope="module")
def tagged_guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyGuard]:
    """The guard as shipped: the policy and the trained name tagger."""
    root = tmp_path_factory.mktemp("e2e-tagged")
    settings = GuardrailSettings(policy_file=REPO / "configs" / "policy.yaml")
    g = build_guard(settings, root / "data", environ={})
    yield g
    g.close()


def test_one_person_gets_one_placeholder_and_the_caller_reads_the_full_name(
    tagged_guard: PolicyGuard,
) -> None:
    ctx = CallerContext("r-alias", "key-e2e", "web", ("everyone",), "conv-alias")
    mail = (
        "Von: Brückner, Ines <ines.b@kunde.de>\nGesendet: Montag\nBetreff: Frage\n\n"
        "Hallo Herr Okoro, wer übernimmt? Gruß, Ines Brückner\n\n"
        "Bitte eine Antwort an Frau Brückner entwerfen."
    )
    call = asyncio.run(tagged_guard.guard_input([{"role": "user", "content": mail}], ctx))
    sent = call.messages[0]["content"]
    assert "Brückner" not in sent and "Ines" not in sent
    tokens = TOKEN.findall(sent)
    # the header's, the closing's and the request's mention: one person, one placeholder
    writer = TOKEN.search(sent.split("Frau ")[-1])
    assert writer is not None and tokens.count(writer.group()) == 3
    assert call.restore(f"Sehr geehrte Frau {writer.group()},") == "Sehr geehrte Frau Ines Brückner,"


def test_two_people_sharing_a_surname_keep_their_own_placeholders(
    tagged_guard: PolicyGuard,
) -> None:
    ctx = CallerContext("r-alias2", "key-e2e", "web", ("everyone",), "conv-alias2")
    text = "Tom Brandt und Ute Brandt kommen. Herr Brandt bringt den Schlüssel."
    call = asyncio.run(tagged_guard.guard_input([{"role": "user", "content": text}], ctx))
    assert len(set(TOKEN.findall(call.messages[0]["content"]))) == 3


def test_with_surrogates_a_surname_alone_reads_as_the_surrogate_s_surname(
    tmp_path: Path,
) -> None:
    policy = tmp_path / "policy.yaml"
    shipped = (REPO / "configs" / "policy.yaml").read_text(encoding="utf-8")
    policy.write_text(
        shipped.replace("pseudonym_style: tokens", "pseudonym_style: surrogates"), encoding="utf-8"
    )
    guard = build_guard(GuardrailSettings(policy_file=policy), tmp_path / "data", environ={})
    try:
        ctx = CallerContext("r-alias3", "key-e2e", "web", ("everyone",), "conv-alias3")
        text = "Gruß, Ines Brückner\n\nBitte eine Antwort an Frau Brückner entwerfen."
        call = asyncio.run(guard.guard_input([{"role": "user", "content": text}], ctx))
        sent = call.messages[0]["content"]
        assert "Brückner" not in sent and "Ines" not in sent
        first, last = sent.split("Gruß, ")[1].split("\n")[0].split()
        assert f"Frau {last} entwerfen" in sent  # the surrogate's surname, not its full name
        assert call.restore(f"Sehr geehrte Frau {last}, liebe {first}") == (
            "Sehr geehrte Frau Brückner, liebe Ines"
        )
    finally:
        guard.close()
