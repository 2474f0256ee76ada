"""The name tagger's worker threads (``guardrails.ner_workers``): the real artifact gives the
same probabilities and the real guardrail the same findings as on the request's thread,
with windows really running on the workers, from many requests at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from guardrails.engine import load_engine
from guardrails.ner.model import PersonTagger
from guardrails.settings import GuardrailSettings
from tests.integration.test_person_mentions import POLICY

pytestmark = pytest.mark.integration

ARTIFACT = Path(__file__).resolve().parents[2] / "guardrails/ner/artifacts/tagger-e5s-l4"

GERMAN = (
    "Hallo Frau Müller, der Bericht für das Projekt liegt im SharePoint. "
    "Bitte gib Jonas Becker Bescheid, er prüft ihn am Montag mit Sabine Hoffmann. "
)
ENGLISH = (
    "Hi Emily, the quarterly report is in Confluence and Priya Sharma reviews it on Friday. "
    "Please ask John O'Brien to send the numbers to anna.schmidt@example.com today. "
)
#: one sentence far longer than a window: windows overlap instead of ending at a sentence
RUN_ON = "und dann hat Katharina Wagner " + "den Bericht noch einmal geprüft " * 60 + "."
TEXTS = [GERMAN * 12, ENGLISH * 12, RUN_ON, GERMAN, "Danke!", ""]


class _RecordingEngine:
    """Wraps the tagger's engine and notes the thread each window ran on."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.threads: list[str] = []

    def logits(self, vectors: Any) -> Any:
        self.threads.append(threading.current_thread().name)
        return self._engine.logits(vectors)


@pytest.fixture(scope="module")
def inline() -> PersonTagger:
    return PersonTagger(ARTIFACT)


@pytest.fixture(scope="module")
def pooled() -> PersonTagger:
    return PersonTagger(ARTIFACT, workers=2)


@pytest.mark.parametrize("text", TEXTS)
def test_workers_give_the_probabilities_of_the_request_thread(
    inline: PersonTagger, pooled: PersonTagger, text: str
) -> None:
    alone, shared = inline.probabilities(text), pooled.probabilities(text)
    assert shared.offsets == alone.offsets
    for name in ("p_begin", "p_inside", "loc_begin", "loc_inside"):
        np.testing.assert_array_equal(getattr(shared, name), getattr(alone, name))


def test_long_texts_run_their_windows_on_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = PersonTagger(ARTIFACT, workers=2)
    recording = _RecordingEngine(tagger.engine)
    monkeypatch.setattr(tagger, "engine", recording)
    pending = tagger.begin(GERMAN * 12)
    assert len(pending.spans) > 2
    spans = pending.tag_all().persons
    assert any(name.startswith("tagger") for name in recording.threads)
    assert len(recording.threads) == len(pending.spans)
    assert spans == PersonTagger(ARTIFACT).tag_all(GERMAN * 12).persons


def test_many_requests_at_once_each_get_their_own_results(
    inline: PersonTagger, pooled: PersonTagger
) -> None:
    expected = [inline.tag_all(text) for text in TEXTS]
    with ThreadPoolExecutor(6) as requests:
        got = list(requests.map(pooled.tag_all, TEXTS * 4))
    assert got == expected * 4


def test_the_setting_reaches_the_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    import guardrails.person_names as person_names

    built: list[Any] = []
    original = person_names.person_recognizers

    def recording(*args: Any, **kwargs: Any) -> Any:
        built.append(original(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(person_names, "person_recognizers", recording)
    engine = load_engine(GuardrailSettings(policy_file=POLICY, ner_workers=3))
    taggers = {id(r.tagger): r.tagger for rs in built[0].values() for r in rs if hasattr(r, "tagger")}
    assert [t.workers for t in taggers.values()] == [3]  # one tagger, shared by both languages
    tagger = next(iter(taggers.values()))
    existing = set(threading.enumerate())
    before = tagger.tag_all(GERMAN * 12)
    started = [t for t in threading.enumerate() if t not in existing]
    assert started and all(t.name.startswith("tagger") for t in started)
    engine.close()  # the engine lets the tagger's threads go
    assert tagger.workers == 0
    for thread in started:
        thread.join(timeout=5.0)
        assert not thread.is_alive()
    assert tagger.tag_all(GERMAN * 12) == before  # and still tags, on the caller's thread


@pytest.fixture(scope="module")
def engines() -> Iterator[tuple[Any, Any]]:
    settings = GuardrailSettings(policy_file=POLICY, detection_cache_size=0)
    alone = load_engine(settings.model_copy(update={"ner_workers": 0}))
    shared = load_engine(settings.model_copy(update={"ner_workers": 2}))
    yield alone, shared
    alone.close()
    shared.close()


@pytest.mark.parametrize("text", TEXTS[:4])
def test_the_guardrail_finds_the_same_with_and_without_workers(
    engines: tuple[Any, Any], text: str
) -> None:
    alone, shared = (engine.analyze(text, "", None) for engine in engines)
    assert [d.finding for d in shared.decisions] == [d.finding for d in alone.decisions]
    assert any(d.finding.entity_type == "PERSON" for d in shared.decisions)
