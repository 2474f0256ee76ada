"""Person-span metrics: entity-level (exact and overlap) and character-level scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from guardrails.ner.spans import Span


@dataclass
class SpanCounts:
    """Running counts over documents; see :meth:`scores` for the derived figures."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    gold_overlapped: int = 0
    predicted_overlapping: int = 0
    gold_chars: int = 0
    predicted_chars: int = 0
    correct_chars: int = 0
    documents: int = 0

    def add(self, text: str, gold: Sequence[Span], predicted: Sequence[Span]) -> None:
        """Count one document (whitespace characters are ignored at character level)."""
        self.documents += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        gold_set = set(gold)
        self.exact += sum(1 for p in set(predicted) if p in gold_set)
        self.gold_overlapped += sum(1 for g in gold if _overlaps_any(g, predicted))
        self.predicted_overlapping += sum(1 for p in predicted if _overlaps_any(p, gold))
        gold_chars = _chars(text, gold)
        pred_chars = _chars(text, predicted)
        self.gold_chars += len(gold_chars)
        self.predicted_chars += len(pred_chars)
        self.correct_chars += len(gold_chars & pred_chars)

    def merge(self, other: SpanCounts) -> None:
        """Add another set's counts (pooled scores over several sets)."""
        for name, value in other.as_dict().items():
            setattr(self, name, getattr(self, name) + value)

    def scores(self) -> dict[str, float | int]:
        """Recall/precision: ``exact`` (same span), ``overlap`` and character level."""
        div = _safe_div
        return {
            "documents": self.documents,
            "gold_persons": self.gold,
            "predicted_persons": self.predicted,
            "recall_exact": div(self.exact, self.gold),
            "precision_exact": div(self.exact, self.predicted),
            "recall_overlap": div(self.gold_overlapped, self.gold),
            "precision_overlap": div(self.predicted_overlapping, self.predicted),
            "char_recall": div(self.correct_chars, self.gold_chars),
            "char_precision": div(self.correct_chars, self.predicted_chars),
            "f1_exact": div(2 * self.exact, self.gold + self.predicted),
        }

    def as_dict(self) -> dict[str, int]:
        """Raw counts (for manifests)."""
        return asdict(self)


def _safe_div(a: float, b: float) -> float:
    return round(a / b, 4) if b else 1.0


def _overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


def _chars(text: str, spans: Iterable[Span]) -> set[int]:
    return {i for a, b in spans for i in range(a, min(b, len(text))) if not text[i].isspace()}
