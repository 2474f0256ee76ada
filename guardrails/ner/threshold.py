"""Choosing the decision threshold on validation data against the product targets.

The targets of issue 4 (person recall first, with precision floors) define the operating
point: for every candidate threshold the margin to each target is computed on the
validation sets, and the threshold with the largest worst-case margin wins; near-ties go
to the lower threshold (recall protects privacy). Places and organisations (an artifact with
``LOC`` / ``ORG`` labels) get their own thresholds: the best pooled F1 over the validation
sets, near-ties again to the lower one. Held-out data is never looked at here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from guardrails.ner.corpus import Example
from guardrails.ner.metrics import SpanCounts, outside_masked
from guardrails.ner.model import (
    PersonSpan,
    PersonTagger,
    TokenProbabilities,
    organization_spans,
    person_spans,
    place_spans,
)

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


#: per kind besides persons: how its spans are decoded and where its gold spans are
Decoder = Callable[[str, TokenProbabilities, float], list[PersonSpan]]
KINDS: dict[str, tuple[Decoder, Callable[[Example], Sequence[tuple[int, int]]]]] = {
    "places": (place_spans, lambda ex: ex.locations),
    "organizations": (organization_spans, lambda ex: ex.organizations),
}


def score_kind_threshold(
    cached: Cached, threshold: float, kind: str
) -> tuple[float, dict[str, object]]:
    """Pooled F1 of one kind of :data:`KINDS` (places, organisations) at ``threshold`` and
    the per-set scores."""
    decode, gold = KINDS[kind]
    pooled = SpanCounts()
    per_set: dict[str, object] = {}
    for name, items in cached.items():
        counts = SpanCounts()
        for ex, p in items:
            spans = decode(ex.text, p, threshold)
            predicted = outside_masked([(s, e) for s, e, _ in spans], ex.masked)
            counts.add(ex.text, list(gold(ex)), predicted)
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
    organization: float | None = None
    organization_sweep: Mapping[str, object] = field(default_factory=dict)


def choose_threshold(
    tagger: PersonTagger, validation: Mapping[str, Sequence[Example]]
) -> Thresholds:
    """Best person (place, organisation) thresholds on ``validation`` and the sweep tables."""
    cached = {
        name: [(ex, tagger.probabilities(ex.text)) for ex in examples]
        for name, examples in validation.items()
    }
    scored = [(t, *score_threshold(cached, t)) for t in THRESHOLDS]
    best_margin = max(margin for _, margin, _ in scored)
    best = min(t for t, margin, _ in scored if margin >= best_margin - TIE)
    sweep = {str(t): summary for t, _, summary in scored}
    place, place_sweep = _best_f1(cached, "places") if tagger.tags_places else (None, {})
    org, org_sweep = _best_f1(cached, "organizations") if tagger.tags_organizations else (None, {})
    return Thresholds(best, place, sweep, place_sweep, org, org_sweep)


def _best_f1(cached: Cached, kind: str) -> tuple[float, dict[str, object]]:
    """The threshold of the best pooled F1 of ``kind`` (near-ties: the lower) and the sweep."""
    scored = [(t, *score_kind_threshold(cached, t, kind)) for t in THRESHOLDS]
    best_f1 = max(f1 for _, f1, _ in scored)
    chosen = min(t for t, f1, _ in scored if f1 >= best_f1 - TIE)
    return chosen, {str(t): summary for t, _, summary in scored}
