"""Evaluate a person-tagger artifact on the fixed held-out sets and measure its latency.

``python -m guardrails.ner.evaluate --model guardrails/ner/artifacts/<name>`` rebuilds the
same splits as training (seed from the artifact's ``MANIFEST.json``) and prints JSON with
person recall/precision (exact and overlap) and character precision per set, plus model
load time and p50/p95 latency for a ~200-character message on one core.

``--pipeline`` also runs the whole guardrail (``tresor.yaml``'s policy with this tagger:
name evidence, rules, language routing) over the same held-out sets and scores its PERSON findings the way
``tresor eval pii`` does (a name is found when a finding overlaps it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import get_args

from guardrails.ner.corpus import Example
from guardrails.ner.engines import EngineKind
from guardrails.ner.metrics import SpanCounts, outside_masked
from guardrails.ner.model import PersonSpan, PersonTagger
from guardrails.ner.threshold import KINDS

DEFAULT_DATA_DIR = Path("../shared/data/pii")
LATENCY_TEXT = (  # 198 characters
    "Hallo Frau Schneider, kannst du bitte Jonas Becker fragen, ob der Quartalsbericht "
    "schon im SharePoint liegt? Das Deployment auf EKS ist durch, Ticket OPS-4711 ist "
    "erledigt. Viele Grüße, Aylin Yilmaz"
)


def evaluate_sets(
    tag: Callable[[str], Sequence[PersonSpan]], sets: Mapping[str, Sequence[Example]]
) -> dict[str, dict[str, float | int]]:
    """Scores per named set for a tagging function."""
    results: dict[str, dict[str, float | int]] = {}
    for name, examples in sets.items():
        counts = SpanCounts()
        for ex in examples:
            predicted = [(s, e) for s, e, _ in tag(ex.text)]
            counts.add(ex.text, list(ex.spans), predicted)
        results[name] = counts.scores()
    return results


def evaluate_place_sets(
    tagger: PersonTagger, sets: Mapping[str, Sequence[Example]]
) -> dict[str, dict[str, float | int]]:
    """Place scores per named set (sets without gold places are left out, and every set when
    the artifact tags no places; predictions in masked regions, the data's addresses, are
    not counted)."""
    if not tagger.tags_places:
        return {}
    return _kind_scores(tagger, sets, "places", tagger.location_threshold)


def evaluate_organization_sets(
    tagger: PersonTagger, sets: Mapping[str, Sequence[Example]]
) -> dict[str, dict[str, float | int]]:
    """Organisation scores per named set, as :func:`evaluate_place_sets` scores places."""
    if not tagger.tags_organizations:
        return {}
    return _kind_scores(tagger, sets, "organizations", tagger.organization_threshold)


def _kind_scores(
    tagger: PersonTagger, sets: Mapping[str, Sequence[Example]], kind: str, threshold: float
) -> dict[str, dict[str, float | int]]:
    """Scores of one kind of :data:`~guardrails.ner.threshold.KINDS` at the tagger's threshold
    (the decoding and gold spans the threshold was chosen with)."""
    decode, gold = KINDS[kind]
    results: dict[str, dict[str, float | int]] = {}
    for name, examples in sets.items():
        if not any(gold(ex) for ex in examples):
            continue
        counts = SpanCounts()
        for ex in examples:
            spans = decode(ex.text, tagger.probabilities(ex.text), threshold)
            predicted = [(s, e) for s, e, _ in spans]
            counts.add(ex.text, list(gold(ex)), outside_masked(predicted, ex.masked))
        results[name] = counts.scores()
    return results


def pipeline_sets(
    config_path: Path,
    artifact: Path,
    sets: Mapping[str, Sequence[Example]],
    tagger_engine: EngineKind | None = None,
) -> dict[str, dict[str, float | int]]:
    """PERSON scores per named set of the configured guardrail with the tagger ``artifact``
    (``tresor eval pii`` rules), run by ``tagger_engine`` (default: the config's)."""
    from guardrails.engine import load_engine
    from guardrails.eval_datasets import predicted_spans
    from guardrails.evaluation import Span as EvalSpan
    from guardrails.evaluation import score
    from serving.config_loader import load_config

    update: dict[str, object] = {"ner_artifact_dir": artifact}
    if tagger_engine is not None:
        update["ner_engine"] = tagger_engine
    settings = load_config(config_path).guardrails.model_copy(update=update)
    engine = load_engine(settings)
    try:
        results: dict[str, dict[str, float | int]] = {}
        for name, examples in sets.items():
            pairs = []
            for ex in examples:
                gold = [EvalSpan(a, b, "PERSON") for a, b in ex.spans]
                pairs.append((gold, predicted_spans(engine.analyze(ex.text, "", None))))
            person = score(pairs, ["PERSON"]).per_type["PERSON"]
            results[name] = {
                "persons": person.support,
                "recall": person.recall,
                "precision": person.precision,
                "char_precision": person.char_precision,
            }
        return results
    finally:
        engine.close()


def measure_latency(
    artifact: Path,
    text: str = LATENCY_TEXT,
    runs: int = 300,
    engine: EngineKind = "onnxruntime",
) -> dict[str, float]:
    """Load time and per-message latency (ms) with one inference thread.

    Wall-clock figures include waiting for a shared CPU; the CPU-time figures
    (``cpu_p50_ms``) are what one dedicated core would need.
    """
    start = time.perf_counter()
    tagger = PersonTagger(artifact, threads=1, engine=engine)
    load_s = time.perf_counter() - start
    for _ in range(10):
        tagger.tag(text)
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(runs):
        variant = text if i % 2 else text.replace("Jonas", "Lea")
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag(variant)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    wall.sort()
    return {
        "load_s": round(load_s, 3),
        "chars": len(text),
        "p50_ms": round(statistics.median(wall), 3),
        "p95_ms": round(wall[int(0.95 * len(wall))], 3),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="artifact folder")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument(
        "--pipeline",
        type=Path,
        nargs="?",
        const=Path("configs/tresor.yaml"),
        default=None,
        metavar="CONFIG",
        help="also score the whole guardrail of CONFIG (default configs/tresor.yaml)",
    )
    parser.add_argument(
        "--engine",
        choices=get_args(EngineKind),
        default="onnxruntime",
        help="what runs the tagger (guardrails.ner.engines)",
    )
    args = parser.parse_args(argv)

    from guardrails.ner.datasets import build_splits

    manifest = json.loads((args.model / "MANIFEST.json").read_text(encoding="utf-8"))
    recipe = manifest["recipe"]
    splits = build_splits(
        args.data_dir, recipe["seed"], recipe["chat_train"], recipe["chat_held_out"]
    )
    tagger = PersonTagger(args.model, threads=1, threshold=args.threshold, engine=args.engine)
    report: dict[str, object] = {"held_out": evaluate_sets(tagger.tag, splits.held_out)}
    report["held_out_places"] = evaluate_place_sets(tagger, splits.held_out)
    report["held_out_organizations"] = evaluate_organization_sets(tagger, splits.held_out)
    if args.pipeline is not None:
        report["pipeline_held_out"] = pipeline_sets(
            args.pipeline, args.model, splits.held_out, args.engine
        )
    if not args.no_latency:
        report["latency"] = measure_latency(args.model, engine=args.engine)
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
