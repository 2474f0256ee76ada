"""CLI of the guardrail: ``tresor policy check|test``, ``tresor pii analyze``, ``tresor eval pii``.

Guardrail latency against default Presidio is a section of the benchmark harness
(``python -m bench.run --only guardrail``), which builds the guard with :func:`build_guard`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from guardrails.policy_store import PolicyError, load_policy


def register(registry: Any) -> None:
    """Add the guardrail's commands to the ``tresor`` CLI."""
    policy = registry.group("policy", "Validate and try the privacy policy.")
    check = registry.add("check", _policy_check, "Validate a policy file.", parent=policy)
    check.add_argument("file", type=Path)

    test = registry.add(
        "test",
        partial(_policy_test, registry),
        "Show findings and the text the model would see.",
        parent=policy,
    )
    test.add_argument("text")
    test.add_argument("--team", default="", help="Apply this team's overrides.")
    test.add_argument(
        "--lang", choices=("de", "en"), default=None, help="Language (default: detected)."
    )
    test.add_argument(
        "--policy",
        type=Path,
        default=None,
        help="Policy file (default: guardrails.policy_file of the config).",
    )

    pii = registry.group("pii", "Batch PII detection.")
    analyze = registry.add(
        "analyze",
        partial(_pii_analyze, registry),
        'Detect PII in JSON lines ({"text": ...}).',
        parent=pii,
    )
    analyze.add_argument("--input", type=Path, required=True)
    analyze.add_argument("--output", type=Path, required=True)
    analyze.add_argument("--language", choices=("auto", "de", "en"), default="auto")
    analyze.add_argument("--team", default="")
    analyze.add_argument("--policy", type=Path, default=None)

    ev = registry.add(
        "pii",
        partial(_eval_pii, registry),
        "Score PII detection on a labelled dataset.",
        parent=registry.eval,
    )
    ev.add_argument(
        "--dataset", type=Path, required=True, help="presidio-research .json or GermEval .tsv"
    )
    ev.add_argument("--json", type=Path, default=None, help="Also write the report here.")
    ev.add_argument("--language", choices=("auto", "de", "en"), default="auto")
    ev.add_argument(
        "--policy",
        type=Path,
        default=None,
        help="Policy to evaluate (configs/policies/detect-all.yaml scores every type).",
    )
    ev.add_argument("--limit", type=int, default=None, help="Only the first N examples.")


def _policy_check(args: argparse.Namespace) -> int:
    try:
        loaded = load_policy(args.file)
    except PolicyError as exc:
        print(f"invalid policy\n{exc}", file=sys.stderr)
        return 2
    policy = loaded.policy
    print(
        f"{args.file}: valid (version {loaded.version}, mode {policy.mode}, "
        f"{len(policy.entities)} entity rules, {len(policy.recognizers)} recognizers, "
        f"{len(policy.teams)} teams)"
    )
    acted = policy.detected_entities()
    for spec in policy.recognizers:
        if spec.entity not in acted:
            print(
                f"warning: recognizers[{spec.name}] finds {spec.entity}, but no rule acts on "
                f"it (add entities.{spec.entity})",
                file=sys.stderr,
            )
    return 0


def _engine(registry: Any, args: argparse.Namespace) -> Any | None:
    """The guard engine of the config and ``--policy``; None (reason on stderr) for a policy
    that does not load."""
    from guardrails.engine import load_engine

    try:
        return load_engine(registry.config(args).guardrails, args.policy)
    except PolicyError as exc:
        print(f"invalid policy\n{exc}", file=sys.stderr)
        return None


def _policy_test(registry: Any, args: argparse.Namespace) -> int:
    from guardrails.crypto import GuardKeys
    from guardrails.protector import Caller, ScopeVault, TextProtector
    from guardrails.vault_local import LocalVault

    engine = _engine(registry, args)
    if engine is None:
        return 2
    analysis = engine.analyze(args.text, team=args.team, language=args.lang)
    acted = {d.finding: d for d in analysis.reported()}  # allowed places show "allow"
    print(
        f"policy {analysis.policy_version}  team {args.team or '(default)'}  "
        f"language {analysis.language}"
    )
    print(f"{'TYPE':<20} {'SPAN':<11} {'SCORE':>5}  {'RECOGNIZER':<24} {'ACTION':<13} TEXT")
    # a finding that lost an overlap keeps the parts sticking out: listed as rows of their own
    listed = set(analysis.findings)
    parts = [d.finding for d in analysis.decisions if d.finding not in listed]
    for f in sorted([*analysis.findings, *parts], key=lambda f: (f.start, -f.end)):
        decision = acted.get(f)
        action = decision.action if decision else _why_not(f, analysis.decisions)
        print(
            f"{f.entity_type:<20} {f'{f.start}-{f.end}':<11} {f.score:>5.2f}  "
            f"{f.recognizer[:24]:<24} {action:<13} {args.text[f.start : f.end]!r}"
        )
    blocked = sorted({d.finding.entity_type for d in analysis.decisions if d.action == "block"})
    snapshot = engine.snapshot
    view = snapshot.view(args.team)
    if blocked and view.mode == "enforce":
        print(f"\nBLOCKED (HTTP 400 pii_blocked): {', '.join(blocked)}")
        print("the model would see nothing: the request is refused")
        engine.close()
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        vault = LocalVault(Path(tmp) / "vault.sqlite3", ttl_s=60)
        keys = GuardKeys(b"policy-test-only-secret-0123456789")
        scope_vault = ScopeVault(vault, keys, "policy-test", snapshot)
        protector = TextProtector(
            snapshot, view, scope_vault, keys, engine.languages,
            Caller("policy-test", args.team, "", "policy-test"),
        )  # fmt: skip
        plan = protector.plan("text", args.text, "input", language=args.lang)
        seen = protector.apply(plan)
        vault.close()
    print(f"\nmode {view.mode}; the model would see:\n{seen}")
    engine.close()
    return 0


def _why_not(finding: Any, decisions: list[Any]) -> str:
    """Why a finding is not acted on (for ``policy test``)."""
    if any(d.finding.overlaps(finding) for d in decisions):
        if any(d.finding.recognizer == finding.recognizer and finding.contains(d.finding)
               and d.finding.entity_type == finding.entity_type for d in decisions):
            return "(split)"  # fmt: skip
        return "(overlapped)"
    return "(below/allowed)"


def _pii_analyze(registry: Any, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from guardrails.batch_analyze import analyze_stream

    engine = _engine(registry, args)
    if engine is None:
        return 2
    language = None if args.language == "auto" else args.language
    try:
        with args.input.open(encoding="utf-8") as src:
            total = sum(1 for _ in src)
    except OSError as exc:
        print(f"tresor: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with (
        args.input.open(encoding="utf-8") as src,
        args.output.open("w", encoding="utf-8") as out,
        tqdm(total=total, unit="line", file=sys.stderr, disable=total < 50) as bar,
    ):
        count, errors = analyze_stream(
            src,
            out,
            lambda text, lang: engine.analyze(text, args.team, lang),
            language,
            on_line=lambda: bar.update(1),
        )
    engine.close()
    print(f"{count} lines analysed, {errors} errors -> {args.output}", file=sys.stderr)
    return 0 if errors == 0 else 1


def _eval_pii(registry: Any, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from guardrails.eval_datasets import (
        DatasetError,
        predicted_spans,
        read_dataset,
        rewritten_spans,
    )
    from guardrails.evaluation import score

    try:
        examples = read_dataset(args.dataset)
    except (OSError, DatasetError) as exc:
        print(f"tresor: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None:
        examples = examples[: args.limit]
    engine = _engine(registry, args)
    if engine is None:
        return 2
    language = None if args.language == "auto" else args.language
    pairs = []
    acted_pairs = []
    for ex in tqdm(examples, unit="text", file=sys.stderr, disable=len(examples) < 50):
        analysis = engine.analyze(ex.text, "", language)
        pairs.append((ex.spans, predicted_spans(analysis)))
        acted_pairs.append((ex.spans, rewritten_spans(ex.text, analysis)))
    types = {s.entity_type for ex in examples for s in ex.spans}
    report = score(pairs, types)
    # what the guard rewrites (allowed detections left out), whatever its type
    acted = score(acted_pairs, types).any_type
    engine.close()
    print(
        f"{args.dataset.name}: {report.examples} examples, policy {engine.snapshot.loaded.version}"
    )
    print(
        f"{'TYPE':<18} {'SUPPORT':>7} {'PRED':>6} {'RECALL':>7} {'PREC':>6} {'F1':>6} "
        f"{'CHAR_R':>7} {'CHAR_P':>7}"
    )
    rows = [
        *sorted(report.per_type.values(), key=lambda s: s.entity_type),
        report.overall,
        report.any_type,
        replace(acted, entity_type="REWRITTEN") if acted is not None else None,
    ]
    for s in rows:
        if s is None:
            continue
        print(
            f"{s.entity_type:<18} {s.support:>7} {s.predicted:>6} {s.recall:>7.3f} "
            f"{s.precision:>6.3f} {s.f1:>6.3f} {s.char_recall:>7.3f} {s.char_precision:>7.3f}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "dataset": str(args.dataset),
            "policy_version": engine.snapshot.loaded.version,
            **report.as_dict(),
            "rewritten": None if acted is None else acted.__dict__,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0
