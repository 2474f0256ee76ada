"""Gateway-overhead figures: ratios, per-round ranges, targets, tables and charts."""

from __future__ import annotations

import math

from bench.load import BatchResult, RequestSample
from bench.overhead import (
    RoundPair,
    level_figures,
    levels_from_rounds,
    overhead_charts,
    overhead_checks,
    overhead_data,
    overhead_tables,
)
from bench.sections.gateway import build_result


def batch(
    ttft_s: float, wall_s: float, requests: int = 4, tokens: int = 32, errors: int = 0
) -> BatchResult:
    ok = [RequestSample(ttft_s, wall_s, tokens) for _ in range(requests)]
    bad = [RequestSample(None, wall_s, 0, "http 503") for _ in range(errors)]
    return BatchResult(tuple(ok + bad), wall_s)


def test_pooled_ratios_and_round_ranges() -> None:
    pairs = [
        RoundPair(direct=batch(0.100, 1.0), gateway=batch(0.120, 1.25)),
        RoundPair(direct=batch(0.100, 1.0), gateway=batch(0.100, 1.00)),
    ]
    level = level_figures(8, pairs)
    assert level.direct.tokens_per_s == 4 * 32 * 2 / 2.0
    assert math.isclose(level.tokens_ratio or 0, (256 / 2.25) / 128)
    assert math.isclose(level.requests_ratio or 0, (8 / 2.25) / 4)
    assert math.isclose(level.ttft_p50_ratio or 0, 0.110 / 0.100)  # median of 4x0.10 and 4x0.12
    assert level.ttft_ratio_range is not None
    assert math.isclose(level.ttft_ratio_range[0], 1.0) and math.isclose(
        level.ttft_ratio_range[1], 1.2
    )
    assert level.tokens_ratio_range == (0.8, 1.0)


def test_errors_are_counted_not_timed() -> None:
    level = level_figures(1, [RoundPair(batch(0.1, 1.0), batch(0.1, 1.0, requests=2, errors=2))])
    assert (level.gateway.requests, level.gateway.errors) == (4, 2)
    assert level.gateway.ttft_ms is not None and level.gateway.ttft_ms.n == 2
    assert level.tokens_ratio == 0.5


def test_targets_at_every_concurrency() -> None:
    rounds = {
        32: [RoundPair(batch(0.100, 1.0), batch(0.130, 1.2))],
        1: [RoundPair(batch(0.100, 1.0), batch(0.105, 1.0))],
        8: [],  # no round finished: left out, not reported as zero
    }
    levels = levels_from_rounds(rounds)
    assert [lv.concurrency for lv in levels] == [1, 32]
    verdicts = {c.name: c.passed for c in overhead_checks(levels)}
    assert verdicts == {
        "TTFT p50 ratio, 1 streams": True,
        "tokens/s ratio, 1 streams": True,
        "TTFT p50 ratio, 32 streams": False,
        "tokens/s ratio, 32 streams": False,
    }
    ratios, absolute = overhead_tables(levels)
    assert len(ratios.rows) == 2 and len(absolute.rows) == 4
    assert ratios.rows[1][6] == "1.30-1.30"
    ttft, tokens = overhead_charts(levels)
    assert ttft.lines[0].x == (1.0, 32.0) and ttft.scaling and tokens.scaling
    assert overhead_data(levels)[0]["gateway"]["errors"] == 0


def test_section_result_says_when_the_guardrail_was_off() -> None:
    rounds = {1: [RoundPair(batch(0.1, 1.0), batch(0.1, 1.0))]}
    assert build_result(rounds, [], guard_on=True).reason == ""
    off = build_result(rounds, ["note"], guard_on=False)
    assert "WITHOUT" in off.reason and off.data["guardrail"] is False and off.notes == ("note",)
