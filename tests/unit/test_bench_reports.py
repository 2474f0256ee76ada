"""Report writers: JSON, Markdown, console text and PNG plots from a hand-built run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.formatting import format_cell, format_measured
from bench.report_console import render_console, text_table
from bench.report_files import run_folder_name, write_report
from bench.report_markdown import markdown_table, render_markdown
from bench.results import (
    Chart,
    Check,
    Line,
    RunResult,
    SectionResult,
    Table,
    at_least,
    at_most,
    not_available,
    run_to_dict,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def sample_run() -> RunResult:
    chart = Chart("lat", "Latency", "chars", "ms", (Line("a", (100.0, 1000.0), (1.0, float("nan"))),),
                  log_x=True, log_y=True, scaling=True)  # fmt: skip
    ok = SectionResult(
        "guardrail", "Guardrail", "ok",
        tables=(Table("Latency", ("lang", "p50", "ratio"), (("de", 12.345, None), ("en", 0.5, 2.0))),),
        charts=(chart,),
        checks=(at_most("restore", 0.2, 1.0, " ms"), at_least("speedup", 1.5, 2.0, "x"),
                Check("recall", None, "> 0.9", None)),
        notes=("a note with | a pipe",),
        data={"nan": float("nan"), "nested": (1, 2)},
    )  # fmt: skip
    missing = not_available("retrieval", "Retrieval", "rag.bench is not built yet")
    return RunResult("2026-11-25T12:50:03Z", "quick", "python -m bench.run --quick",
                     {"cpu_model": "Test CPU", "cpu_count": 2, "load_avg_start": [1.0, 2.0, 3.0]},
                     (ok, missing), 12.0)  # fmt: skip


def test_checks_compare_against_their_limits() -> None:
    assert at_most("x", 1.1, 1.10).passed is True
    assert at_most("x", 1.1001, 1.10).passed is False
    assert at_least("x", 0.95, 0.95).passed is True
    assert at_least("x", None, 0.95).passed is None
    assert format_measured(at_most("x", 1.1001, 1.1)) == "1.100"


def test_table_rows_must_fit_columns() -> None:
    with pytest.raises(ValueError):
        Table("t", ("a", "b"), (("only one",),))
    with pytest.raises(ValueError):
        Line("l", (1.0,), ())


@pytest.mark.parametrize(
    ("cell", "text"),
    [(None, "n/a"), (True, "yes"), (12, "12"), (123456, "123,456"), (1234.5, "1,234"), (12.345, "12.3"),
     (1.2345, "1.23"), (0.012345, "0.0123"), (0.0, "0"), (float("inf"), "n/a"), ("de", "de")],
)  # fmt: skip
def test_cell_format(cell: object, text: str) -> None:
    assert format_cell(cell) == text  # type: ignore[arg-type]


def test_json_is_strict_and_complete() -> None:
    data = run_to_dict(sample_run())
    text = json.dumps(data, allow_nan=False)  # NaN would make this raise
    back = json.loads(text)
    assert back["schema"] == "tresor-bench/1"
    assert [s["status"] for s in back["sections"]] == ["ok", "not_available"]
    assert back["sections"][0]["data"] == {"nan": None, "nested": [1, 2]}
    assert back["sections"][0]["charts"][0]["lines"][0]["y"] == [1.0, None]


def test_markdown_has_targets_machine_sections_and_escapes_pipes() -> None:
    md = render_markdown(sample_run(), {"guardrail": ["lat.png"]}, "scaling.png")
    assert "| guardrail | speedup | 1.500 | >= 2x | FAIL |" in md
    assert "| guardrail | restore | 0.200 | <= 1 ms | PASS |" in md
    assert "| guardrail | recall | n/a | > 0.9 | n/a |" in md
    assert "| CPU | Test CPU |" in md and "1.0 / 2.0 / 3.0" in md
    assert "Status: **not available** (rag.bench is not built yet)" in md
    assert "![guardrail](lat.png)" in md and "![scaling](scaling.png)" in md
    assert "| de | 12.3 | n/a |" in md
    assert markdown_table(("a",), [("x|y",)]).endswith("| x\\|y |")


def test_console_table_aligns_columns() -> None:
    table = text_table(("name", "value"), [("a", 1.5), ("longer", 100.0)])
    lines = table.splitlines()
    assert len({len(line) for line in lines}) == 1
    assert lines[2].endswith("1.50") and lines[3].endswith(" 100")
    text = render_console(sample_run())
    assert "== Retrieval: not available (rag.bench is not built yet)" in text
    assert "FAIL" in text and "PASS" in text


def test_report_files_latest_and_timestamped_copy(tmp_path: Path) -> None:
    run = sample_run()
    latest, stamped = write_report(run, tmp_path)
    assert latest.json_path == tmp_path / "latest.json"
    assert stamped.markdown_path == tmp_path / "runs" / "20261125-125003" / "results.md"
    for report in (latest, stamped):
        assert json.loads(report.json_path.read_text())["started_at"] == run.started_at
        markdown = report.markdown_path.read_text()
        assert len(report.images) == 2  # the section chart and the scaling figure
        for image in report.images:
            assert image.read_bytes()[:8] == PNG_MAGIC
            assert f"]({image.name})" in markdown  # links are relative to the Markdown file
    assert not list(tmp_path.rglob("*.tmp"))


def test_run_folder_name() -> None:
    assert run_folder_name("2026-11-25T12:50:03Z") == "20261125-125003"
