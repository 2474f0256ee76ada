"""Child process of the detection section: time the guard on one CPU core.

``python -m bench.detection_probe --config FILE --data-dir DIR --cpu N ...`` pins itself to
core ``N`` before anything heavy is imported, loads the guardrail (timed: that is the model
load), then guards distinct 200-character messages (the whole input path) and runs detection
alone on other ones, and prints one JSON object of timings on its last output line. Only timings and counts are printed, never text.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

MESSAGE_CHARS = 200


def _pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def _probe(args: argparse.Namespace) -> dict[str, Any]:
    from bench.budget import Deadline
    from bench.sections.guardrail import GuardRunner
    from bench.texts import PiiTextFactory
    from bench.tresor_guard import build_tresor_guard, close_guard, detection_only
    from serving.config_loader import load_config
    from serving.errors import PolicyBlocked

    config = load_config(Path(args.config), environ={})
    factory = PiiTextFactory(seed=args.seed)
    started = time.perf_counter()
    guard = build_tresor_guard(config, Path(args.data_dir))
    build_s = time.perf_counter() - started
    runner = GuardRunner(guard)
    result: dict[str, Any] = {"build_s": build_s, "cpu": args.cpu, "tresor_s": {"de": [], "en": []},
                              "detect_s": {"de": [], "en": []}}  # fmt: skip
    try:
        started = time.perf_counter()
        with contextlib.suppress(PolicyBlocked):
            runner.protect(factory.make("en", MESSAGE_CHARS).text, 0)
        result["first_call_s"] = time.perf_counter() - started
        messages = [
            factory.make(lang, MESSAGE_CHARS) for _ in range(args.samples) for lang in ("de", "en")
        ]
        deadline = Deadline(args.budget)
        for index, sample in enumerate(messages, start=1):
            if deadline.expired() and index > 4:
                break
            started = time.perf_counter()
            with contextlib.suppress(PolicyBlocked):
                runner.protect(sample.text, index)
            result["tresor_s"][sample.language].append(time.perf_counter() - started)
        # detection alone (language routing, recognizers, the policy's decision), on other
        # messages so the detection cache never answers
        detect = detection_only(guard)
        if detect is not None:
            others = PiiTextFactory(seed=args.seed + 1)
            for index in range(args.samples * 2):
                if deadline.expired() and index > 4:
                    break
                sample = others.make(("de", "en")[index % 2], MESSAGE_CHARS)
                started = time.perf_counter()
                detect(sample.text)
                result["detect_s"][sample.language].append(time.perf_counter() - started)
    finally:
        runner.close()
        close_guard(guard)
    if args.baseline:
        result.update(_baseline(messages, args.budget, config.guardrails.spacy_model_en))
    return result


def _baseline(messages: list[Any], budget_s: float, spacy_model: str) -> dict[str, Any]:
    from bench.budget import Deadline
    from bench.presidio_baseline import PresidioBaseline

    started = time.perf_counter()
    baseline = PresidioBaseline(spacy_model)
    baseline.protect(messages[0].text)
    out: dict[str, Any] = {
        "presidio_ready_s": time.perf_counter() - started,
        "presidio_s": {"de": [], "en": []},
    }
    deadline = Deadline(budget_s)
    for index, sample in enumerate(messages[1:], start=1):
        if deadline.expired() and index > 4:
            break
        started = time.perf_counter()
        baseline.protect(sample.text)
        out["presidio_s"][sample.language].append(time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the probe; exit 3 when the guardrail is not available."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args(argv)
    _pin(args.cpu)
    from bench.section import SectionUnavailable

    try:
        result = _probe(args)
    except SectionUnavailable as exc:
        print(json.dumps({"unavailable": str(exc)}))
        return 3
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
