"""Render a run as Markdown: machine stamp, target summary, then each section (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bench.formatting import format_cell, format_measured, format_verdict
from bench.results import Cell, RunResult, SectionResult, Table

STATUS_LABEL = {
    "ok": "ok",
    "not_available": "not available",
    "failed": "FAILED",
    "skipped": "skipped",
}

MACHINE_KEYS = (
    ("cpu_model", "CPU"),
    ("cpu_features", "CPU vector and matrix units"),
    ("cpu_count", "logical cores"),
    ("cpu_affinity", "cores usable"),
    ("memory_gib", "RAM (GiB)"),
    ("gpu", "GPU"),
    ("load_avg_start", "load average at start (1/5/15 min)"),
    ("load_avg_end", "load average at end (1/5/15 min)"),
    ("python", "Python"),
    ("torch", "torch"),
    ("vllm", "vLLM"),
    ("presidio_analyzer", "presidio-analyzer"),
    ("spacy", "spaCy"),
    ("qdrant_client", "qdrant-client"),
    ("git_commit", "git commit"),
    ("git_dirty", "uncommitted changes"),
)


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A GitHub-flavoured Markdown table; numbers are right-aligned."""
    numeric = [
        all(
            (isinstance(row[i], int | float) and not isinstance(row[i], bool)) or row[i] is None
            for row in rows
        )
        and bool(rows)
        for i in range(len(columns))
    ]
    head = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    body = [
        "| " + " | ".join(format_cell(c).replace("|", "\\|") for c in row) + " |" for row in rows
    ]
    return "\n".join([head, rule, *body])


def _table(table: Table) -> str:
    return f"**{table.title}**\n\n{markdown_table(table.columns, table.rows)}\n"


def render_targets(run: RunResult) -> str:
    """One table of every target check across sections."""
    checks = run.checks()
    if not checks:
        return "_No target checks in this run._\n"
    rows = [
        (section, check.name, format_measured(check), check.target, format_verdict(check))
        for section, check in checks
    ]
    return markdown_table(("section", "target", "measured", "goal", "verdict"), rows) + "\n"


def render_machine(run: RunResult) -> str:
    """The machine stamp as a two-column table."""
    rows = [(label, run.machine.get(key)) for key, label in MACHINE_KEYS if key in run.machine]
    return markdown_table(("fact", "value"), [(k, _plain(v)) for k, v in rows]) + "\n"


def _plain(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list | tuple):
        return " / ".join(str(v) for v in value)
    return str(value)


def render_section(section: SectionResult, images: Sequence[str] = ()) -> str:
    """One section: status, tables, notes and its chart images."""
    parts = [f"## {section.title}\n", f"Status: **{STATUS_LABEL[section.status]}**"]
    if section.reason:
        parts[-1] += f" ({section.reason})"
    if section.duration_s:
        parts[-1] += f"; took {section.duration_s:.0f} s"
    parts[-1] += "\n"
    parts.extend(_table(t) for t in section.tables)
    if section.notes:
        parts.append("\n".join(f"- {note}" for note in section.notes) + "\n")
    parts.extend(f"![{section.name}]({path})\n" for path in images)
    return "\n".join(parts)


def render_markdown(
    run: RunResult, images: Mapping[str, Sequence[str]] | None = None, scaling: str | None = None
) -> str:
    """The whole report; ``images`` maps section names to relative PNG paths."""
    images = images or {}
    parts = [
        "# Tresor benchmarks\n",
        f"Run started {run.started_at} ({run.mode} mode, {run.duration_s:.0f} s). "
        f"Reproduce with `{run.command}`.\n",
        "## Targets\n",
        render_targets(run),
        "## Machine\n",
        render_machine(run),
    ]
    if scaling:
        parts += ["## Scaling\n", f"![scaling]({scaling})\n"]
    parts.extend(render_section(s, images.get(s.name, ())) for s in run.sections)
    return "\n".join(parts)
