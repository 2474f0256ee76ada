"""Recognizers declared in the policy file, with the real engine (Presidio, spaCy): checksum
validators, context words, deny-lists, and a policy change that adds one without a restart."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardrails.engine import GuardEngine, load_engine
from guardrails.settings import GuardrailSettings

pytestmark = pytest.mark.integration

BASE = "version: 1\nentities:\n  PERSON: {action: pseudonymize}\n"
CUSTOM = BASE + """\
  MEMBER_CARD: {action: pseudonymize, threshold: 0.5}
  BADGE_ID: {action: mask, threshold: 0.5}
  PROJECT_CODENAME: {action: redact}
recognizers:
  - name: member_card
    entity: MEMBER_CARD
    patterns:
      - {name: mc, regex: '\\bMC-\\d{10}\\b', score: 0.8}
    validator: luhn
  - name: badge
    entity: BADGE_ID
    patterns:
      - {name: badge, regex: '\\b[A-Z]{2}\\d{5}\\b', score: 0.3}
    context: [badge, ausweis]
  - name: codenames
    entity: PROJECT_CODENAME
    deny_list: [Nordlicht, Blue Falcon]
"""


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[GuardEngine]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(CUSTOM, encoding="utf-8")
    e = load_engine(GuardrailSettings(policy_file=policy, detection_cache_size=0))
    yield e
    e.close()


def acted(engine: GuardEngine, text: str, language: str = "en") -> list[tuple[str, str, str]]:
    analysis = engine.analyze(text, language=language)
    return [(d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
            for d in analysis.decisions if d.action != "allow"]


def test_a_checksum_validator_keeps_only_valid_matches(engine: GuardEngine) -> None:
    # 1234567897 passes Luhn, 1234567890 does not
    assert acted(engine, "My card is MC-1234567897.") == [("MEMBER_CARD", "MC-1234567897", "pseudonymize")]
    assert acted(engine, "My card is MC-1234567890.") == []


def test_context_words_raise_a_weak_pattern_over_the_threshold(engine: GuardEngine) -> None:
    assert acted(engine, "Room AB12345 is booked.") == []
    assert acted(engine, "My badge is AB12345.") == [("BADGE_ID", "AB12345", "mask")]
    assert acted(engine, "Mein Ausweis hat die Nummer AB12345.", "de") == [("BADGE_ID", "AB12345", "mask")]


def test_deny_list_terms_are_whole_words_in_any_case(engine: GuardEngine) -> None:
    found = acted(engine, "Status of nordlicht and BLUE FALCON? Die Nordlichter leuchten.")
    assert found == [
        ("PROJECT_CODENAME", "nordlicht", "redact"),
        ("PROJECT_CODENAME", "BLUE FALCON", "redact"),
    ]


def test_a_recognizer_added_to_the_policy_applies_without_restart(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(BASE, encoding="utf-8")
    engine = load_engine(GuardrailSettings(policy_file=policy, detection_cache_size=0))
    try:
        assert acted(engine, "Is Nordlicht on track?") == []
        policy.write_text(CUSTOM, encoding="utf-8")
        stat = policy.stat()
        os.utime(policy, (stat.st_atime, stat.st_mtime + 5))  # a new mtime even on coarse clocks
        assert engine.store.check()
        assert acted(engine, "Is Nordlicht on track?") == [("PROJECT_CODENAME", "Nordlicht", "redact")]
    finally:
        engine.close()
