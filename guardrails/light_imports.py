"""Import Presidio and spaCy without the deep-learning stack they would pull in eagerly.

Presidio's package init imports its optional Hugging Face engine, and with it
``transformers``; thinc, under spaCy, imports ``torch`` whenever it is installed (it is, for
vLLM). The guard uses neither: small spaCy pipelines and an ONNX name tagger. Loading the
engine with both hidden cuts the guard's start-up from about 5 s to 1.3 s of CPU on the
development machine. A spaCy pipeline that does need torch (a transformer pipeline such as
``en_core_web_trf``) is recognised from its meta data, and then nothing is hidden.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HEAVY_MODULES = ("torch", "transformers")
_TORCH_HINTS = ("transformer", "torch", "trf")


@contextmanager
def hidden_deep_learning(enabled: bool = True) -> Iterator[None]:
    """Within the block, ``import torch`` / ``import transformers`` fail as if not installed.

    Modules already imported are left alone, and both are importable again afterwards.
    """
    hidden = [name for name in HEAVY_MODULES if enabled and name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # the import system's "absent"
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def pipeline_needs_torch(name_or_path: str) -> bool:
    """Whether a spaCy pipeline (installed package name or folder) runs on torch."""
    lowered = name_or_path.lower()
    if any(hint in lowered for hint in ("trf", "transformer")):
        return True
    meta = _meta_file(name_or_path)
    if meta is None:
        return False
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    described = json.dumps(
        [data.get("requirements"), data.get("pipeline"), data.get("components")]
    ).lower()
    return any(hint in described for hint in _TORCH_HINTS)


def _meta_file(name_or_path: str) -> Path | None:
    folder = Path(name_or_path)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(name_or_path)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob("meta.json")) or sorted(folder.glob("*/meta.json"))
    return found[0] if found else None
