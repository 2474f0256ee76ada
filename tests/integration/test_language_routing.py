"""Language routing with the real guard (Presidio, spaCy, shipped policy): a German passage in an
English-led message gets the German recognizers, so its tax number never reaches the model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.engine import GuardEngine, load_engine
from guardrails.gateway import PolicyGuard, build_guard
from guardrails.settings import GuardrailSettings
from serving.stages import CallerContext, RetrievedChunk, SourceRef
from tests.conftest import REPO

pytestmark = pytest.mark.integration

TAX_NUMBER = "181/815/08155"
MIXED = (
    "Hi team, the quarterly numbers are attached and I will send the rest of the files to you "
    "and the others in the group later this week. "
    # Presidio's German recognizer reads it beside "Finanzamt"; no English one knows the word
    f"Das Finanzamt führt mich unter {TAX_NUMBER}, bitte an die Buchhaltung weitergeben."
)


@pytest.fixture(scope="module")
def engine() -> Iterator[GuardEngine]:
    e = load_engine(GuardrailSettings(policy_file=REPO / "configs" / "policy.yaml", detection_cache_size=0))
    yield e
    e.close()


def _types(engine: GuardEngine, language: str | None) -> set[str]:
    analysis = engine.analyze(MIXED, language=language)
    return {d.finding.entity_type for d in analysis.decisions if d.action != "allow"}


def test_the_german_run_of_an_english_message_gets_german_recognizers(engine: GuardEngine) -> None:
    assert engine.languages.detect(MIXED) == "en"  # the message as a whole reads as English
    assert "DE_TAX_NUMBER" not in _types(engine, "en")  # English recognizers alone miss it
    analysis = engine.analyze(MIXED)
    assert analysis.language == "en"
    assert "DE_TAX_NUMBER" in {d.finding.entity_type for d in analysis.decisions}


@pytest.fixture()
def guard(tmp_path: Path) -> Iterator[PolicyGuard]:
    g = build_guard(GuardrailSettings(policy_file=REPO / "configs" / "policy.yaml"), tmp_path, environ={})
    yield g
    g.close()


def test_the_model_never_sees_the_tax_number_and_the_caller_gets_it_back(guard: PolicyGuard) -> None:
    ctx = CallerContext("r1", "key-routing", "web", ("everyone",), "conv-routing")
    guarded = guard.protect_messages([{"role": "user", "content": MIXED}], ctx)
    sent = guarded.messages[0]["content"]
    assert TAX_NUMBER not in sent and "[TAX_NUMBER_1]" in sent
    assert guarded.restore(sent) == MIXED


def test_each_retrieved_chunk_gets_its_own_language(guard: PolicyGuard) -> None:
    ctx = CallerContext("r2", "key-routing", "web", ("everyone",), "conv-chunks")
    call = guard.protect_messages([{"role": "user", "content": "Who handles the tax paperwork?"}], ctx)
    chunks = [
        RetrievedChunk("The finance team handles all tax paperwork for the company.", SourceRef(1, "Finance")),
        RetrievedChunk(f"Die Steuernummer der Firma lautet {TAX_NUMBER}, zuständig ist die Buchhaltung.",
                       SourceRef(2, "Buchhaltung")),
    ]  # fmt: skip
    protected = guard.protect_chunks(call, chunks)
    assert protected[0].text == chunks[0].text
    assert TAX_NUMBER not in protected[1].text and "[TAX_NUMBER_1]" in protected[1].text


def test_an_answer_s_identifier_counts_its_context_words(guard: PolicyGuard) -> None:
    ctx = CallerContext("r3", "key-routing", "web", ("everyone",), "conv-answer")
    guarded = guard.protect_messages([{"role": "user", "content": "Welche Steuernummer nehme ich?"}], ctx)
    answer = f"Bitte nutzen Sie die Steuernummer {TAX_NUMBER} der Firma."
    restored = guarded.restore(answer)
    # the caller never provided it: the policy acts on it, as on the same text sent in
    assert TAX_NUMBER not in restored and restored.startswith("Bitte nutzen Sie die Steuernummer ")
    streamed = guarded.stream_restorer()
    pieces = [streamed.feed(answer[i : i + 4]) for i in range(0, len(answer), 4)]
    assert "".join(pieces) + streamed.flush() == restored
