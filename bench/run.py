"""``python -m bench.run`` (``make bench``): run the benchmark sections, print and write results.

    python -m bench.run                 # full run (about 15 minutes on 2 cores)
    python -m bench.run --quick         # smoke run
    python -m bench.run --only guardrail --only detection
    python -m bench.run --only gateway --engine-url http://gpu-box:8000/v1 --concurrency 1,8,32,64

Results: ``<out>/latest.{json,md}``, ``<out>/latest-*.png`` and a copy under
``<out>/runs/<timestamp>/``. Exit status 1 when a section failed (crashed), else 0: missed
targets are findings, not errors.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.machine import load_average, machine_facts
from bench.options import FULL, QUICK, BenchOptions
from bench.report_console import render_console
from bench.report_files import write_report
from bench.results import RunResult, SectionResult, not_available
from bench.section import SectionContext, SectionSpec, SectionUnavailable
from bench.sections import section_names, select
from bench.stack import StackStartError
from serving.config_loader import ConfigError, load_config
from serving.engine.launcher import EngineStartError
from serving.errors import TresorError

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "bench" / "results"
#: Errors whose message is Tresor's own fixed text (never input text), safe to print.
OWN_ERRORS = (StackStartError, EngineStartError, TresorError, ConfigError, OSError, TimeoutError)

log = logging.getLogger("tresor.bench")


def _levels(text: str) -> tuple[int, ...]:
    try:
        levels = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            "expected numbers separated by commas, e.g. 1,8,32"
        ) from None
    if not levels or any(level < 1 for level in levels):
        raise argparse.ArgumentTypeError("concurrency levels must be positive")
    return levels


def build_parser() -> argparse.ArgumentParser:
    """The command-line options of the harness."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Tresor benchmark harness."
    )
    parser.add_argument("--quick", action="store_true", help="Small smoke run (a few minutes).")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SECTION",
        help=f"Run only this section (repeatable): {', '.join(section_names())}.",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="Results folder (default bench/results/)."
    )
    parser.add_argument(
        "--config", type=Path, default=None, help="Tresor config (default configs/tresor.yaml)."
    )
    parser.add_argument(
        "--engine-url",
        default=None,
        help="Use this OpenAI-compatible server (…/v1) instead of starting vLLM (GPU runs).",
    )
    parser.add_argument(
        "--model",
        default=None,
        help="Model folder for the own vLLM, or served model name with --engine-url.",
    )
    parser.add_argument(
        "--concurrency", type=_levels, default=None, help="Concurrency levels, e.g. 1,8,32."
    )
    parser.add_argument(
        "--max-tokens", type=int, default=None, help="Tokens per answer in the gateway workload."
    )
    parser.add_argument("--list", action="store_true", help="List the sections and exit.")
    return parser  # fmt: skip


def options_from(args: argparse.Namespace) -> BenchOptions:
    """The run's options from parsed arguments; unknown ``--only`` names raise ValueError."""
    only = tuple(name for value in args.only for name in value.split(",") if name)
    select(only)
    options = BenchOptions(
        profile=QUICK if args.quick else FULL,
        out=args.out,
        repo=REPO,
        config_path=args.config,
        engine_url=args.engine_url,
        model=args.model,
        only=only,
    )
    if args.concurrency:
        options = options.with_concurrency(args.concurrency)
    if args.max_tokens:
        options = options.with_max_tokens(args.max_tokens)
    return options


def run_section(
    spec: SectionSpec, ctx: SectionContext, clock: Callable[[], float] = time.monotonic
) -> SectionResult:
    """Run one section; "not available" and crashes become results instead of ending the run."""
    started = clock()
    try:
        result = spec.load()(ctx)
    except SectionUnavailable as exc:
        result = not_available(spec.name, spec.title, str(exc))
    except Exception as exc:  # a crashed section must not lose the others' results
        (ctx.work_dir / f"{spec.name}-error.txt").write_text(
            "".join(traceback.format_exception(exc)), encoding="utf-8"
        )
        detail = f": {exc}" if isinstance(exc, OWN_ERRORS) else ""
        result = SectionResult(spec.name, spec.title, "failed",
                               f"{type(exc).__name__}{detail}; traceback in {ctx.work_dir}")  # fmt: skip
    return SectionResult(
        result.name, result.title, result.status, result.reason, result.tables, result.charts,
        result.checks, result.notes, result.data, round(clock() - started, 1),
    )  # fmt: skip


def run_all(specs: Sequence[SectionSpec], ctx: SectionContext) -> list[SectionResult]:
    """Every selected section in order, printing progress to stderr."""
    results = []
    for spec in specs:
        print(f"bench: {spec.name} ...", file=sys.stderr, flush=True)
        result = run_section(spec, ctx)
        print(f"bench: {spec.name}: {result.status} ({result.duration_s:.0f} s) {result.reason}",
              file=sys.stderr, flush=True)  # fmt: skip
        results.append(result)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the harness; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.list:
        print("\n".join(section_names()))
        return 0
    try:
        options = options_from(args)
        config = load_config(args.config)
    except ValueError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"bench: invalid configuration\n{exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    started = time.monotonic()
    machine = machine_facts(REPO)
    work_dir = Path(tempfile.mkdtemp(prefix="tresor-bench-"))
    try:
        results = run_all(select(options.only), SectionContext(options, config, work_dir))
    except KeyboardInterrupt:
        print(f"bench: interrupted; scratch files in {work_dir}", file=sys.stderr)
        return 130
    machine["load_avg_end"] = load_average()
    run = RunResult(
        started_at=started_at,
        mode=options.profile.name,
        command=shlex.join(["python", "-m", "bench.run", *argv]),
        machine=machine,
        sections=tuple(results),
        duration_s=round(time.monotonic() - started, 1),
    )
    print(render_console(run))
    latest, stamped = write_report(run, options.out)
    print(f"\nbench: wrote {latest.markdown_path}, {latest.json_path} and {len(latest.images)} plots; "
          f"copy in {stamped.markdown_path.parent}")  # fmt: skip
    failed = [r.name for r in results if r.status == "failed"]
    if failed:
        print(
            f"bench: failed sections: {', '.join(failed)}; scratch files kept in {work_dir}",
            file=sys.stderr,
        )
        return 1
    shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
