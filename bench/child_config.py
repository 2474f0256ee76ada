"""Hand the run's Tresor config to a child process (gateway server, detection probe)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from serving.config import TresorConfig


def merge(base: dict[str, Any], updates: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``updates`` laid over it; nested mappings are merged key by key."""
    out = dict(base)
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def write_child_config(config: TresorConfig, path: Path, **updates: Any) -> Path:
    """Write ``config`` with ``updates`` merged in as a JSON file ``load_config`` reads back."""
    data = merge(config.model_dump(mode="json"), updates)
    TresorConfig.model_validate(data)  # refuse to hand a child a config it cannot load
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
