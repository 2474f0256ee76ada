"""Usefulness section (issue 7): over-masking share and restore rate, from ``tresor eval``.

Issue 7 provides the suites ``tresor eval overmasking`` (share of ordinary business texts the
policy alters) and ``tresor eval restore`` (share of the user's values that reach them
verbatim, direct vLLM vs Tresor). This section runs each registered suite as a child process
with ``--json FILE`` and reports its figures; a suite that is not registered is skipped, and
with neither the section is "not available". The restore suite generates answers with a real
model (it starts its own vLLM unless ``--engine-url`` is given), so quick mode skips it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.results import Check, SectionResult, Table, at_most
from bench.section import SectionContext, SectionUnavailable

NAME = "usefulness"
TITLE = "Usefulness: over-masking and restore rate"
OVERMASKING, RESTORE = "overmasking", "restore"
TIMEOUT_S = {OVERMASKING: 600.0, RESTORE: 1200.0}


def eval_suites(parser: argparse.ArgumentParser) -> set[str]:
    """Names of the ``tresor eval`` suites registered in the CLI parser."""
    for action in parser._actions:  # argparse keeps sub-commands only here
        if isinstance(action, argparse._SubParsersAction) and "eval" in action.choices:
            for sub in action.choices["eval"]._actions:
                if isinstance(sub, argparse._SubParsersAction):
                    return set(sub.choices)
    return set()


def overmasking_result(report: dict[str, Any]) -> tuple[Table, list[Check]]:
    """Table and check of an ``eval overmasking`` JSON report (pure)."""
    rows: list[tuple[str, int | None, int | None, float | None]] = [
        ("all", report.get("altered"), report.get("total"), report.get("share"))
    ]
    for lang, tally in sorted((report.get("by_lang") or {}).items()):
        rows.append((lang, tally.get("hits"), tally.get("total"), tally.get("share")))
    table = Table(
        "Over-masking: ordinary texts the policy altered",
        ("texts", "altered", "total", "share"),
        tuple(rows),
    )
    checks = []
    if report.get("target") is not None:
        checks.append(at_most("over-masking share", report.get("share"), float(report["target"])))
    return table, checks


def restore_result(report: dict[str, Any]) -> tuple[Table, list[Check]]:
    """Table and checks of an ``eval restore`` JSON report (pure): Tresor arms >= direct."""
    rows = tuple(
        (arm.get("arm"), arm.get("restore_rate"), (arm.get("lenient") or {}).get("share"),
         arm.get("failed_requests"))
        for arm in report.get("arms", [])
    )  # fmt: skip
    table = Table("Restore rate: user's values back verbatim (lenient match alongside)",
                  ("arm", "verbatim", "lenient", "failed requests"), rows)  # fmt: skip
    checks = [
        Check(f"restore rate {c['tresor']} vs {c['direct']}", c.get("tresor_rate"),
              f">= {c.get('direct_rate', 0):.3f} (direct)", c.get("meets_target"))
        for c in report.get("comparisons", [])
    ]  # fmt: skip
    return table, checks


def build_result(reports: dict[str, dict[str, Any]], notes: list[str]) -> SectionResult:
    """The section from the suites' JSON reports (pure)."""
    tables: list[Table] = []
    checks: list[Check] = []
    for suite, build in ((OVERMASKING, overmasking_result), (RESTORE, restore_result)):
        if suite in reports:
            table, suite_checks = build(reports[suite])
            tables.append(table)
            checks.extend(suite_checks)
    return SectionResult(NAME, TITLE, "ok", tables=tuple(tables), checks=tuple(checks),
                         notes=tuple(notes), data=dict(reports))  # fmt: skip


def _run_suite(ctx: SectionContext, suite: str, extra: list[str]) -> dict[str, Any] | None:
    out: Path = ctx.work_dir / f"eval-{suite}.json"
    argv = [sys.executable, "-m", "serving.cli"]
    if ctx.options.config_path is not None:
        argv += ["--config", str(ctx.options.config_path)]
    argv += ["eval", suite, "--json", str(out), *extra]
    try:
        done = subprocess.run(argv, cwd=ctx.options.repo, capture_output=True, text=True,
                              timeout=TIMEOUT_S[suite], check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0 or not out.exists():
        # stdout may quote dataset texts (--show is never passed, but stay safe): keep stderr only
        (ctx.work_dir / f"eval-{suite}.log").write_text(done.stderr[-20000:], encoding="utf-8")
        return None
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def run(ctx: SectionContext) -> SectionResult:
    """Run the registered usefulness suites."""
    from serving.cli import build_parser

    suites = eval_suites(build_parser()) & {OVERMASKING, RESTORE}
    if not suites:
        raise SectionUnavailable(
            "`tresor eval overmasking` / `restore` (issue 7) are not registered yet"
        )
    notes: list[str] = []
    reports: dict[str, dict[str, Any]] = {}
    if OVERMASKING in suites:
        report = _run_suite(ctx, OVERMASKING, [])
        if report is None:
            notes.append("eval overmasking did not finish (time limit or error)")
        else:
            reports[OVERMASKING] = report
    if RESTORE in suites and ctx.options.profile.name == "quick":
        notes.append("eval restore skipped in quick mode (it generates answers with a real model)")
    elif RESTORE in suites:
        extra = ["--engine-url", ctx.options.engine_url] if ctx.options.engine_url else []
        report = _run_suite(ctx, RESTORE, extra)
        if report is None:
            notes.append("eval restore did not finish (time limit or error)")
        else:
            reports[RESTORE] = report
    if not reports:
        return SectionResult(NAME, TITLE, "failed", "no usefulness suite finished; logs in the scratch folder",
                             notes=tuple(notes))  # fmt: skip
    return build_result(reports, notes)
