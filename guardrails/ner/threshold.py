"""Choosing the decision threshold on validation data against the product targets.

The targets of issue 4 (person recall first, with precision floors) define the operating
point: for every candidate threshold the margin to each target is computed on the
validation sets, and the threshold with the largest worst-case margin wins; near-ties go
to the lower threshold (recall protects privacy). Held-out data is never looked at here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from guardrails.ner.corpus import Example
from guardrails.ner.metrics import SpanCounts
from guardrails.ner.model import PersonTagger, TokenProbabilities
from guardrails.ner.spans import decode_person_spans

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
            spans = decode_person_spans(
                ex.text, p.offsets, p.p_begin.tolist(), p.p_inside.tolist(), threshold
            )
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


def choose_threshold(
    tagger: PersonTagger, validation: Mapping[str, Sequence[Example]]
) -> tuple[float, dict[str, object]]:
    """Best threshold on ``validation`` and the sweep table (for the manifest)."""
    cached = {
        name: [(ex, tagger.probabilities(ex.text)) for ex in examples]
        for name, examples in validation.items()
    }
    scored = [(t, *score_threshold(cached, t)) for t in THRESHOLDS]
    best_margin = max(margin for _, margin, _ in scored)
    best = min(t for t, margin, _ in scored if margin >= best_margin - TIE)
    return best, {str(t): summary for t, _, summary in scored}
