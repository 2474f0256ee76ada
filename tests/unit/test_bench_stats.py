"""The harness's statistics: percentiles agree with numpy, ratios and rates handle gaps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.budget import Deadline
from bench.stats import Summary, percentile, rate, ratio, spread

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(finite, min_size=1, max_size=50), st.floats(min_value=0, max_value=100))
def test_percentile_matches_numpy_linear(values: list[float], q: float) -> None:
    assert math.isclose(
        percentile(values, q), float(np.percentile(values, q)), rel_tol=1e-9, abs_tol=1e-6
    )


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_of_samples_and_of_nothing() -> None:
    summary = Summary.of([0.004, 0.001, 0.002, 0.003])
    assert summary is not None
    assert (summary.n, summary.min, summary.max) == (4, 0.001, 0.004)
    assert math.isclose(summary.p50, 0.0025)
    assert math.isclose(summary.mean, 0.0025)
    in_ms = summary.scaled(1000)
    assert math.isclose(in_ms.p95, summary.p95 * 1000) and in_ms.n == 4
    assert Summary.of([]) is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (2.0, 4.0, 0.5),
        (None, 1.0, None),
        (1.0, None, None),
        (1.0, 0.0, None),
        (float("nan"), 1.0, None),
    ],
)
def test_ratio(numerator: float | None, denominator: float | None, expected: float | None) -> None:
    assert ratio(numerator, denominator) == expected


def test_rate_and_spread() -> None:
    assert rate(10, 2.0) == 5.0
    assert rate(10, 0.0) is None
    assert spread([1.2, None, 0.9, 1.0]) == (0.9, 1.2)
    assert spread([None]) is None


def test_deadline_uses_its_clock() -> None:
    now = [100.0]
    deadline = Deadline(5.0, clock=lambda: now[0])
    assert not deadline.expired() and deadline.remaining() == 5.0
    inner = deadline.sub(2.0)
    now[0] = 102.5
    assert inner.expired() and not deadline.expired()
    now[0] = 106.0
    assert deadline.expired() and deadline.remaining() == 0.0
    with pytest.raises(ValueError):
        Deadline(0)
