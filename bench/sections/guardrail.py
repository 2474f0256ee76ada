"""Guardrail section (issues 3 and 6): Tresor's guard against default Presidio, same run.

Per message: German and English texts of 100, 1,000 and 5,000 characters, each one new (no
cache can help), the guard and the baseline interleaved message by message so machine noise
hits both alike. Alongside latency it counts how many planted values each lets through, and
it times the streaming restore of the guarded text chunk by chunk.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.budget import Deadline
from bench.options import Profile
from bench.results import Chart, Check, Line, SectionResult, Table, at_least, at_most
from bench.section import SectionContext
from bench.stats import Summary, ratio
from bench.texts import Language, PiiText, PiiTextFactory, leaked
from bench.tresor_guard import bench_context, build_tresor_guard, close_guard, protected_text
from serving.errors import PolicyBlocked
from serving.stages import GuardedCall, RequestGuard

NAME = "guardrail"
TITLE = "Guardrail: per-message latency vs default Presidio"
LANGUAGES: tuple[Language, ...] = ("de", "en")
SPEEDUP_TARGET = 2.0
RESTORE_TARGET_MS = 1.0
WARMUP_MESSAGES = 3

Protect = Callable[[str], str]


@dataclass
class CellFigures:
    """Samples of one (language, size) cell."""

    language: Language
    size: int
    tresor_s: list[float] = field(default_factory=list)
    baseline_s: list[float] = field(default_factory=list)
    #: process CPU time per message (every thread of the process)
    tresor_cpu_s: list[float] = field(default_factory=list)
    baseline_cpu_s: list[float] = field(default_factory=list)
    planted: int = 0
    tresor_leaked: int = 0
    baseline_leaked: int = 0
    blocked: int = 0
    restore_call: GuardedCall | None = None


@dataclass(frozen=True)
class RestoreFigures:
    """Per-chunk cost of streaming restore over one guarded text."""

    language: Language
    size: int
    chunk_s: tuple[float, ...]
    consistent: bool


def split_chunks(text: str, chars: int) -> list[str]:
    """The text in pieces of ``chars`` characters (a model streams a few characters per token)."""
    return [text[i : i + chars] for i in range(0, len(text), chars)]


def time_restore(call: GuardedCall, chars: int) -> tuple[list[float], bool]:
    """Feed the guarded text through a fresh restorer; per-chunk seconds and whether the
    streamed result equals the whole-text restore."""
    guarded = protected_text(call.messages)
    restorer = call.stream_restorer()
    timings: list[float] = []
    parts: list[str] = []
    for chunk in split_chunks(guarded, chars):
        started = time.perf_counter()
        parts.append(restorer.feed(chunk))
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    parts.append(restorer.flush())
    timings.append(time.perf_counter() - started)
    return timings, "".join(parts) == call.restore(guarded)


class GuardRunner:
    """Calls the async guard from synchronous benchmark code on one private event loop."""

    def __init__(self, guard: RequestGuard) -> None:
        self._guard = guard
        self._loop = asyncio.new_event_loop()

    def protect(self, text: str, index: int) -> GuardedCall:
        """Guard one user message; PolicyBlocked propagates."""
        messages: list[dict[str, Any]] = [{"role": "user", "content": text}]
        return self._loop.run_until_complete(
            self._guard.guard_input(messages, bench_context(index))
        )

    def close(self) -> None:
        self._loop.close()


def _measure_one(
    cell: CellFigures, sample: PiiText, runner: GuardRunner, baseline: Protect, index: int
) -> None:
    guard_first = index % 2 == 0
    for turn in (0, 1):
        if (turn == 0) == guard_first:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                call = runner.protect(sample.text, index)
            except PolicyBlocked:  # refused: nothing reached the model, so nothing leaked
                cell.tresor_s.append(time.perf_counter() - started)
                cell.tresor_cpu_s.append(time.process_time() - cpu)
                cell.blocked += 1
                continue
            cell.tresor_s.append(time.perf_counter() - started)
            cell.tresor_cpu_s.append(time.process_time() - cpu)
            cell.tresor_leaked += len(leaked(sample, protected_text(call.messages)))
            cell.restore_call = cell.restore_call or call
        else:
            started, cpu = time.perf_counter(), time.process_time()
            output = baseline(sample.text)
            cell.baseline_s.append(time.perf_counter() - started)
            cell.baseline_cpu_s.append(time.process_time() - cpu)
            cell.baseline_leaked += len(leaked(sample, output))
    cell.planted += len(sample.planted)


def measure_cells(
    runner: GuardRunner, baseline: Protect, profile: Profile, factory: PiiTextFactory
) -> list[CellFigures]:
    """Interleaved guard/baseline samples for every language and size, bounded in count and time."""
    for index, language in enumerate(LANGUAGES * WARMUP_MESSAGES):  # first-call costs excluded
        sample = factory.make(language, 200)
        with contextlib.suppress(PolicyBlocked):
            runner.protect(sample.text, -1 - index)
        baseline(sample.text)
    cells: list[CellFigures] = []
    index = 0
    for language in LANGUAGES:
        for size in profile.guard_sizes:
            cell = CellFigures(language, size)
            deadline = Deadline(profile.guard_cell_budget_s)
            for _ in range(profile.guard_samples):
                if len(cell.tresor_s) >= 3 and deadline.expired():
                    break
                _measure_one(cell, factory.make(language, size), runner, baseline, index)
                index += 1
            cells.append(cell)
    return cells


def _recall(planted: int, leaked_count: int) -> float | None:
    return None if planted == 0 else 1.0 - leaked_count / planted


def _ms(values: Sequence[float]) -> Summary | None:
    summary = Summary.of(values)
    return summary.scaled(1000) if summary else None


def build_result(
    cells: list[CellFigures], restores: list[RestoreFigures], profile: Profile
) -> SectionResult:
    """Tables, charts and target checks from the measured cells (pure)."""
    latency_rows = []
    checks: list[Check] = []
    data: dict[str, Any] = {"cells": [], "restore": []}
    for cell in cells:
        tresor, base = _ms(cell.tresor_s), _ms(cell.baseline_s)
        tresor_cpu, base_cpu = _ms(cell.tresor_cpu_s), _ms(cell.baseline_cpu_s)
        speedup = ratio(base.p50 if base else None, tresor.p50 if tresor else None)
        latency_rows.append((
            cell.language, cell.size, tresor.n if tresor else 0,
            tresor.p50 if tresor else None, tresor.p95 if tresor else None,
            base.p50 if base else None, base.p95 if base else None, speedup,
            tresor_cpu.p50 if tresor_cpu else None, base_cpu.p50 if base_cpu else None,
        ))  # fmt: skip
        checks.append(
            at_least(
                f"speedup p50 vs Presidio, {cell.language} {cell.size} chars",
                speedup,
                SPEEDUP_TARGET,
                "x",
            )
        )
        data["cells"].append({
            "language": cell.language, "size": cell.size,
            "tresor_ms": tresor.__dict__ if tresor else None,
            "presidio_ms": base.__dict__ if base else None,
            "tresor_cpu_ms": tresor_cpu.__dict__ if tresor_cpu else None,
            "presidio_cpu_ms": base_cpu.__dict__ if base_cpu else None,
            "speedup_p50": speedup, "planted": cell.planted, "tresor_leaked": cell.tresor_leaked,
            "presidio_leaked": cell.baseline_leaked, "tresor_blocked": cell.blocked,
        })  # fmt: skip
    recall_rows = []
    for language in LANGUAGES:
        mine = [c for c in cells if c.language == language]
        planted = sum(c.planted for c in mine)
        tresor_recall = _recall(planted, sum(c.tresor_leaked for c in mine))
        base_recall = _recall(planted, sum(c.baseline_leaked for c in mine))
        recall_rows.append(
            (language, planted, tresor_recall, base_recall, sum(c.blocked for c in mine))
        )
        better = None
        if tresor_recall is not None and base_recall is not None:
            better = tresor_recall > base_recall or tresor_recall == base_recall == 1.0
        base_text = "n/a" if base_recall is None else f"{base_recall:.3f}"
        checks.append(
            Check(
                f"value recall {language} vs Presidio",
                tresor_recall,
                f"> {base_text} (Presidio)",
                better,
            )
        )
    restore_rows = []
    all_chunks: list[float] = []
    for restore in restores:
        summary = _ms(restore.chunk_s)
        all_chunks.extend(restore.chunk_s)
        restore_rows.append((
            restore.language, restore.size, len(restore.chunk_s),
            summary.p50 * 1000 if summary else None, summary.p95 * 1000 if summary else None,
            summary.max * 1000 if summary else None, restore.consistent,
        ))  # fmt: skip
        data["restore"].append({"language": restore.language, "size": restore.size,
                                "chunk_ms": summary.__dict__ if summary else None,
                                "consistent": restore.consistent})  # fmt: skip
    overall = _ms(all_chunks)
    checks.append(
        at_most(
            "streaming restore p95 per chunk",
            overall.p95 if overall else None,
            RESTORE_TARGET_MS,
            " ms",
        )
    )
    lines = []
    for label, attr in (("Tresor", "tresor_s"), ("Presidio", "baseline_s")):
        for language in LANGUAGES:
            points = [
                (float(c.size), summary.p50)
                for c in cells
                if c.language == language and (summary := _ms(getattr(c, attr))) is not None
            ]
            lines.append(
                Line(
                    f"{label} {language}", tuple(x for x, _ in points), tuple(y for _, y in points)
                )
            )
    chart = Chart("guardrail-latency", "Guardrail p50 latency per message", "message length (characters)",
                  "p50 latency (ms)", tuple(lines), log_x=True, log_y=True, scaling=True)  # fmt: skip
    tables = (
        Table("Per-message latency (ms); speedup = Presidio p50 / Tresor p50; CPU: process CPU time",
              ("lang", "chars", "n", "Tresor p50", "Tresor p95", "Presidio p50", "Presidio p95", "speedup",
               "Tresor CPU p50", "Presidio CPU p50"),
              tuple(latency_rows)),
        Table("Planted values kept from the model (names, e-mails, phones, IBANs)",
              ("lang", "planted", "Tresor recall", "Presidio recall", "Tresor blocked"), tuple(recall_rows)),
        Table(f"Streaming restore per chunk of {profile.restore_chunk_chars} characters (µs)",
              ("lang", "chars", "chunks", "p50 µs", "p95 µs", "max µs", "= whole restore"), tuple(restore_rows)),
    )  # fmt: skip
    notes = (
        "Both sides see the same new synthetic message (Faker values in office-chat sentences); "
        "the order alternates message by message.",
        "Presidio baseline: default AnalyzerEngine (English recognizers, spaCy en_core_web_sm) + "
        "AnonymizerEngine; German text is analysed as English, as a default setup does.",
        "Recall: share of planted values no longer readable in what the model would get; a name "
        "counts as leaked when any of its words is still there.",
        "CPU: CPU time of the whole process per message, every thread. The guard runs the name "
        "tagger's windows on worker threads (guardrails.ner_workers) beside the request's "
        "thread, so on long messages its latency is below its CPU time; Presidio runs on one "
        "thread. The speedup is of latency on an otherwise idle machine, not of throughput.",
    )
    return SectionResult(
        NAME,
        TITLE,
        "ok",
        tables=tables,
        charts=(chart,),
        checks=tuple(checks),
        notes=notes,
        data=data,
    )


def measure_restores(cells: list[CellFigures], chunk_chars: int) -> list[RestoreFigures]:
    """Streaming restore timings for one guarded message per cell."""
    out = []
    for cell in cells:
        if cell.restore_call is not None:
            timings, consistent = time_restore(cell.restore_call, chunk_chars)
            out.append(RestoreFigures(cell.language, cell.size, tuple(timings), consistent))
    return out


def measure(
    guard: RequestGuard, baseline: Protect, profile: Profile, seed: int = 7
) -> SectionResult:
    """The whole section for a given guard and baseline (fakes in unit tests, real ones here)."""
    runner = GuardRunner(guard)
    try:
        cells = measure_cells(runner, baseline, profile, PiiTextFactory(seed))
        restores = measure_restores(cells, profile.restore_chunk_chars)
    finally:
        runner.close()
    return build_result(cells, restores, profile)


def run(ctx: SectionContext) -> SectionResult:
    """Load the real guardrail and the Presidio baseline, then measure both."""
    guard = build_tresor_guard(ctx.config, ctx.work_dir / "guard")
    try:
        from bench.presidio_baseline import PresidioBaseline

        baseline = PresidioBaseline(ctx.config.guardrails.spacy_model_en)
        return measure(guard, baseline.protect, ctx.options.profile)
    finally:
        close_guard(guard)
