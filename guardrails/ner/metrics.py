"""Person-span metrics: entity-level (exact and overlap) and character-level scores.

The counting is :func:`guardrails.evaluation.tally` (one definition for the detector's and the
tagger's evaluations); this module adds the tagger's pooling and its report keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from guardrails.evaluation import TypeCounts, tally
from guardrails.ner.spans import Span


@dataclass
class SpanCounts:
    """Running counts over documents; see :meth:`scores` for the derived figures."""

    documents: int = 0
    totals: TypeCounts = field(default_factory=TypeCounts)

    def add(self, text: str, gold: Sequence[Span], predicted: Sequence[Span]) -> None:
        """Count one document (whitespace characters are ignored at character level)."""
        self.documents += 1
        self.totals.add(tally(gold, predicted, text))

    def merge(self, other: SpanCounts) -> None:
        """Add another set's counts (pooled scores over several sets)."""
        self.documents += other.documents
        self.totals.add(other.totals)

    def scores(self) -> dict[str, float | int]:
        """Recall/precision: ``exact`` (same span), ``overlap`` and character level."""
        div, t = _safe_div, self.totals
        return {
            "documents": self.documents,
            "gold_persons": t.gold,
            "predicted_persons": t.predicted,
            "recall_exact": div(t.exact, t.gold),
            "precision_exact": div(t.exact, t.predicted),
            "recall_overlap": div(t.found, t.gold),
            "precision_overlap": div(t.correct, t.predicted),
            "char_recall": div(t.overlap_chars, t.gold_chars),
            "char_precision": div(t.overlap_chars, t.predicted_chars),
            "f1_exact": div(2 * t.exact, t.gold + t.predicted),
        }

    def as_dict(self) -> dict[str, int]:
        """Raw counts (for manifests)."""
        t = self.totals
        return {
            "gold": t.gold,
            "predicted": t.predicted,
            "exact": t.exact,
            "gold_overlapped": t.found,
            "predicted_overlapping": t.correct,
            "gold_chars": t.gold_chars,
            "predicted_chars": t.predicted_chars,
            "correct_chars": t.overlap_chars,
            "documents": self.documents,
        }


def _safe_div(a: float, b: float) -> float:
    return round(a / b, 4) if b else 1.0


def outside_masked(predicted: Sequence[Span], masked: Sequence[Span]) -> list[Span]:
    """Predictions that overlap no masked span: a masked region (an address, whose town the
    data does not label as a place) can neither confirm nor refute a prediction."""
    return [(s, e) for s, e in predicted if not any(s < me and ms < e for ms, me in masked)]
