"""Load ``configs/tresor.yaml`` into :class:`TresorConfig` with precise error messages."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from serving.config import TresorConfig

DEFAULT_CONFIG = Path("configs/tresor.yaml")
DATA_DIR_ENV = "TRESOR_DATA_DIR"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file, key path and reason."""


def _dotted(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "(top level)"


def format_validation_error(source: str, exc: ValidationError) -> str:
    """One line per problem: ``file: key.path: reason``."""
    lines = []
    for err in exc.errors(include_input=False, include_url=False):
        reason = err["msg"]
        if err["type"] == "extra_forbidden":
            reason = "unknown key"
        lines.append(f"{source}: {_dotted(tuple(err['loc']))}: {reason}")
    return "\n".join(lines)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """Parse a YAML file that must hold a mapping (an empty file is an empty mapping)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}: {where}{problem}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: (top level): must be a mapping of settings")
    return data


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> TresorConfig:
    """Load and validate the config; ``TRESOR_DATA_DIR`` overrides ``data_dir``.

    Relative paths inside the file stay relative to the working directory, like the CLI's own.
    """
    env = os.environ if environ is None else environ
    source = path or DEFAULT_CONFIG
    data = read_yaml_mapping(source) if (path is not None or source.exists()) else {}
    if env.get(DATA_DIR_ENV):
        data = {**data, "data_dir": env[DATA_DIR_ENV]}
    try:
        return TresorConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(str(source), exc)) from None
