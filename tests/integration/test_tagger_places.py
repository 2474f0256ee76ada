"""The shipped tagger's places, through the real guardrail: found in one pass with the names,
reported as ``allow`` under the shipped policy (the text the model sees keeps them), acted on
where a policy asks for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guardrails.engine import load_engine
from guardrails.ner.model import PersonTagger
from guardrails.settings import DEFAULT_NER_ARTIFACTS, GuardrailSettings
from serving.cli import main
from tests.guard_helpers import analyze_with_policy, pii_analyze

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
ARTIFACT = DEFAULT_NER_ARTIFACTS / "tagger-e5s-l4"

PLACES: list[tuple[str, list[str], list[str]]] = [
    ("Das Meeting mit Anna Schmidt ist in Hamburg.", ["Anna Schmidt"], ["Hamburg"]),
    ("Der Zug von Köln nach Frankfurt am Main hat Verspätung.", [], ["Köln", "Frankfurt am Main"]),
    ("Our team in Manchester met Priya Sharma last week.", ["Priya Sharma"], ["Manchester"]),
    ("The shipment to Brazil and Portugal is late.", [], ["Brazil", "Portugal"]),
]


@pytest.fixture(scope="module")
def tagger() -> PersonTagger:
    return PersonTagger(ARTIFACT)


@pytest.mark.parametrize(("text", "persons", "places"), PLACES)
def test_names_and_places_from_one_pass(
    tagger: PersonTagger, text: str, persons: list[str], places: list[str]
) -> None:
    tagged = tagger.tag_all(text)
    assert [text[s:e] for s, e, _ in tagged.persons] == persons
    assert [text[s:e] for s, e, _ in tagged.places] == places
    assert tagged.persons == tagger.tag(text)


@pytest.mark.parametrize(
    "text",
    ["Wir deployen auf EKS und S3", "The Kafka topic for Phoenix is full.", "Bitte bis Freitag."],
)
def test_no_place_in_technical_text(tagger: PersonTagger, text: str) -> None:
    assert tagger.tag_all(text).places == []


def _engine(policy: Path) -> Any:
    settings = GuardrailSettings(policy_file=policy, detection_cache_size=0)
    return load_engine(settings)


def test_shipped_policy_reports_places_as_allowed_and_leaves_them(tmp_path: Path) -> None:
    engine = _engine(REPO / "configs" / "policy.yaml")
    try:
        text = PLACES[0][0]
        analysis = engine.analyze(text, "", "de")
    finally:
        engine.close()
    assert [(d.finding.entity_type, d.action) for d in analysis.decisions] == [
        ("PERSON", "pseudonymize")
    ]
    assert [(text[d.finding.start : d.finding.end], d.action) for d in analysis.allowed] == [
        ("Hamburg", "allow")
    ]


def test_a_policy_acting_on_places_pseudonymizes_them(tmp_path: Path) -> None:
    text = PLACES[1][0]
    actions = {"PERSON": "pseudonymize", "LOCATION": "pseudonymize"}
    analysis = analyze_with_policy(tmp_path, actions, text, "de")
    assert [(text[d.finding.start : d.finding.end], d.action) for d in analysis.decisions] == [
        ("Köln", "pseudonymize"),
        ("Frankfurt am Main", "pseudonymize"),
    ]
    assert analysis.allowed == []


def test_pii_analyze_lists_allowed_places(tmp_path: Path) -> None:
    assert pii_analyze(tmp_path, PLACES[2][0]) == [
        ("LOCATION", "Manchester", "allow"),
        ("PERSON", "Priya Sharma", "pseudonymize"),
    ]


def test_policy_test_shows_allowed_places_and_keeps_them_in_the_model_view(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "tresor.yaml"
    config.write_text(f"data_dir: {tmp_path / 'data'}\n", encoding="utf-8")
    text = PLACES[0][0]
    assert main(["--config", str(config), "policy", "test", text, "--lang", "de"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith("LOCATION")]
    assert rows and rows[0][4] == "allow"
    assert "Das Meeting mit [PERSON_1] ist in Hamburg." in out
