"""Render a run as aligned plain text for the terminal (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from bench.formatting import format_cell, format_measured, format_verdict
from bench.report_markdown import STATUS_LABEL
from bench.results import Cell, RunResult


def text_table(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [[format_cell(c) for c in row] for row in rows]
    widths = [max([len(col), *(len(r[i]) for r in cells)]) for i, col in enumerate(columns)]
    numeric = [
        all(
            (isinstance(row[i], int | float) and not isinstance(row[i], bool)) or row[i] is None
            for row in rows
        )
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def render_console(run: RunResult) -> str:
    """Every section's status and tables, then the target summary."""
    out = [f"Tresor benchmarks, {run.mode} mode, started {run.started_at}"]
    for section in run.sections:
        header = f"\n== {section.title}: {STATUS_LABEL[section.status]}"
        if section.reason:
            header += f" ({section.reason})"
        out.append(header)
        for table in section.tables:
            out.append(f"\n{table.title}\n{text_table(table.columns, table.rows)}")
    checks = run.checks()
    if checks:
        rows = [(s, c.name, format_measured(c), c.target, format_verdict(c)) for s, c in checks]
        out.append(
            "\n== Targets\n"
            + text_table(("section", "target", "measured", "goal", "verdict"), rows)
        )
    return "\n".join(out)
