"""Scoring detection against gold spans: per entity type recall, precision, F1, and the same at
character level. Pure (no I/O, no engines) so the CLI, the benchmark harness and the
detection-quality work share one definition.

Matching: a gold span is *found* when a predicted span of the same type overlaps it; a
predicted span is *correct* when it overlaps a gold span of its type. Character scores count
characters inside gold vs. predicted spans of the type (character precision says how much of
what was replaced really was personal data). ``ANY`` ignores types: every gold span of the
evaluated types against every prediction, so a town redacted as part of an address counts as
personal data found, whatever the dataset calls it. :func:`tally` is the one span comparison; the
person-name tagger's metrics (:mod:`guardrails.ner.metrics`) use it too.
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
    """Counters for one entity type (or one set of spans): entities, exact and overlapping
    matches, and characters."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    exact: int = 0
    gold_chars: int = 0
    predicted_chars: int = 0
    overlap_chars: int = 0

    def add(self, other: TypeCounts) -> None:
        """Accumulate ``other`` into this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def tally(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    text: str | None = None,
) -> TypeCounts:
    """Counters comparing predicted with gold ``(start, end)`` spans of one text.

    A gold span is *found* when a predicted span overlaps it, a predicted span *correct*
    when it overlaps a gold span, *exact* when it equals one. With ``text``, whitespace
    characters are not counted at character level.
    """
    gold_set = set(gold)
    gold_chars, predicted_chars = _chars(gold, text), _chars(predicted, text)
    return TypeCounts(
        gold=len(gold),
        found=sum(1 for g in gold if any(_overlaps(g, p) for p in predicted)),
        predicted=len(predicted),
        correct=sum(1 for p in predicted if any(_overlaps(p, g) for g in gold)),
        exact=sum(1 for p in set(predicted) if p in gold_set),
        gold_chars=len(gold_chars),
        predicted_chars=len(predicted_chars),
        overlap_chars=len(gold_chars & predicted_chars),
    )


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
    """Per-type scores, the micro average over all evaluated types (``ALL``) and the
    type-agnostic scores (``ANY``)."""

    examples: int
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    overall: TypeScore | None = None
    any_type: TypeScore | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "examples": self.examples,
            "overall": None if self.overall is None else self.overall.__dict__,
            "any_type": None if self.any_type is None else self.any_type.__dict__,
            "per_type": {k: v.__dict__ for k, v in sorted(self.per_type.items())},
        }


def _chars(spans: Iterable[tuple[int, int]], text: str | None) -> set[int]:
    covered: set[int] = set()
    for start, end in spans:
        if text is None:
            covered.update(range(start, end))
        else:
            covered.update(i for i in range(start, min(end, len(text))) if not text[i].isspace())
    return covered


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def count_example(
    gold: Sequence[Span], predicted: Sequence[Span], types: Iterable[str]
) -> dict[str, TypeCounts]:
    """Counters per type for one text."""
    return {
        entity_type: tally(
            [(s.start, s.end) for s in gold if s.entity_type == entity_type],
            [(s.start, s.end) for s in predicted if s.entity_type == entity_type],
        )
        for entity_type in types
    }


def score(
    pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]], types: Iterable[str]
) -> EvalReport:
    """Report over (gold, predicted) pairs for the given entity types."""
    wanted = sorted(set(types))
    totals = {t: TypeCounts() for t in wanted}
    any_type = TypeCounts()
    n = 0
    for gold, predicted in pairs:
        n += 1
        for t, c in count_example(gold, predicted, wanted).items():
            totals[t].add(c)
        any_type.add(
            tally(
                [(s.start, s.end) for s in gold if s.entity_type in totals],
                [(s.start, s.end) for s in predicted],
            )
        )
    overall = TypeCounts()
    for c in totals.values():
        overall.add(c)
    return EvalReport(
        examples=n,
        per_type={t: TypeScore.of(t, c) for t, c in totals.items()},
        overall=TypeScore.of("ALL", overall),
        any_type=TypeScore.of("ANY", any_type),
    )
