"""Scoring detection against gold spans: per entity type recall, precision, F1, and the same at
character level. Pure (no I/O, no engines) so the CLI, the benchmark harness and the
detection-quality work share one definition.

Matching: a gold span is *found* when a predicted span of the same type overlaps it; a
predicted span is *correct* when it overlaps a gold span of its type. Character scores count
characters inside gold vs. predicted spans of the type (character precision says how much of
what was replaced really was personal data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` is an entity of ``entity_type``."""

    start: int
    end: int
    entity_type: str


@dataclass(frozen=True)
class Example:
    """One text with its gold spans."""

    text: str
    spans: tuple[Span, ...]


@dataclass
class TypeCounts:
    """Counters for one entity type."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    gold_chars: int = 0
    predicted_chars: int = 0
    overlap_chars: int = 0

    def add(self, other: TypeCounts) -> None:
        """Accumulate ``other`` into this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TypeScore:
    """Scores of one entity type (or ``ALL``)."""

    entity_type: str
    support: int
    predicted: int
    recall: float
    precision: float
    f1: float
    char_recall: float
    char_precision: float

    @classmethod
    def of(cls, entity_type: str, c: TypeCounts) -> TypeScore:
        """Scores from counters."""
        recall, precision = _ratio(c.found, c.gold), _ratio(c.correct, c.predicted)
        return cls(
            entity_type=entity_type,
            support=c.gold,
            predicted=c.predicted,
            recall=round(recall, 4),
            precision=round(precision, 4),
            f1=round(_f1(precision, recall), 4),
            char_recall=round(_ratio(c.overlap_chars, c.gold_chars), 4),
            char_precision=round(_ratio(c.overlap_chars, c.predicted_chars), 4),
        )


@dataclass
class EvalReport:
    """Per-type scores plus the micro average over all evaluated types."""

    examples: int
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    overall: TypeScore | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "examples": self.examples,
            "overall": None if self.overall is None else self.overall.__dict__,
            "per_type": {k: v.__dict__ for k, v in sorted(self.per_type.items())},
        }


def _chars(spans: Iterable[Span]) -> set[int]:
    covered: set[int] = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    return covered


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def count_example(
    gold: Sequence[Span], predicted: Sequence[Span], types: Iterable[str]
) -> dict[str, TypeCounts]:
    """Counters per type for one text."""
    out: dict[str, TypeCounts] = {}
    for entity_type in types:
        g = [s for s in gold if s.entity_type == entity_type]
        p = [s for s in predicted if s.entity_type == entity_type]
        gc, pc = _chars(g), _chars(p)
        out[entity_type] = TypeCounts(
            gold=len(g),
            found=sum(1 for s in g if any(_overlaps(s, q) for q in p)),
            predicted=len(p),
            correct=sum(1 for q in p if any(_overlaps(q, s) for s in g)),
            gold_chars=len(gc),
            predicted_chars=len(pc),
            overlap_chars=len(gc & pc),
        )
    return out


def score(
    pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]], types: Iterable[str]
) -> EvalReport:
    """Report over (gold, predicted) pairs for the given entity types."""
    wanted = sorted(set(types))
    totals = {t: TypeCounts() for t in wanted}
    n = 0
    for gold, predicted in pairs:
        n += 1
        for t, c in count_example(gold, predicted, wanted).items():
            totals[t].add(c)
    overall = TypeCounts()
    for c in totals.values():
        overall.add(c)
    return EvalReport(
        examples=n,
        per_type={t: TypeScore.of(t, c) for t, c in totals.items()},
        overall=TypeScore.of("ALL", overall),
    )
