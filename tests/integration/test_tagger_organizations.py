"""The shipped tagger's organisations, through the real guardrail: found in the same pass as
names and places, reported as ``allow`` under the shipped policy (the model reads them),
acted on where a policy asks for it. The companies here are none of the synthetic training
messages' (``guardrails.ner.chat_templates.COMPANIES``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.engine import GuardEngine, load_engine
from guardrails.ner.chat_templates import COMPANIES
from guardrails.ner.model import PersonTagger
from guardrails.settings import DEFAULT_NER_ARTIFACTS, GuardrailSettings
from tests.guard_helpers import analyze_with_policy, pii_analyze

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
ARTIFACT = DEFAULT_NER_ARTIFACTS / "tagger-e5s-l4"

ORGANIZATIONS: list[tuple[str, str, list[str], list[str]]] = [
    ("Anna Schmidt arbeitet seit März bei Rheinmetall.", "de", ["Anna Schmidt"], ["Rheinmetall"]),
    ("Priya Sharma signed the contract with Salesforce yesterday.", "en", ["Priya Sharma"],
     ["Salesforce"]),
]  # fmt: skip


def test_the_companies_are_not_from_the_training_templates() -> None:
    known = {c.casefold() for c in COMPANIES}
    assert not {o.casefold() for _, _, _, orgs in ORGANIZATIONS for o in orgs} & known


@pytest.fixture(scope="module")
def tagger() -> PersonTagger:
    return PersonTagger(ARTIFACT)


@pytest.mark.parametrize(("text", "language", "persons", "organizations"), ORGANIZATIONS)
def test_names_and_organizations_from_one_pass(
    tagger: PersonTagger, text: str, language: str, persons: list[str], organizations: list[str]
) -> None:
    tagged = tagger.tag_all(text)
    assert [text[s:e] for s, e, _ in tagged.persons] == persons
    assert [text[s:e] for s, e, _ in tagged.organizations] == organizations


@pytest.mark.parametrize("text", ["The Kafka topic for Phoenix is full.", "Bitte bis Freitag."])
def test_no_organization_in_plain_text(tagger: PersonTagger, text: str) -> None:
    assert tagger.tag_all(text).organizations == []


@pytest.fixture(scope="module")
def shipped() -> Iterator[GuardEngine]:
    engine = load_engine(
        GuardrailSettings(policy_file=REPO / "configs" / "policy.yaml", detection_cache_size=0)
    )
    yield engine
    engine.close()


@pytest.mark.parametrize(("text", "language", "persons", "organizations"), ORGANIZATIONS)
def test_shipped_policy_reports_organizations_as_allowed_and_leaves_them(
    shipped: GuardEngine, text: str, language: str, persons: list[str], organizations: list[str]
) -> None:
    analysis = shipped.analyze(text, "", language)
    assert [text[d.finding.start : d.finding.end] for d in analysis.decisions] == persons
    assert [
        (d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
        for d in analysis.allowed
    ] == [("ORGANIZATION", o, "allow") for o in organizations]


def test_a_company_after_a_name_is_no_personal_place(shipped: GuardEngine) -> None:
    # "from X" after a name reads as where the person comes from, unless X is a company
    text = "Our contract was signed by Priya Sharma from Salesforce."
    analysis = shipped.analyze(text, "", "en")
    assert [(d.finding.entity_type, text[d.finding.start : d.finding.end])
            for d in analysis.decisions] == [("PERSON", "Priya Sharma")]  # fmt: skip
    home = "The contract was signed by Priya Sharma from Manchester."
    assert ("PERSONAL_LOCATION", "Manchester") in [
        (d.finding.entity_type, home[d.finding.start : d.finding.end])
        for d in shipped.analyze(home, "", "en").decisions
    ]


def test_a_policy_acting_on_organizations_pseudonymizes_them(tmp_path: Path) -> None:
    text, language, persons, organizations = ORGANIZATIONS[0]
    actions = {"PERSON": "pseudonymize", "ORGANIZATION": "pseudonymize"}
    analysis = analyze_with_policy(tmp_path, actions, text, language)
    assert [
        (d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
        for d in analysis.decisions
    ] == [("PERSON", persons[0], "pseudonymize"), ("ORGANIZATION", organizations[0], "pseudonymize")]
    assert analysis.allowed == []


def test_pii_analyze_lists_allowed_organizations(tmp_path: Path) -> None:
    text = ORGANIZATIONS[1][0]
    assert pii_analyze(tmp_path, text, "--language", "en") == [
        ("PERSON", "Priya Sharma", "pseudonymize"),
        ("ORGANIZATION", "Salesforce", "allow"),
    ]
