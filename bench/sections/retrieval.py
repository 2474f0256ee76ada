"""Retrieval section (issues 5 and 6): ingestion rate, query p50/p95 at N chunks, dense vs
hybrid, measured by the retrieval package's own ``rag.bench`` functions.

Each measurement runs in a child (:mod:`bench.retrieval_probe`) with a hard time limit taken
from the section's budget: first a generated PDF ingested end to end (the honest ingestion
rate: parsing, chunking, embedding, writing), then one index size per child (store write rate,
index build, search latency without query embedding, with the access filter on). A size that
runs past the budget is reported as not measured; the sizes before it are kept.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from bench.budget import Deadline
from bench.child_config import write_child_config
from bench.results import Chart, Check, Line, SectionResult, Table, at_most
from bench.section import SectionContext
from bench.stats import ratio

NAME = "retrieval"
TITLE = "Retrieval: ingestion and query latency"
MODES = ("dense", "hybrid")
MIN_CHILD_S = 60.0
#: Issue 5's targets: search p50 at 100k chunks (without embedding), a 100-page PDF ingested.
SEARCH_P50_TARGET_MS = 30.0
SEARCH_TARGET_SIZE = 100_000
PDF_TARGET_S_PER_100_PAGES = 60.0


def _get(data: Any, *keys: str) -> float | None:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return None if data is None else float(data)


def build_result(
    sizes: dict[int, dict[str, Any]], pdf: dict[str, Any] | None, notes: list[str]
) -> SectionResult:
    """Tables and the corpus-size chart from ``run_retrieval_bench`` results per size (pure).

    ``sizes`` maps the index size to the result of one ``run_retrieval_bench((n,))`` call.
    """
    rows = []
    first: dict[str, Any] = {}
    for n, result in sorted(sizes.items()):
        first = first or result
        row = result.get("sizes", {}).get(str(n), {})
        dense_p50 = _get(row, "search_dense", "p50_ms")
        hybrid_p50 = _get(row, "search_hybrid", "p50_ms")
        rows.append((
            n, _get(row, "write_chunks_per_s"), _get(row, "index_build_s"),
            dense_p50, _get(row, "search_dense", "p95_ms"),
            hybrid_p50, _get(row, "search_hybrid", "p95_ms"), ratio(hybrid_p50, dense_p50),
            _get(row, "rss_mb"), _get(row, "disk_mb"),
        ))  # fmt: skip
    index = Table(
        "Index size: store writes, index build, search latency in ms (without query embedding)",
        ("chunks", "write chunks/s", "index build s", "dense p50", "dense p95", "hybrid p50",
         "hybrid p95", "hybrid/dense p50", "RSS MB", "disk MB"),
        tuple(rows),
    )  # fmt: skip
    ingest_rows: list[tuple[str, float | str | None]] = []
    if first:
        ingest_rows += [
            ("engine / embedder", f"{first.get('engine')} / {first.get('model')}"),
            ("embedder passages/s (sample)", _get(first, "embed_passages_per_s")),
            ("query embedding p50 ms", _get(first, "embed_query", "p50_ms")),
            ("query embedding p95 ms", _get(first, "embed_query", "p95_ms")),
        ]
    if pdf:
        ingest_rows += [
            (f"PDF end to end: {pdf.get('pages')} pages -> chunks", _get(pdf, "chunks")),
            ("PDF end to end: chunks/s", _get(pdf, "chunks_per_s")),
            ("PDF end to end: failed files", _get(pdf, "failed")),
        ]
    tables = [index]
    if ingest_rows:
        tables.append(
            Table("Ingestion (embedding bounds it on CPU)", ("figure", "value"), tuple(ingest_rows))
        )
    lines = tuple(
        Line(
            f"{mode} p50",
            tuple(float(r[0]) for r in rows if r[3 if mode == "dense" else 5] is not None),
            tuple(float(v) for r in rows if (v := r[3 if mode == "dense" else 5]) is not None),
        )
        for mode in MODES
    )
    chart = Chart("retrieval-query", "Search latency vs corpus size", "chunks in the index",
                  "search p50 (ms)", lines, log_x=True, scaling=True)  # fmt: skip
    notes = [
        "Index filled with perturbed copies of really embedded sample passages and generated "
        "German-like text (rag.bench); latency depends on sizes and sparsity, not meaning.",
        "Search with the access filter on (caller reads one of four teams' groups).",
        *notes,
    ]
    data = {"sizes": {str(n): r for n, r in sizes.items()}, "pdf_ingest": pdf}
    return SectionResult(NAME, TITLE, "ok", tables=tuple(tables), charts=(chart,),
                         checks=target_checks(rows, pdf), notes=tuple(notes), data=data)  # fmt: skip


def target_checks(rows: list[tuple[Any, ...]], pdf: dict[str, Any] | None) -> tuple[Check, ...]:
    """Search p50 at the largest measured size of at least 100k chunks (dense and hybrid), and
    the PDF's end-to-end time against the 100-page target's rate (60 s per 100 pages)."""
    checks: list[Check] = []
    large = [r for r in rows if r[0] >= SEARCH_TARGET_SIZE]
    if large:
        n, dense_p50, hybrid_p50 = large[-1][0], large[-1][3], large[-1][5]
        checks.append(at_most(f"dense search p50, {n:,} chunks", dense_p50, SEARCH_P50_TARGET_MS, " ms"))
        checks.append(at_most(f"hybrid search p50, {n:,} chunks", hybrid_p50, SEARCH_P50_TARGET_MS, " ms"))
    pages = _get(pdf, "pages") if pdf else None
    if pdf and pages:
        limit = PDF_TARGET_S_PER_100_PAGES * pages / 100
        checks.append(at_most(f"PDF ingestion end to end, {pages:.0f} pages", _get(pdf, "seconds"), limit, " s"))
    return tuple(checks)


def _probe(ctx: SectionContext, args: list[str], timeout_s: float) -> dict[str, Any] | None:
    """Run the probe; its JSON, or None when it ran out of time or failed (logged to work_dir)."""
    config_path = ctx.work_dir / "retrieval-config.json"
    if not config_path.exists():
        write_child_config(ctx.config, config_path)
    argv = [sys.executable, "-m", "bench.retrieval_probe", "--config", str(config_path),
            "--work-dir", str(ctx.work_dir / "retrieval"), *args]  # fmt: skip
    try:
        done = subprocess.run(argv, cwd=ctx.options.repo, capture_output=True, text=True,
                              timeout=timeout_s, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    payload: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    if done.returncode != 0 or not payload:
        log = ctx.work_dir / f"retrieval-probe-{'-'.join(args[:2]).strip('-')}.log"
        log.write_text(done.stderr[-20000:], encoding="utf-8")
        return None
    return payload


def run(ctx: SectionContext) -> SectionResult:
    """PDF ingestion, then each index size of the profile, within the section's budget."""
    profile = ctx.options.profile
    deadline = Deadline(profile.retrieval_budget_s)
    notes: list[str] = []
    pdf = None
    if profile.retrieval_pdf_pages:
        pdf = _probe(ctx, ["--pdf-pages", str(profile.retrieval_pdf_pages)],
                     max(MIN_CHILD_S, deadline.remaining() / (len(profile.retrieval_sizes) + 1)))  # fmt: skip
        if pdf is None:
            notes.append(
                f"PDF ingestion of {profile.retrieval_pdf_pages} pages: not measured (time limit or error)"
            )
    sizes: dict[int, dict[str, Any]] = {}
    for n in profile.retrieval_sizes:
        if deadline.expired():
            notes.append(f"{n} chunks: not measured, the section's time budget was spent")
            continue
        args = ["--size", str(n), "--queries", str(profile.retrieval_queries),
                "--embed-sample", str(profile.retrieval_embed_sample)]  # fmt: skip
        result = _probe(ctx, args, max(MIN_CHILD_S, deadline.remaining()))
        if result is None:
            notes.append(f"{n} chunks: not measured (ran past the time budget or failed)")
        else:
            sizes[n] = result
    if not sizes and pdf is None:
        return SectionResult(NAME, TITLE, "failed", "no retrieval measurement finished; see the probe logs",
                             notes=tuple(notes))  # fmt: skip
    return build_result(sizes, pdf, notes)
