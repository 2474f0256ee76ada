"""Dates, times and web addresses through the real guard: the shipped policy allows them
(reported by ``tresor pii analyze``, never rewritten); a team that protects them gets them
masked in German and English prompts and in the answer the model streams."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from guardrails.engine import GuardEngine, load_engine
from guardrails.gateway import PolicyGuard, build_guard
from guardrails.settings import GuardrailSettings
from serving.stages import CallerContext

pytestmark = pytest.mark.integration

SHIPPED = Path(__file__).resolve().parents[2] / "configs" / "policy.yaml"
GERMAN = "Wir treffen uns am Donnerstag, 3. März 2024 um 14:30 Uhr, siehe intranet.firma.de/saal."
ENGLISH = "The review is on Thursday, March 3, 2024 at 9 am, agenda at https://wiki.example.com/r."


@pytest.fixture(scope="module")
def policy_with_hr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    policy = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    policy["teams"]["hr"] = {
        "entities": {"DATE_TIME": {"action": "mask"}, "URL": {"action": "mask"}}
    }
    path = tmp_path_factory.mktemp("allowed") / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def engine(policy_with_hr: Path) -> Iterator[GuardEngine]:
    e = load_engine(GuardrailSettings(policy_file=policy_with_hr, detection_cache_size=0))
    yield e
    e.close()


@pytest.mark.parametrize(
    ("text", "language", "date", "url"),
    [
        (GERMAN, "de", "Donnerstag, 3. März 2024 um 14:30 Uhr", "intranet.firma.de/saal"),
        (ENGLISH, "en", "Thursday, March 3, 2024 at 9 am", "https://wiki.example.com/r"),
    ],
)
def test_dates_and_urls_are_reported_as_allowed_and_protected_for_a_team_that_asks(
    engine: GuardEngine, text: str, language: str, date: str, url: str
) -> None:
    shipped = engine.analyze(text, language=language)
    assert [(d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
            for d in shipped.reported()] == [("DATE_TIME", date, "allow"), ("URL", url, "allow")]  # fmt: skip
    assert shipped.decisions == []  # nothing is rewritten

    hr = engine.analyze(text, team="hr", language=language)
    assert [(d.finding.entity_type, text[d.finding.start : d.finding.end], d.action)
            for d in hr.decisions] == [("DATE_TIME", date, "mask"), ("URL", url, "mask")]  # fmt: skip


def test_a_date_the_model_writes_is_masked_in_the_stream_for_the_team_that_protects_dates(
    policy_with_hr: Path, tmp_path: Path
) -> None:
    settings = GuardrailSettings(policy_file=policy_with_hr, ner_artifact_dir=tmp_path / "none")
    guard: PolicyGuard = build_guard(settings, tmp_path / "data", environ={})
    try:
        answers = {}
        for team in ("hr", "web"):
            ctx = CallerContext(f"r-{team}", f"key-{team}", team, ("everyone",), f"c-{team}")
            call = asyncio.run(guard.guard_input([{"role": "user", "content": GERMAN}], ctx))
            sent = call.messages[-1]["content"]
            assert ("3. März 2024" in sent) is (team != "hr")
            assert ("intranet.firma.de" in sent) is (team != "hr")
            restorer = call.stream_restorer()
            answer = "Alternativ passt der 12.05.2025 um 10:15 Uhr, Details auf www.firma.de/neu."
            answers[team] = "".join(restorer.feed(answer[i : i + 3]) for i in range(0, len(answer), 3))
            answers[team] += restorer.flush()
        assert "12.05.2025" not in answers["hr"] and "10:15" not in answers["hr"]
        assert "firma.de" not in answers["hr"] and answers["hr"].endswith("*.")  # full stop kept
        assert answers["web"] == "Alternativ passt der 12.05.2025 um 10:15 Uhr, Details auf www.firma.de/neu."
    finally:
        guard.close()
