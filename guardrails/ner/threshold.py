"""Choosing the decision threshold on validation data against the product targets.

The targets of issue 4 (person recall first, with precision floors) define the operating
point: for every candidate threshold the margin to each target is computed on the
validation sets, and the threshold with the largest worst-case margin wins; near-ties go
to the lower threshold (recall protects privacy). Places (an artifact with ``LOC`` labels)
get their own threshold: the best pooled F1 over the validation sets, near-ties again to
the lower one. Held-out data is never looked at here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from guardrails.ner.corpus import Example
from guardrails.ner.metrics import SpanCounts, outside_masked
from guardrails.ner.model import PersonTagger, TokenProbabilities, person_spans, place_spans

THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.20 .. 0.80
TARGETS: dict[str, dict[str, float]] = {
    "germeval": {"recall_exact": 0.85, "precision_exact": 0.75},
    "chat_de": {"recall_exact": 0.95},
    "chat_en": {"recall_exact": 0.95},
}
OVERALL_CHAR_PRECISION = 0.90
TIE = 0.005

Cached = Mapping[str, Sequence[tuple[Example, TokenProbabilities]]]


def score_threshold(cached: Cached, threshold: float) -> tuple[float, dict[str, object]]:
    """Worst-case margin to the targets at ``threshold`` and the per-set scores."""
    pooled = SpanCounts()
    per_set: dict[str, dict[str, float | int]] = {}
    for name, items in cached.items():
        counts = SpanCounts()
        for ex, p in items:
            spans = person_spans(ex.text, p, threshold)
            counts.add(ex.text, list(ex.spans), [(s, e) for s, e, _ in spans])
        pooled.merge(counts)
        per_set[name] = counts.scores()
    char_precision = float(pooled.scores()["char_precision"])
    margins = [char_precision - OVERALL_CHAR_PRECISION]
    for name, targets in TARGETS.items():
        if name in per_set:
            margins += [float(per_set[name][key]) - value for key, value in targets.items()]
    summary: dict[str, object] = {
        "worst_margin": round(min(margins), 4),
        "overall_char_precision": round(char_precision, 4),
    } | {
        name: {"recall": s["recall_exact"], "precision": s["precision_exact"]}
        for name, s in per_set.items()
    }
    return min(margins), summary


def score_place_threshold(cached: Cached, threshold: float) -> tuple[float, dict[str, object]]:
    """Pooled place F1 at ``threshold`` and the per-set scores."""
    pooled = SpanCounts()
    per_set: dict[str, object] = {}
    for name, items in cached.items():
        counts = SpanCounts()
        for ex, p in items:
            spans = place_spans(ex.text, p, threshold)
            predicted = outside_masked([(s, e) for s, e, _ in spans], ex.masked)
            counts.add(ex.text, list(ex.locations), predicted)
        pooled.merge(counts)
        scores = counts.scores()
        per_set[name] = {"recall": scores["recall_exact"], "precision": scores["precision_exact"]}
    f1 = float(pooled.scores()["f1_exact"])
    return f1, {"pooled_f1": round(f1, 4)} | per_set


@dataclass(frozen=True)
class Thresholds:
    """The chosen operating points and their validation sweeps (for the manifest)."""

    person: float
    place: float | None
    sweep: Mapping[str, object]
    place_sweep: Mapping[str, object]


def choose_threshold(
    tagger: PersonTagger, validation: Mapping[str, Sequence[Example]]
) -> Thresholds:
    """Best person (and place) thresholds on ``validation`` and the sweep tables."""
    cached = {
        name: [(ex, tagger.probabilities(ex.text)) for ex in examples]
        for name, examples in validation.items()
    }
    scored = [(t, *score_threshold(cached, t)) for t in THRESHOLDS]
    best_margin = max(margin for _, margin, _ in scored)
    best = min(t for t, margin, _ in scored if margin >= best_margin - TIE)
    sweep = {str(t): summary for t, _, summary in scored}
    if not tagger.tags_places:
        return Thresholds(best, None, sweep, {})
    places = [(t, *score_place_threshold(cached, t)) for t in THRESHOLDS]
    best_f1 = max(f1 for _, f1, _ in places)
    place = min(t for t, f1, _ in places if f1 >= best_f1 - TIE)
    return Thresholds(best, place, sweep, {str(t): summary for t, _, summary in places})
