"""Section logic with fakes: guardrail measurement, detection/retrieval/usefulness results."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.options import QUICK, BenchOptions
from bench.section import SectionContext
from bench.sections import detection, guardrail, retrieval, usefulness
from serving.config import TresorConfig
from serving.errors import PolicyBlocked
from serving.stages import CallerContext
from tests.fakes import SwapGuard

TINY = replace(QUICK, guard_sizes=(100, 300), guard_samples=3, guard_cell_budget_s=30.0,
               retrieval_sizes=(10, 20), retrieval_budget_s=30.0)  # fmt: skip


class BlockingGuard(SwapGuard):
    """Refuses every request, as a policy with ``block`` would."""

    async def guard_input(self, messages: list[dict[str, Any]], ctx: CallerContext) -> Any:
        raise PolicyBlocked("The request contains personal data that the policy does not allow.")


def test_guardrail_section_compares_guard_and_baseline() -> None:
    result = guardrail.measure(SwapGuard({}), lambda text: "", TINY)
    latency, recall, restore = result.tables
    assert [(row[0], row[1], row[2]) for row in latency.rows] == [
        ("de", 100, 3), ("de", 300, 3), ("en", 100, 3), ("en", 300, 3)
    ]  # fmt: skip
    # CPU time per message next to latency, for both sides
    assert latency.columns[-2:] == ("Tresor CPU p50", "Presidio CPU p50")
    assert all(row[-2] is not None and row[-1] is not None for row in latency.rows)
    assert all(cell["tresor_cpu_ms"]["n"] == 3 for cell in result.data["cells"])
    # the pass-through guard lets everything through; the "baseline" drops everything
    assert [(row[0], row[2], row[3]) for row in recall.rows] == [("de", 0.0, 1.0), ("en", 0.0, 1.0)]
    assert all(row[6] is True for row in restore.rows)  # streamed restore == whole restore
    checks = {c.name: c for c in result.checks}
    assert checks["value recall de vs Presidio"].passed is False
    assert "speedup p50 vs Presidio, en 300 chars" in checks
    assert checks["streaming restore p95 per chunk"].value is not None
    chart = result.charts[0]
    assert chart.scaling and {line.label for line in chart.lines} == {
        "Tresor de",
        "Tresor en",
        "Presidio de",
        "Presidio en",
    }


def test_guardrail_refusals_count_as_protected() -> None:
    result = guardrail.measure(BlockingGuard({}), lambda text: text, TINY)
    recall = result.tables[1]
    assert [(row[2], row[3]) for row in recall.rows] == [(1.0, 0.0), (1.0, 0.0)]
    assert all(row[4] == 6 for row in recall.rows)  # 2 sizes x 3 messages refused per language
    assert result.tables[2].rows == ()  # nothing to restore


def test_streaming_restore_chunks() -> None:
    assert guardrail.split_chunks("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_detection_result_from_probe_payload() -> None:
    payload = {"build_s": 2.0, "first_call_s": 0.5, "cpu": 1, "presidio_ready_s": 1.0,
               "tresor_s": {"de": [0.004, 0.006], "en": [0.002]}, "presidio_s": {"de": [0.012], "en": []},
               "detect_s": {"de": [0.0045, 0.0055], "en": [0.0052]}}  # fmt: skip
    result = detection.build_result(payload)
    verdicts = {c.name: (c.value, c.passed) for c in result.checks}
    # the target is checked on detection alone; the whole input path is reported beside it
    assert verdicts["detection p50, 200 chars, one core, de"] == (pytest.approx(5.0), True)
    assert verdicts["detection p50, 200 chars, one core, en"] == (pytest.approx(5.2), False)
    assert verdicts["model load (build + first call)"] == (2.5, True)
    latency = result.tables[0]
    assert latency.rows[0][5] == pytest.approx(5.0)  # whole input path p50, de
    assert latency.rows[0][-1] == pytest.approx(12.0 / 5.0)  # speedup vs Presidio
    assert latency.rows[1][7] is None  # no baseline sample: n/a, not zero
    assert "tresor_s" not in result.data and result.data["tresor_ms"]["en"]["n"] == 1
    assert result.data["detect_ms"]["de"]["n"] == 2


def ctx(tmp_path: Path, profile: Any = TINY) -> SectionContext:
    options = BenchOptions(profile=profile, out=tmp_path / "out", repo=Path.cwd())
    return SectionContext(options, TresorConfig(), tmp_path)


def _rag_result(n: int, dense: float, hybrid: float) -> dict[str, Any]:
    """The shape of ``rag.bench.run_retrieval_bench((n,))``."""
    return {
        "engine": "edge", "model": "e5", "embed_passages_per_s": 12.0,
        "embed_query": {"p50_ms": 20.0, "p95_ms": 30.0, "mean_ms": 22.0},
        "sizes": {str(n): {
            "write_chunks_per_s": 5000.0, "index_build_s": 1.5,
            "search_dense": {"p50_ms": dense, "p95_ms": dense * 2, "mean_ms": dense},
            "search_hybrid": {"p50_ms": hybrid, "p95_ms": hybrid * 2, "mean_ms": hybrid},
            "rss_mb": 700.0, "disk_mb": 40.0,
        }},
    }  # fmt: skip


def test_retrieval_result_from_rag_bench_figures() -> None:
    pdf = {"pages": 20, "chunks": 80, "seconds": 8.0, "chunks_per_s": 10.0, "failed": 0}
    result = retrieval.build_result(
        {100_000: _rag_result(100_000, 4.0, 10.0), 10_000: _rag_result(10_000, 1.0, 2.0)},
        pdf,
        ["n"],
    )
    index, ingest = result.tables
    assert [row[0] for row in index.rows] == [10_000, 100_000]  # ascending corpus size
    assert index.rows[1][3:8] == (4.0, 8.0, 10.0, 20.0, 2.5)
    figures = dict(ingest.rows)
    assert (
        figures["PDF end to end: chunks/s"] == 10.0
        and figures["embedder passages/s (sample)"] == 12.0
    )
    assert result.charts[0].lines[1].y == (2.0, 10.0) and result.charts[0].scaling
    assert result.notes[-1] == "n"
    checks = {c.name: (c.value, c.target, c.passed) for c in result.checks}
    assert checks == {
        "dense search p50, 100,000 chunks": (4.0, "<= 30 ms", True),
        "hybrid search p50, 100,000 chunks": (10.0, "<= 30 ms", True),
        "PDF ingestion end to end, 20 pages": (8.0, "<= 12 s", True),  # the 60 s / 100 pages rate
    }


def test_retrieval_targets_fail_when_missed_and_need_100k_chunks() -> None:
    slow = {"pages": 100, "chunks": 300, "seconds": 75.0, "chunks_per_s": 4.0, "failed": 0}
    result = retrieval.build_result({100_000: _rag_result(100_000, 12.0, 35.0)}, slow, [])
    assert [(c.name, c.passed) for c in result.checks] == [
        ("dense search p50, 100,000 chunks", True),
        ("hybrid search p50, 100,000 chunks", False),
        ("PDF ingestion end to end, 100 pages", False),
    ]
    assert retrieval.build_result({10_000: _rag_result(10_000, 1.0, 2.0)}, None, []).checks == ()


def test_retrieval_result_with_a_missing_size_and_no_pdf() -> None:
    result = retrieval.build_result({10_000: _rag_result(10_000, 1.0, 2.0)}, None, [])
    assert len(result.tables[0].rows) == 1
    assert "PDF end to end: chunks/s" not in dict(result.tables[1].rows)


def test_usefulness_hook_finds_eval_suites() -> None:
    parser = argparse.ArgumentParser()
    top = parser.add_subparsers()
    evals = top.add_parser("eval").add_subparsers()
    evals.add_parser("pii")
    assert usefulness.eval_suites(parser) == {"pii"}
    evals.add_parser("usefulness")
    assert usefulness.eval_suites(parser) == {"pii", "usefulness"}
    assert usefulness.eval_suites(argparse.ArgumentParser()) == set()


def test_usefulness_result_from_both_suites() -> None:
    overmasking = {"share": 0.016, "altered": 4, "total": 250, "target": 0.02, "meets_target": True,
                   "by_lang": {"de": {"hits": 3, "total": 125, "share": 0.024}}}  # fmt: skip
    restore = {
        "arms": [{"arm": "direct", "restore_rate": 0.8, "lenient": {"share": 0.9}, "failed_requests": 0},
                 {"arm": "tresor/tokens", "restore_rate": 0.7, "lenient": {"share": 0.85}, "failed_requests": 1}],
        "comparisons": [{"tresor": "tresor/tokens", "direct": "direct", "tresor_rate": 0.7,
                         "direct_rate": 0.8, "meets_target": False}],
    }  # fmt: skip
    result = usefulness.build_result({"overmasking": overmasking, "restore": restore}, ["n"])
    over, rates = result.tables
    assert over.rows == (("all", 4, 250, 0.016), ("de", 3, 125, 0.024))
    assert rates.rows[1] == ("tresor/tokens", 0.7, 0.85, 1)
    assert [(c.name, c.passed) for c in result.checks] == [
        ("over-masking share", True), ("restore rate tresor/tokens vs direct", False)
    ]  # fmt: skip
    assert result.checks[1].target == ">= 0.800 (direct)"


def test_usefulness_with_one_suite_only() -> None:
    result = usefulness.build_result(
        {"overmasking": {"share": 0.05, "altered": 5, "total": 100}}, []
    )
    assert len(result.tables) == 1 and result.checks == ()  # no target in the report: no verdict
