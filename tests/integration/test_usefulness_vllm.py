"""The restore comparison against the real vLLM (CPU build), a handful of prompts.

Every arm of ``tresor eval restore`` runs for real: direct to vLLM, and through the whole
gateway (keys, pipeline, guard, restore) with tokens and with surrogates, whole and streamed.
Requests go one at a time so that vLLM's output does not depend on batching.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guardrails.settings import GuardrailSettings
from guardrails.usefulness.datasets import load_restore
from guardrails.usefulness.runners import DEFAULT_ARMS, RestoreSettings, restore_rate
from serving.config import TresorConfig

pytestmark = [pytest.mark.integration, pytest.mark.vllm]

REPO = Path(__file__).resolve().parents[2]
PICKED = ("r001", "r007", "r020", "r025", "r030")  # greeting, IBAN, German quote, name, two names


def test_restore_comparison_with_real_vllm(vllm_server: str, tmp_path: Path) -> None:
    cases = [c for c in load_restore() if c.id in PICKED]
    assert len(cases) == len(PICKED)
    settings = GuardrailSettings(
        policy_file=REPO / "configs" / "policy.yaml", ner_artifact_dir=tmp_path / "no-tagger"
    )
    config = TresorConfig(data_dir=tmp_path / "data", guardrails=settings)
    report, answers = restore_rate(
        cases, vllm_server, config, settings.policy_file, DEFAULT_ARMS,
        RestoreSettings(max_tokens=48, concurrency=1),
    )  # fmt: skip
    for score in report.arms:
        assert score.failed_requests == 0, score.arm
    # the same conversation, the same model text: streaming restores exactly like whole
    for style in ("tokens", "surrogates"):
        assert answers[f"tresor-{style}/stream"] == answers[f"tresor-{style}/whole"]
    # no pseudonym of the caller's values reaches the caller
    for name, by_case in answers.items():
        if name.startswith("tresor-tokens"):
            for answer in by_case.values():
                assert answer is not None
                assert not re.search(r"\[(?:PERSON|EMAIL|PHONE|IBAN)_1\]", answer), name
    # values do come back through the real pipeline in every Tresor arm
    for arm in ("tresor-tokens/whole", "tresor-surrogates/whole"):
        assert report.arm(arm).verbatim.hits >= 1, arm
