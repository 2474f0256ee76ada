"""Gateway-overhead figures from interleaved direct/gateway batches (pure).

Ratios are gateway / direct. Besides the pooled ratio, each round's own ratio is kept: their
range shows how much the shared machine's noise moves the figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.load import BatchResult
from bench.results import Chart, Check, Line, Table, at_least, at_most
from bench.stats import Summary, rate, ratio, spread

TTFT_RATIO_TARGET = 1.10
THROUGHPUT_RATIO_TARGET = 0.95


@dataclass(frozen=True)
class RoundPair:
    """One round at one concurrency: the same batch sent directly and through the gateway."""

    direct: BatchResult
    gateway: BatchResult


RoundPairs = dict[int, list[RoundPair]]
"""The rounds measured at each concurrency level."""


@dataclass(frozen=True)
class PathFigures:
    """Pooled figures of one path over all rounds at one concurrency."""

    ttft_ms: Summary | None
    tokens_per_s: float | None
    requests_per_s: float | None
    requests: int
    errors: int


def path_figures(batches: Sequence[BatchResult]) -> PathFigures:
    """Pool the batches of one path: TTFT over every request, rates over the summed wall time."""
    ok = [s for b in batches for s in b.ok]
    ttft = Summary.of([s.ttft_s for s in ok if s.ttft_s is not None])
    wall = sum(b.wall_s for b in batches)
    return PathFigures(
        ttft_ms=ttft.scaled(1000) if ttft else None,
        tokens_per_s=rate(sum(s.tokens for s in ok), wall),
        requests_per_s=rate(len(ok), wall),
        requests=sum(len(b.samples) for b in batches),
        errors=sum(b.errors for b in batches),
    )


@dataclass(frozen=True)
class LevelFigures:
    """Direct vs gateway at one concurrency, with pooled ratios and per-round ranges."""

    concurrency: int
    rounds: int
    direct: PathFigures
    gateway: PathFigures
    ttft_p50_ratio: float | None
    ttft_p95_ratio: float | None
    tokens_ratio: float | None
    requests_ratio: float | None
    ttft_ratio_range: tuple[float, float] | None
    tokens_ratio_range: tuple[float, float] | None


def _p(summary: Summary | None, attr: str) -> float | None:
    return None if summary is None else float(getattr(summary, attr))


def level_figures(concurrency: int, pairs: Sequence[RoundPair]) -> LevelFigures:
    """Figures of one concurrency level from its rounds."""
    direct = path_figures([p.direct for p in pairs])
    gateway = path_figures([p.gateway for p in pairs])
    round_ttft, round_tokens = [], []
    for pair in pairs:
        d, g = path_figures([pair.direct]), path_figures([pair.gateway])
        round_ttft.append(ratio(_p(g.ttft_ms, "p50"), _p(d.ttft_ms, "p50")))
        round_tokens.append(ratio(g.tokens_per_s, d.tokens_per_s))
    return LevelFigures(
        concurrency=concurrency,
        rounds=len(pairs),
        direct=direct,
        gateway=gateway,
        ttft_p50_ratio=ratio(_p(gateway.ttft_ms, "p50"), _p(direct.ttft_ms, "p50")),
        ttft_p95_ratio=ratio(_p(gateway.ttft_ms, "p95"), _p(direct.ttft_ms, "p95")),
        tokens_ratio=ratio(gateway.tokens_per_s, direct.tokens_per_s),
        requests_ratio=ratio(gateway.requests_per_s, direct.requests_per_s),
        ttft_ratio_range=spread(round_ttft),
        tokens_ratio_range=spread(round_tokens),
    )


def _range(value: tuple[float, float] | None) -> str | None:
    return None if value is None else f"{value[0]:.2f}-{value[1]:.2f}"


def overhead_tables(levels: Sequence[LevelFigures]) -> tuple[Table, Table]:
    """The ratio table (the headline) and the absolute figures of both paths."""
    ratios = Table(
        "Gateway / direct ratios (pooled over all rounds; per-round min-max on the right)",
        ("streams", "rounds", "TTFT p50", "TTFT p95", "tokens/s", "requests/s", "TTFT p50 per round", "tokens/s per round"),
        tuple(
            (lv.concurrency, lv.rounds, lv.ttft_p50_ratio, lv.ttft_p95_ratio, lv.tokens_ratio,
             lv.requests_ratio, _range(lv.ttft_ratio_range), _range(lv.tokens_ratio_range))
            for lv in levels
        ),
    )  # fmt: skip
    absolute_rows = []
    for lv in levels:
        for name, path in (("direct", lv.direct), ("gateway", lv.gateway)):
            absolute_rows.append((
                lv.concurrency, name, path.requests, path.errors, _p(path.ttft_ms, "p50"),
                _p(path.ttft_ms, "p95"), path.tokens_per_s, path.requests_per_s,
            ))  # fmt: skip
    absolute = Table(
        "Absolute figures (TTFT in ms)",
        ("streams", "path", "requests", "errors", "TTFT p50", "TTFT p95", "tokens/s", "requests/s"),
        tuple(absolute_rows),
    )
    return ratios, absolute


def overhead_checks(levels: Sequence[LevelFigures]) -> tuple[Check, ...]:
    """The issue's targets at every concurrency: TTFT ratio <= 1.10, throughput ratio >= 0.95."""
    checks: list[Check] = []
    for lv in levels:
        checks.append(
            at_most(
                f"TTFT p50 ratio, {lv.concurrency} streams", lv.ttft_p50_ratio, TTFT_RATIO_TARGET
            )
        )
        checks.append(
            at_least(
                f"tokens/s ratio, {lv.concurrency} streams",
                lv.tokens_ratio,
                THROUGHPUT_RATIO_TARGET,
            )
        )
    return tuple(checks)


def overhead_charts(levels: Sequence[LevelFigures]) -> tuple[Chart, Chart]:
    """TTFT and throughput against concurrency, both paths."""
    xs = tuple(float(lv.concurrency) for lv in levels)

    def line(label: str, values: Sequence[float | None]) -> Line:
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        return Line(label, tuple(x for x, _ in points), tuple(v for _, v in points))

    ttft = Chart(
        "gateway-ttft", "Time to first token (p50)", "concurrent streams", "TTFT p50 (ms)",
        (line("direct vLLM", [_p(lv.direct.ttft_ms, "p50") for lv in levels]),
         line("gateway + guardrail", [_p(lv.gateway.ttft_ms, "p50") for lv in levels])),
        log_x=True, scaling=True,
    )  # fmt: skip
    tokens = Chart(
        "gateway-throughput", "Output tokens per second", "concurrent streams", "tokens/s",
        (line("direct vLLM", [lv.direct.tokens_per_s for lv in levels]),
         line("gateway + guardrail", [lv.gateway.tokens_per_s for lv in levels])),
        log_x=True, scaling=True,
    )  # fmt: skip
    return ttft, tokens


def overhead_data(levels: Sequence[LevelFigures]) -> list[dict[str, Any]]:
    """The figures as JSON data."""
    out = []
    for lv in levels:
        entry: dict[str, Any] = {
            key: getattr(lv, key)
            for key in ("concurrency", "rounds", "ttft_p50_ratio", "ttft_p95_ratio", "tokens_ratio",
                        "requests_ratio", "ttft_ratio_range", "tokens_ratio_range")
        }  # fmt: skip
        for name in ("direct", "gateway"):
            path: PathFigures = getattr(lv, name)
            entry[name] = {
                "ttft_ms": path.ttft_ms.__dict__ if path.ttft_ms else None,
                "tokens_per_s": path.tokens_per_s,
                "requests_per_s": path.requests_per_s,
                "requests": path.requests,
                "errors": path.errors,
            }
        out.append(entry)
    return out


def levels_from_rounds(rounds: Mapping[int, Sequence[RoundPair]]) -> list[LevelFigures]:
    """Figures for every concurrency that completed at least one round, in ascending order."""
    return [level_figures(c, pairs) for c, pairs in sorted(rounds.items()) if pairs]
