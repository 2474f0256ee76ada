"""The shipped tagger on OpenVINO against onnxruntime (the default): same names, close
probabilities, every window length, several threads at once."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np
import pytest

from guardrails.ner.engines import OnnxRuntimeEngine, OpenVinoEngine, open_engine
from guardrails.ner.model import PersonTagger

pytestmark = pytest.mark.integration

ARTIFACT = Path(__file__).resolve().parents[2] / "guardrails/ner/artifacts/tagger-e5s-l4"

TEXTS = [
    "Hallo Frau Müller, kannst du bitte Jonas Becker fragen?",
    "Termin mit Sabine Hoffmann am Montag um 10 Uhr in Frankfurt.",
    "Can you ask Priya Sharma whether the EKS upgrade is done?",
    "Best regards,\nEmily Clarke",
    "Wir deployen auf EKS und S3",
    # several windows: 40 sentences
    " ".join(
        f"Am {day}. März schrieb Katharina Wagner an Lukas Schmidt wegen Ticket OPS-{day}."
        for day in range(1, 41)
    ),
]


@pytest.fixture(scope="module")
def taggers() -> tuple[PersonTagger, PersonTagger]:
    return PersonTagger(ARTIFACT), PersonTagger(ARTIFACT, engine="openvino")


def test_engines_are_the_ones_asked_for(taggers: tuple[PersonTagger, PersonTagger]) -> None:
    default, openvino = taggers
    assert isinstance(default.engine, OnnxRuntimeEngine)
    assert isinstance(openvino.engine, OpenVinoEngine)


@pytest.mark.parametrize("text", TEXTS)
def test_openvino_finds_the_same_names_and_places(
    taggers: tuple[PersonTagger, PersonTagger], text: str
) -> None:
    default, openvino = taggers
    ours, theirs = default.tag_all(text), openvino.tag_all(text)
    assert [s[:2] for s in theirs.persons] == [s[:2] for s in ours.persons]
    assert [s[:2] for s in theirs.places] == [s[:2] for s in ours.places]
    a, b = default.probabilities(text), openvino.probabilities(text)
    assert a.offsets == b.offsets
    # int8 activations (onnxruntime) against bfloat16 (OpenVINO): near, not equal
    assert np.abs(a.p_begin - b.p_begin).max() < 0.15
    assert np.abs(a.p_inside - b.p_inside).max() < 0.15


@pytest.mark.parametrize("tokens", [1, 31, 32, 33, 100, 128, 140])
def test_padding_to_a_bucket_does_not_change_a_window(tokens: int) -> None:
    """A window padded (and masked) to its bucket reads as one of exactly its length."""
    model = ARTIFACT / "model.onnx"
    bucketed = OpenVinoEngine(model, max_tokens=128)
    exact = OpenVinoEngine(model, max_tokens=tokens)  # compiles exactly ``tokens`` last
    vectors = np.random.default_rng(tokens).normal(0, 0.05, (1, tokens, 384)).astype(np.float32)
    got, want = bucketed.logits(vectors), exact.logits(vectors)
    assert got.shape == (tokens, len(PersonTagger(ARTIFACT).config.labels))
    np.testing.assert_allclose(got, want, atol=0.05)


def test_threads_get_their_own_requests() -> None:
    engine = open_engine(ARTIFACT / "model.onnx", "openvino", max_tokens=128)
    rng = np.random.default_rng(0)
    inputs = [rng.normal(0, 0.05, (1, n, 384)).astype(np.float32) for n in (7, 40, 90, 128)]
    expected = [engine.logits(v) for v in inputs]
    failures: list[str] = []

    def work() -> None:
        for _ in range(15):
            for v, want in zip(inputs, expected, strict=True):
                if not np.array_equal(engine.logits(v), want):
                    failures.append(f"{v.shape[1]} tokens")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures


def test_the_setting_reaches_the_tagger() -> None:
    from guardrails.person_names import person_recognizers

    recognizers = person_recognizers(ARTIFACT, ["de", "en"], "openvino")
    tagger = recognizers["de"][0].tagger  # type: ignore[attr-defined]
    assert isinstance(tagger.engine, OpenVinoEngine)
    assert recognizers["en"][0].tagger is tagger  # type: ignore[attr-defined]


def test_openvino_failing_falls_back_to_onnxruntime(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("no CPU plugin")

    monkeypatch.setattr("guardrails.ner.engines.OpenVinoEngine", broken)
    with caplog.at_level(logging.WARNING, logger="guardrails.ner.engines"):
        engine = open_engine(ARTIFACT / "model.onnx", "openvino", max_tokens=128)
    assert isinstance(engine, OnnxRuntimeEngine)
    assert "OpenVINO cannot run the name tagger (RuntimeError); using onnxruntime" in caplog.text
