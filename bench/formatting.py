"""How numbers print in the console table and in Markdown (pure)."""

from __future__ import annotations

import math

from bench.results import Cell, Check


def format_number(value: float) -> str:
    """Three significant digits, thousands without exponent ("1234", "12.3", "0.0123")."""
    if not math.isfinite(value):
        return "n/a"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    if magnitude >= 0.001:
        return f"{value:.3g}"
    return f"{value:.2e}"


def format_cell(value: Cell) -> str:
    """A table cell as text; None (not measured) prints as "n/a"."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, float):
        return format_number(value)
    return value


def format_measured(check: Check) -> str:
    """A check's measured value, precise enough to see which side of the goal it lies on."""
    if check.value is None:
        return "n/a"
    if abs(check.value) < 10:
        return f"{check.value:.3f}"
    return format_number(check.value)


def format_verdict(check: Check) -> str:
    """PASS, FAIL or n/a for a target check."""
    if check.passed is None:
        return "n/a"
    return "PASS" if check.passed else "FAIL"
