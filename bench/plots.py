"""PNG plots of a run with matplotlib's Agg canvas (no display, no pyplot global state)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from bench.results import Chart, RunResult


def _draw(ax: Axes, chart: Chart) -> None:
    for line in chart.lines:
        points = [(x, y) for x, y in zip(line.x, line.y, strict=True) if math.isfinite(y)]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, marker="o", label=line.label)
    plain = FuncFormatter(lambda value, _pos: f"{value:g}")
    if chart.log_x:
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
    if chart.log_y:
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(plain)
    ticks = sorted({x for line in chart.lines for x in line.x})
    if 0 < len(ticks) <= 8:  # few measured points (sizes, concurrency): label exactly those
        ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(plain)
    ax.set_title(chart.title, fontsize=10)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(True, which="both", alpha=0.3)
    if any(line.x for line in chart.lines):
        ax.legend(fontsize=8)


def _save(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    FigureCanvasAgg(figure).print_png(str(path))
    return path


def write_chart(chart: Chart, path: Path) -> Path:
    """One chart as a PNG file."""
    figure = Figure(figsize=(6.4, 4.2), dpi=100, layout="constrained")
    _draw(figure.add_subplot(1, 1, 1), chart)
    return _save(figure, path)


def write_scaling_figure(charts: Sequence[Chart], path: Path) -> Path | None:
    """All scaling charts side by side in one figure; None when there are none."""
    if not charts:
        return None
    columns = min(3, len(charts))
    rows = math.ceil(len(charts) / columns)
    figure = Figure(figsize=(5.2 * columns, 4.0 * rows), dpi=100, layout="constrained")
    figure.suptitle("How each cost grows: input size, corpus size, concurrency", fontsize=11)
    for index, chart in enumerate(charts, start=1):
        _draw(figure.add_subplot(rows, columns, index), chart)
    return _save(figure, path)


def write_plots(
    run: RunResult, out_dir: Path, prefix: str
) -> tuple[dict[str, list[Path]], Path | None]:
    """Every chart of every section plus the scaling figure; returns the written paths."""
    written: dict[str, list[Path]] = {}
    for section in run.sections:
        for chart in section.charts:
            if chart.lines:
                path = write_chart(chart, out_dir / f"{prefix}{chart.name}.png")
                written.setdefault(section.name, []).append(path)
    scaling = [c for s in run.sections for c in s.charts if c.scaling and c.lines]
    return written, write_scaling_figure(scaling, out_dir / f"{prefix}scaling.png")
