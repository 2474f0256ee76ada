"""Write a run under the results folder: ``latest.*`` plus a timestamped copy.

Layout (``out`` is ``bench/results/`` by default)::

    out/latest.json  out/latest.md  out/latest-<chart>.png  out/latest-scaling.png
    out/runs/<YYYYmmdd-HHMMSS>/results.json  results.md  <chart>.png  scaling.png

Files are written to ``*.tmp`` first and renamed, so a crashed run never leaves half a report.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from bench.plots import write_plots
from bench.report_markdown import render_markdown
from bench.results import RunResult, run_to_dict


@dataclass(frozen=True)
class WrittenReport:
    """Where one copy of the report went."""

    json_path: Path
    markdown_path: Path
    images: tuple[Path, ...]


def run_folder_name(started_at: str) -> str:
    """``2026-11-25T12:50:03Z`` -> ``20261125-125003`` (sortable, no colons)."""
    digits = "".join(ch for ch in started_at if ch.isdigit())
    return f"{digits[:8]}-{digits[8:14]}"


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_copy(run: RunResult, folder: Path, stem: str, image_prefix: str) -> WrittenReport:
    """One copy: ``<stem>.json``, ``<stem>.md`` and the PNGs, image links relative to ``folder``."""
    images, scaling = write_plots(run, folder, image_prefix)
    relative = {name: [p.name for p in paths] for name, paths in images.items()}
    markdown = render_markdown(run, relative, scaling.name if scaling else None)
    json_path, markdown_path = folder / f"{stem}.json", folder / f"{stem}.md"
    _write_text(json_path, json.dumps(run_to_dict(run), indent=2, allow_nan=False) + "\n")
    _write_text(markdown_path, markdown)
    all_images = [p for paths in images.values() for p in paths] + ([scaling] if scaling else [])
    return WrittenReport(json_path, markdown_path, tuple(all_images))


def write_report(run: RunResult, out: Path) -> tuple[WrittenReport, WrittenReport]:
    """The ``latest`` copy and the timestamped one."""
    latest = write_copy(run, out, "latest", "latest-")
    stamped = write_copy(run, out / "runs" / run_folder_name(run.started_at), "results", "")
    return latest, stamped
