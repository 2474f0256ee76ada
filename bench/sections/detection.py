"""Detection section (issue 4): a 200-character chat message on one core, and load time.

Runs :mod:`bench.detection_probe` in a child process pinned to one CPU core with one thread
per math library, so the figure means "one core" even on a busy machine. Timed: detection
alone (what issue 4's 5 ms target names), and the guard's whole input path (detection plus
pseudonymisation, vault and audit) side by side with default Presidio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from bench.child_config import write_child_config
from bench.results import Chart, SectionResult, Table, at_most
from bench.section import SectionContext, SectionUnavailable
from bench.stats import Summary, ratio

NAME = "detection"
TITLE = "Detection: 200-character message on one core"
P50_TARGET_MS = 5.0
LOAD_TARGET_S = 5.0
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "TOKENIZERS_PARALLELISM": "false"}  # fmt: skip


def pick_cpu() -> int:
    """The last core this process may use (the first is busiest with everything else)."""
    if hasattr(os, "sched_getaffinity"):
        return max(os.sched_getaffinity(0))
    return 0


def _ms(payload: dict[str, Any], key: str, language: str) -> Summary | None:
    """Milliseconds summary of one timing list of the probe (None: nothing measured)."""
    summary = Summary.of(payload.get(key, {}).get(language, []))
    return summary.scaled(1000) if summary else None


def build_result(payload: dict[str, Any]) -> SectionResult:
    """Tables and checks from the probe's JSON (pure)."""
    rows = []
    checks = []
    for language in ("de", "en"):
        t_ms = _ms(payload, "tresor_s", language)
        b_ms = _ms(payload, "presidio_s", language)
        d_ms = _ms(payload, "detect_s", language)
        rows.append((
            language, d_ms.n if d_ms else 0, d_ms.p50 if d_ms else None, d_ms.p95 if d_ms else None,
            t_ms.n if t_ms else 0, t_ms.p50 if t_ms else None, t_ms.p95 if t_ms else None,
            b_ms.p50 if b_ms else None, b_ms.p95 if b_ms else None,
            ratio(b_ms.p50 if b_ms else None, t_ms.p50 if t_ms else None),
        ))  # fmt: skip
        checks.append(
            at_most(f"detection p50, 200 chars, one core, {language}",
                    d_ms.p50 if d_ms else None, P50_TARGET_MS, " ms")  # fmt: skip
        )
    build_s, first_s = payload.get("build_s"), payload.get("first_call_s")
    ready_s = build_s + first_s if build_s is not None and first_s is not None else None
    checks.append(at_most("model load (build + first call)", ready_s, LOAD_TARGET_S, " s"))
    load = Table(
        "Start-up (s)",
        ("what", "Tresor guard", "Presidio baseline"),
        (
            ("build", build_s, None),
            ("first call", first_s, None),
            ("ready (build + first call)", ready_s, payload.get("presidio_ready_s")),
        ),
    )
    latency = Table(
        "A 200-character message, pinned to one core (ms): detection alone, and the guard's "
        "whole input path next to Presidio's analyze + anonymize",
        ("lang", "detect n", "detect p50", "detect p95", "input n", "input p50", "input p95",
         "Presidio p50", "Presidio p95", "input speedup"),
        tuple(rows),
    )  # fmt: skip
    notes = (
        f"Child process pinned to CPU {payload.get('cpu')} with OMP/MKL threads = 1.",
        "detect: GuardEngine.analyze (language routing, every recognizer, the policy's "
        "decision) on messages the detection cache has not seen; the 5 ms target is checked "
        "on it.",
        "input: the guard's whole input path (detection, pseudonymisation, vault, audit, "
        "worker-thread hand-off), compared with default Presidio.",
    )
    data = {k: v for k, v in payload.items() if not k.endswith("_s") or not isinstance(v, dict)}
    data["tresor_ms"] = {lang: (s.scaled(1000).__dict__ if (s := Summary.of(v)) else None)
                         for lang, v in payload.get("tresor_s", {}).items()}  # fmt: skip
    data["presidio_ms"] = {lang: (s.scaled(1000).__dict__ if (s := Summary.of(v)) else None)
                           for lang, v in payload.get("presidio_s", {}).items()}  # fmt: skip
    data["detect_ms"] = {lang: (s.scaled(1000).__dict__ if (s := Summary.of(v)) else None)
                         for lang, v in payload.get("detect_s", {}).items()}  # fmt: skip
    charts: tuple[Chart, ...] = ()
    return SectionResult(NAME, TITLE, "ok", tables=(latency, load), charts=charts,
                         checks=tuple(checks), notes=notes, data=data)  # fmt: skip


def run(ctx: SectionContext) -> SectionResult:
    """Start the probe, wait for its JSON within the section's time budget."""
    profile = ctx.options.profile
    config_path = write_child_config(ctx.config, ctx.work_dir / "detection-config.json")
    cpu = pick_cpu()
    argv = [
        sys.executable, "-m", "bench.detection_probe",
        "--config", str(config_path), "--data-dir", str(ctx.work_dir / "detection"),
        "--cpu", str(cpu), "--samples", str(profile.detection_samples),
        "--budget", str(profile.detection_budget_s / 2), "--baseline",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, cwd=ctx.options.repo,
            env={**os.environ, **ONE_THREAD}, timeout=profile.detection_budget_s + 300, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return SectionResult(NAME, TITLE, "failed", "the probe ran past its time limit")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    payload = json.loads(lines[-1]) if lines else {}
    if "unavailable" in payload:
        raise SectionUnavailable(str(payload["unavailable"]))
    if done.returncode != 0 or not payload:
        (ctx.work_dir / "detection-probe.log").write_text(done.stderr[-20000:], encoding="utf-8")
        return SectionResult(NAME, TITLE, "failed", f"the probe exited with status {done.returncode}; "
                             f"see {ctx.work_dir / 'detection-probe.log'}")  # fmt: skip
    return build_result(payload)
