"""What a benchmark run produces: sections with tables, charts and target checks (pure).

Sections return these plain, frozen records; the writers (``report_markdown``, ``plots``,
``report_files``) turn them into files. Keeping them free of I/O lets the unit tests build a
run by hand and check every writer without starting a model.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["ok", "not_available", "failed", "skipped"]
Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A titled table; cells are text or numbers (None prints as "n/a")."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.title!r}: row width differs from its columns")


@dataclass(frozen=True)
class Line:
    """One plotted series: a label and its points."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.x) != len(self.y):
            raise ValueError(f"line {self.label!r}: x and y differ in length")


@dataclass(frozen=True)
class Chart:
    """A line chart; ``scaling`` charts also go into the combined scaling figure."""

    name: str
    title: str
    x_label: str
    y_label: str
    lines: tuple[Line, ...]
    log_x: bool = False
    log_y: bool = False
    scaling: bool = False


@dataclass(frozen=True)
class Check:
    """A target from an issue, e.g. "TTFT ratio <= 1.10"; ``passed`` None: not measured."""

    name: str
    value: float | None
    target: str
    passed: bool | None


def at_most(name: str, value: float | None, limit: float, unit: str = "") -> Check:
    """A check that passes when ``value <= limit``."""
    passed = None if value is None else value <= limit
    return Check(name, value, f"<= {limit:g}{unit}", passed)


def at_least(name: str, value: float | None, limit: float, unit: str = "") -> Check:
    """A check that passes when ``value >= limit``."""
    passed = None if value is None else value >= limit
    return Check(name, value, f">= {limit:g}{unit}", passed)


@dataclass(frozen=True)
class SectionResult:
    """The outcome of one section; ``reason`` says why it is not ``ok``."""

    name: str
    title: str
    status: Status
    reason: str = ""
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    checks: tuple[Check, ...] = ()
    notes: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    duration_s: float = 0.0


def not_available(name: str, title: str, reason: str) -> SectionResult:
    """A section whose component is not built (yet) or cannot run on this machine."""
    return SectionResult(name, title, "not_available", reason)


@dataclass(frozen=True)
class RunResult:
    """One whole run: when, how, on which machine, and every section's result."""

    started_at: str
    mode: str
    command: str
    machine: dict[str, Any]
    sections: tuple[SectionResult, ...]
    duration_s: float = 0.0

    def checks(self) -> list[tuple[str, Check]]:
        """Every target check with the name of its section."""
        return [(s.name, c) for s in self.sections for c in s.checks]


def _clean(value: Any) -> Any:
    """JSON-safe copy: tuples become lists, NaN/inf become None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def run_to_dict(run: RunResult) -> dict[str, Any]:
    """The run as plain JSON data (the schema of ``latest.json``)."""
    data: dict[str, Any] = _clean(dataclasses.asdict(run))
    data["schema"] = "tresor-bench/1"
    return data
