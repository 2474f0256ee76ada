"""The real guard in tests, with a throwaway configuration or policy: ``tresor pii analyze``
under the shipped policy, or one text analysed under a small policy."""

from __future__ import annotations

import json
from pathlib import Path

from guardrails.engine import Analysis, load_engine
from guardrails.settings import GuardrailSettings
from serving.cli import main

REPO = Path(__file__).resolve().parents[1]
SHIPPED_POLICY = REPO / "configs" / "policy.yaml"


def pii_analyze(tmp_path: Path, text: str, *options: str) -> list[tuple[str, str, str]]:
    """``tresor pii analyze`` of one text under the shipped policy: ``(type, value, action)``
    of every reported entity, in output order."""
    config = tmp_path / "tresor.yaml"
    config.write_text(
        f"data_dir: {tmp_path / 'data'}\nguardrails:\n  policy_file: {SHIPPED_POLICY}\n",
        encoding="utf-8",
    )
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["--config", str(config), "pii", "analyze", "--input", str(source),
                 "--output", str(target), *options]) == 0  # fmt: skip
    (record,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    return [(e["type"], text[e["start"] : e["end"]], e["action"]) for e in record["entities"]]


def analyze_with_policy(
    tmp_path: Path, actions: dict[str, str], text: str, language: str
) -> Analysis:
    """``text`` analysed under a policy of only ``actions`` (entity type -> action)."""
    policy = tmp_path / "policy.yaml"
    rules = "".join(f"  {entity}: {{action: {action}}}\n" for entity, action in actions.items())
    policy.write_text(f"version: 1\nentities:\n{rules}", encoding="utf-8")
    engine = load_engine(GuardrailSettings(policy_file=policy, detection_cache_size=0))
    try:
        return engine.analyze(text, "", language)
    finally:
        engine.close()

