"""Where the trained tagger finds names, places and organisations, spaCy's English NER only
runs when the policy acts on its other entity types (nationalities, dates)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guardrails.engine import load_engine
from guardrails.settings import GuardrailSettings
from tests.fakes import CountingPipeline

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
TEXT = "Please forward the contract to Jennifer Whitaker before the board meeting."
COMPANY_TEXT = "Priya Sharma signed the contract with Salesforce yesterday."


def _engine(tmp_path: Path, policy_text: str | None) -> Any:
    policy = REPO / "configs" / "policy.yaml"
    if policy_text is not None:
        policy = tmp_path / "policy.yaml"
        policy.write_text(policy_text, encoding="utf-8")
    return load_engine(GuardrailSettings(policy_file=policy, detection_cache_size=0))


def _detect(engine: Any, text: str = TEXT) -> tuple[list[tuple[str, str]], int]:
    detector = engine.snapshot.detector
    nlp = detector._nlp.nlp  # the loaded spaCy pipelines of the shared NLP engine
    counter = CountingPipeline(nlp["en"])
    nlp["en"] = counter
    try:
        found = detector.detect(text, "en")
    finally:
        nlp["en"] = counter.real
    return [(f.entity_type, text[f.start : f.end]) for f in found], counter.calls


def test_shipped_policy_finds_names_without_spacy(tmp_path: Path) -> None:
    engine = _engine(tmp_path, None)
    try:
        found, spacy_calls = _detect(engine)
    finally:
        engine.close()
    assert ("PERSON", "Jennifer Whitaker") in found
    assert spacy_calls == 0


def test_policy_acting_on_places_needs_no_spacy(tmp_path: Path) -> None:
    policy = (
        "version: 1\nentities:\n  PERSON: {action: pseudonymize}\n"
        "  LOCATION: {action: pseudonymize}\n  ORGANIZATION: {action: allow}\n"
    )
    engine = _engine(tmp_path, policy)
    try:
        text = "Please forward the contract to Jennifer Whitaker in Manchester."
        found = engine.snapshot.detector.detect(text, "en")
        nlp = engine.snapshot.detector._nlp.nlp
        counter = CountingPipeline(nlp["en"])
        nlp["en"] = counter
        try:
            engine.snapshot.detector.detect(TEXT, "en")
        finally:
            nlp["en"] = counter.real
    finally:
        engine.close()
    assert {(f.entity_type, text[f.start : f.end], f.recognizer) for f in found} >= {
        ("PERSON", "Jennifer Whitaker", "PersonNerRecognizer"),
        ("LOCATION", "Manchester", "PersonNerRecognizer"),
    }
    assert counter.calls == 0


def test_policy_acting_on_organisations_needs_no_spacy(tmp_path: Path) -> None:
    policy = (
        "version: 1\nentities:\n  PERSON: {action: pseudonymize}\n"
        "  ORGANIZATION: {action: pseudonymize}\n  LOCATION: {action: allow}\n"
    )
    engine = _engine(tmp_path, policy)
    try:
        found, spacy_calls = _detect(engine, COMPANY_TEXT)
        recognizers = {f.recognizer for f in engine.snapshot.detector.detect(COMPANY_TEXT, "en")}
    finally:
        engine.close()
    assert ("PERSON", "Priya Sharma") in found
    assert ("ORGANIZATION", "Salesforce") in found  # from the tagger's pass
    assert spacy_calls == 0
    assert recognizers == {"PersonNerRecognizer"}


def test_policy_acting_on_nationalities_runs_spacy_for_them_only(tmp_path: Path) -> None:
    policy = "version: 1\nentities:\n  PERSON: {action: pseudonymize}\n  NRP: {action: mask}\n"
    engine = _engine(tmp_path, policy)
    try:
        found, spacy_calls = _detect(engine)
        recognizers = {f.recognizer for f in engine.snapshot.detector.detect(TEXT, "en")}
    finally:
        engine.close()
    assert ("PERSON", "Jennifer Whitaker") in found
    assert spacy_calls == 1
    assert "SpacyRecognizer" not in recognizers  # the name came from the tagger, not spaCy