"""CLI: ``tresor eval overmasking`` and ``tresor eval restore``.

Both run the real guard; they write its vault, secret and audit into a temporary data
directory, so an evaluation never mixes with the gateway's own. Reports name case ids and
counts only; ``--show`` (overmasking) prints the altered texts of the dataset for tuning.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from guardrails.usefulness.datasets import (
    ORDINARY_DEV,
    RESTORE_DEV,
    DatasetError,
    load_ordinary,
    load_restore,
)

_STYLES = ("tokens", "surrogates")


def register(registry: Any) -> None:
    """Add the usefulness suites to ``tresor eval``."""
    om = registry.add(
        "overmasking", partial(_overmasking, registry),
        "Share of ordinary business texts the privacy policy alters (target <= 2%).",
        parent=registry.eval,
    )  # fmt: skip
    om.add_argument(
        "--dataset", type=Path, default=ORDINARY_DEV, help="JSON lines of ordinary texts."
    )
    om.add_argument("--json", type=Path, default=None, help="Also write the report here.")
    om.add_argument("--policy", type=Path, default=None,
                    help="Policy file (default: guardrails.policy_file of the config).")  # fmt: skip
    om.add_argument("--team", default="usefulness-eval", help="Judge under this team's policy.")
    om.add_argument(
        "--show", action="store_true", help="Print the altered texts (and what the model saw)."
    )
    om.add_argument("--check", action="store_true", help="Exit 1 when the target is missed.")

    rr = registry.add(
        "restore", partial(_restore, registry),
        "Share of the user's values that reach them verbatim: direct vLLM vs Tresor "
        "(tokens and surrogates, streaming and not).",
        parent=registry.eval,
    )  # fmt: skip
    rr.add_argument(
        "--dataset", type=Path, default=RESTORE_DEV, help="JSON lines of restore prompts."
    )
    rr.add_argument("--json", type=Path, default=None, help="Also write the report here.")
    rr.add_argument("--engine-url", default=None,
                    help="A running vLLM (…/v1). Default: start the configured model on a free port.")  # fmt: skip
    rr.add_argument("--policy", type=Path, default=None,
                    help="Policy file (default: guardrails.policy_file of the config).")  # fmt: skip
    rr.add_argument("--styles", default=",".join(_STYLES), help="Pseudonym styles to compare.")
    rr.add_argument("--max-tokens", type=int, default=96)
    rr.add_argument("--concurrency", type=int, default=8)
    rr.add_argument(
        "--repeats", type=int, default=3,
        help="Ask each prompt this often per arm, each in its own conversation "
        "(surrogates are drawn per conversation).",
    )  # fmt: skip
    rr.add_argument("--answers", type=Path, default=None,
                    help="Write every arm's answers here (they contain the dataset's values).")  # fmt: skip
    rr.add_argument(
        "--check", action="store_true", help="Exit 1 when a Tresor arm is below direct."
    )


def _write_json(path: Path | None, payload: dict[str, Any]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"report written to {path}")


def _overmasking(registry: Any, args: argparse.Namespace) -> int:
    from guardrails.gateway import build_guard
    from guardrails.usefulness.runners import over_masking, visible_texts

    try:
        cases = load_ordinary(args.dataset)
    except DatasetError as exc:
        print(f"tresor: {exc}", file=sys.stderr)
        return 2
    settings = registry.config(args).guardrails
    if args.policy is not None:
        settings = settings.model_copy(update={"policy_file": args.policy})
    with tempfile.TemporaryDirectory(prefix="tresor-overmasking-") as tmp:
        guard = build_guard(settings, Path(tmp), environ={})
        try:
            report = over_masking(guard, cases, args.team)
            if args.show and report.altered_ids:
                import asyncio

                altered = [c for c in cases if c.id in set(report.altered_ids)]
                seen = asyncio.run(visible_texts(guard, [c.text for c in altered], args.team))
                for case, text in zip(altered, seen, strict=True):
                    print(
                        f"{case.id} [{case.lang}/{case.topic}]\n  text: {case.text}\n  seen: {text}"
                    )
        finally:
            guard.close()
    print(f"over-masking: {report.altered.hits}/{report.altered.total} ordinary texts altered = "
          f"{report.share:.1%} (target <= {report.target:.0%}: "
          f"{'met' if report.meets_target else 'MISSED'})")  # fmt: skip
    for lang, tally in sorted(report.by_lang.items()):
        print(f"  {lang}: {tally.hits}/{tally.total} = {tally.share:.1%}")
    for topic, tally in sorted(report.by_topic.items()):
        if tally.hits:
            print(f"  topic {topic}: {tally.hits}/{tally.total}")
    if report.altered_ids:
        print("  altered: " + ", ".join(report.altered_ids))
    _write_json(args.json, {"suite": "overmasking", "dataset": str(args.dataset),
                            "policy": str(settings.policy_file), **report.as_dict()})  # fmt: skip
    return 1 if args.check and not report.meets_target else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _restore(registry: Any, args: argparse.Namespace) -> int:
    from guardrails.usefulness.runners import Arm, RestoreSettings, restore_rate

    try:
        cases = load_restore(args.dataset)
    except DatasetError as exc:
        print(f"tresor: {exc}", file=sys.stderr)
        return 2
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    unknown = sorted(set(styles) - set(_STYLES))
    if unknown:
        print(f"tresor: unknown style(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    arms = [Arm("direct", s) for s in (False, True)]
    arms += [Arm("tresor", s, style) for style in styles for s in (False, True)]
    config = registry.config(args)
    policy = args.policy or config.guardrails.policy_file
    engine = None
    engine_url = args.engine_url
    if engine_url is None:
        from serving.commands.up import start_engine

        engine_config = config.model_copy(
            update={"engine": config.engine.model_copy(update={"port": _free_port()})}
        )
        engine = start_engine(engine_config)
        engine_url = engine.base_url
    try:
        settings = RestoreSettings(
            max_tokens=args.max_tokens, concurrency=args.concurrency, repeats=args.repeats
        )
        report, answers = restore_rate(
            cases, engine_url.rstrip("/"), config, policy, arms, settings
        )
    finally:
        if engine is not None:
            engine.stop()
    values = sum(len(c.values) for c in cases)
    print(
        f"restore rate over {len(cases)} prompts x {args.repeats} conversations, {values} values "
        "each (verbatim; lenient in brackets):"
    )
    for score in report.arms:
        print(f"  {score.arm:<26} {score.verbatim.hits:>3}/{score.verbatim.total} = {score.rate:6.1%}"
              f"  [{score.lenient.share:6.1%}]  failed requests: {score.failed_requests}")  # fmt: skip
    verdicts = report.verdicts()
    for tresor, direct in report.comparisons:
        print(
            f"  {tresor} vs {direct}: {'>=' if verdicts[tresor] else '<'} (target: Tresor >= direct)"
        )
    _write_json(args.json, {"suite": "restore", "dataset": str(args.dataset), "policy": str(policy),
                            "engine_url": engine_url, "max_tokens": args.max_tokens,
                            "repeats": args.repeats,
                            **report.as_dict()})  # fmt: skip
    if args.answers is not None:
        _write_json(args.answers, answers)
    return 1 if args.check and not all(verdicts.values()) else 0
