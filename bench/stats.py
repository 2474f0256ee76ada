"""Summary statistics and ratios for benchmark samples (pure, no I/O).

Percentiles interpolate linearly between the closest ranks (numpy's default), so small
samples give stable, comparable figures without pulling numpy into the pure core.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values``; raises ValueError when empty."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0.0 <= q <= 100.0:
        raise ValueError("q must lie between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


@dataclass(frozen=True)
class Summary:
    """Count, median, 95th percentile, mean and range of one set of samples."""

    n: int
    p50: float
    p95: float
    mean: float
    min: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary | None:
        """The summary of ``values``; None when there are none (a section that got no sample)."""
        if not values:
            return None
        return cls(
            n=len(values),
            p50=percentile(values, 50),
            p95=percentile(values, 95),
            mean=sum(values) / len(values),
            min=float(min(values)),
            max=float(max(values)),
        )

    def scaled(self, factor: float) -> Summary:
        """The same summary in another unit (seconds -> milliseconds: ``scaled(1000)``)."""
        return Summary(
            self.n,
            self.p50 * factor,
            self.p95 * factor,
            self.mean * factor,
            self.min * factor,
            self.max * factor,
        )


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    if math.isnan(numerator) or math.isnan(denominator):
        return None
    return numerator / denominator


def rate(count: float, seconds: float) -> float | None:
    """Events per second, or None for an empty interval."""
    if seconds <= 0:
        return None
    return count / seconds


def spread(values: Sequence[float | None]) -> tuple[float, float] | None:
    """Smallest and largest of the present values (the noise band of per-round ratios)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return min(present), max(present)
