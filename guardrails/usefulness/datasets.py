"""The usefulness datasets: ordinary business texts, and prompts whose values must come back.

JSON lines, one case per line. Ordinary: ``{"id", "lang", "topic", "text"}``. Restore:
``{"id", "lang", "prompt", "values": [{"type", "value"}, ...]}``. A malformed line stops the
run with the file and line number (never the line's text).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
ORDINARY_DEV = DATA_DIR / "ordinary_dev.jsonl"
RESTORE_DEV = DATA_DIR / "restore_dev.jsonl"


class DatasetError(ValueError):
    """A dataset file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class OrdinaryCase:
    """An ordinary business question or request: it contains no personal data."""

    id: str
    lang: str
    text: str
    topic: str = ""


@dataclass(frozen=True)
class ExpectedValue:
    """A value of the user's that must reach them verbatim in the answer."""

    entity_type: str
    value: str


@dataclass(frozen=True)
class RestoreCase:
    """A prompt that gives the model the user's values and asks to repeat or use them."""

    id: str
    lang: str
    prompt: str
    values: tuple[ExpectedValue, ...]


def _rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise DatasetError(f"{path}:{number}: not valid JSON") from None
        if not isinstance(row, dict):
            raise DatasetError(f"{path}:{number}: each line must be a JSON object")
        yield number, row


def _field(path: Path, number: int, row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip():
        raise DatasetError(f"{path}:{number}: field {name!r} must be a non-empty string")
    return value


def load_ordinary(path: Path = ORDINARY_DEV) -> list[OrdinaryCase]:
    """The ordinary texts of ``path``."""
    cases = []
    for number, row in _rows(path):
        cases.append(OrdinaryCase(
            id=str(row.get("id", number)), lang=_field(path, number, row, "lang"),
            text=_field(path, number, row, "text"), topic=str(row.get("topic", "")),
        ))  # fmt: skip
    return cases


def load_restore(path: Path = RESTORE_DEV) -> list[RestoreCase]:
    """The restore prompts of ``path``."""
    cases = []
    for number, row in _rows(path):
        raw = row.get("values")
        if not isinstance(raw, list) or not raw:
            raise DatasetError(f"{path}:{number}: field 'values' must be a non-empty list")
        values = []
        for item in raw:
            if not isinstance(item, dict):
                raise DatasetError(f"{path}:{number}: each value must be an object")
            values.append(ExpectedValue(_field(path, number, item, "type"),
                                        _field(path, number, item, "value")))  # fmt: skip
        cases.append(RestoreCase(
            id=str(row.get("id", number)), lang=_field(path, number, row, "lang"),
            prompt=_field(path, number, row, "prompt"), values=tuple(values),
        ))  # fmt: skip
    return cases
