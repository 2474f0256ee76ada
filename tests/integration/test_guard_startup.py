"""The real guard loads without torch/transformers, detects, and leaves them importable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, tempfile, pathlib
from guardrails.gateway import build_guard
from guardrails.settings import GuardrailSettings
guard = build_guard(GuardrailSettings(), pathlib.Path(tempfile.mkdtemp()), environ={})
found = guard.engine.snapshot.detector.detect("Bitte an Frau Anna Schmidt, anna@firma.de", "de")
print(sorted({f.entity_type for f in found}))
print("torch" in sys.modules, "transformers" in sys.modules)
import torch  # still usable by whatever needs it later
print(torch.__name__)
guard.close()
"""


def test_guard_loads_without_deep_learning_stack() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.splitlines()
    assert out == ["['EMAIL_ADDRESS', 'PERSON']", "False False", "torch"]
