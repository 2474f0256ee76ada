"""The policy file model: validation with key paths, team views, allow-lists, versions."""

from __future__ import annotations

import pytest

from guardrails.policy_store import PolicyError, parse_policy, policy_version


def _load(text: str):
    return parse_policy(text.encode("utf-8"), "policy.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "entities:\n  EMAIL_ADRESS: {action: pseudonymize}\n",
            "unknown entity type at entities.EMAIL_ADRESS",
        ),
        ("entities:\n  PERSON: {action: obfuscate}\n", "policy.yaml: entities.PERSON.action:"),
        (
            "entities:\n  PERSON: {action: mask, threshold: 1.5}\n",
            "policy.yaml: entities.PERSON.threshold:",
        ),
        (
            "entities:\n  PERSON: {action: mask, colour: red}\n",
            "entities.PERSON.colour: unknown key",
        ),
        ("mode: loud\n", "policy.yaml: mode:"),
        (
            "recognizers:\n  - {name: x, entity: CUST, patterns: [{name: p, regex: '(unclosed'}]}\n",
            "recognizers[0].patterns[0].regex: Value error, invalid regular expression",
        ),
        ("recognizers:\n  - {name: x, entity: CUST}\n", "needs patterns or a deny_list"),
        ("recognizers:\n  - {name: x, entity: cust, deny_list: [a]}\n", "UPPER_SNAKE_CASE"),
        ("allow:\n  regex: ['[a-']\n", "allow.regex: Value error, invalid regular expression"),
        ("teams:\n  t:\n    entities:\n      NOPE: {action: mask}\n", "teams.t.entities.NOPE"),
        ("- a\n- b\n", "(top level): must be a mapping"),
        ("entities: {PERSON: [\n", "policy.yaml: line"),
        ("pseudonym_style: emoji\n", "pseudonym_style:"),
    ],
)
def test_invalid_policies_name_key_path_and_reason(text: str, expected: str) -> None:
    with pytest.raises(PolicyError) as info:
        _load(text)
    assert expected in str(info.value)


def test_custom_recognizer_types_may_be_used_in_entities() -> None:
    loaded = _load(
        "entities:\n  CUSTOMER_ID: {action: hash}\n"
        "recognizers:\n  - {name: kd, entity: CUSTOMER_ID, patterns: [{name: p, regex: 'KD-\\d+'}]}\n"
    )
    assert loaded.policy.detected_entities() == {"CUSTOMER_ID"}


def test_customer_numbers_need_no_custom_recognizer() -> None:
    # found after their cue by the built-in recognizer ("Kundennummer 4711-22")
    loaded = _load("entities:\n  CUSTOMER_ID: {action: pseudonymize}\n")
    assert loaded.policy.detected_entities() == {"CUSTOMER_ID"}


def test_empty_file_is_a_valid_policy_that_protects_nothing() -> None:
    loaded = _load("")
    assert loaded.policy.detected_entities() == frozenset()
    assert loaded.for_team("any").rule_for("PERSON") is None


def test_version_is_a_short_digest_of_the_bytes() -> None:
    a, b = _load("mode: enforce\n"), _load("mode: enforce \n")
    assert a.version == policy_version(b"mode: enforce\n")
    assert len(a.version) == 12
    assert a.version != b.version


TEAMS = """
mode: enforce
restore: true
entities:
  PERSON: {action: pseudonymize, threshold: 0.6}
  IBAN_CODE: {action: pseudonymize}
  LOCATION: {action: allow}
allow:
  exact: [Tresor]
teams:
  finance:
    restore: false
    entities:
      IBAN_CODE: {action: mask, mask_keep_last: 4}
      LOCATION: {action: redact, threshold: 0.3}
    allow:
      regex: ['ACME-\\d+']
  pilot:
    mode: shadow
"""


def test_team_view_merges_overrides_field_by_field() -> None:
    loaded = _load(TEAMS)
    finance = loaded.for_team("finance")
    assert finance.restore is False and finance.mode == "enforce"
    iban = finance.rule_for("IBAN_CODE")
    assert iban is not None and (iban.action, iban.mask_keep_last, iban.threshold) == (
        "mask",
        4,
        0.5,
    )
    location = finance.rule_for("LOCATION")
    assert location is not None and (location.action, location.threshold) == ("redact", 0.3)
    person = finance.rule_for("PERSON")
    assert person is not None and person.threshold == 0.6
    assert loaded.for_team("pilot").mode == "shadow"
    default = loaded.for_team("somebody")
    assert default.restore is True and default.rule_for("LOCATION") is None


def test_detection_covers_every_team_and_the_lowest_threshold() -> None:
    policy = _load(TEAMS).policy
    assert policy.detected_entities() == {"PERSON", "IBAN_CODE", "LOCATION"}
    assert policy.min_threshold() == 0.3


@pytest.mark.parametrize(
    ("team", "text", "allowed"),
    [
        ("finance", "Tresor", True),
        ("finance", "tresor", True),
        ("finance", "ACME-42", True),
        ("finance", "acme-42", True),
        ("other", "ACME-42", False),
        ("other", "Tresor GmbH", False),
    ],
)
def test_allow_lists_exact_and_regex(team: str, text: str, allowed: bool) -> None:
    assert _load(TEAMS).for_team(team).allow.allows(text) is allowed


def test_shipped_policy_is_valid() -> None:
    from pathlib import Path

    from guardrails.policy_store import load_policy

    repo = Path(__file__).resolve().parents[2]
    loaded = load_policy(repo / "configs" / "policy.yaml")
    view = loaded.for_team("")
    for kind in (
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "IBAN_CODE",
        "CREDIT_CARD",
        "DE_TAX_ID",
        "STREET_ADDRESS",
        "IP_ADDRESS",
    ):
        assert view.rule_for(kind) is not None, kind
    for ordinary in ("LOCATION", "ORGANIZATION", "DATE_TIME", "URL"):
        assert view.rule_for(ordinary) is None, ordinary
    for example in sorted((repo / "configs" / "policies").glob("*.yaml")):
        load_policy(example)
