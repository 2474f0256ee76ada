"""The two usefulness measures, pure: over-masking share and restore rate.

Over-masking: share of ordinary texts (no personal data in them) whose model-visible text
differs from the original in any way. Restore rate: share of the user's values that reach
them verbatim in the answer they read. Both are computed from already collected texts, so the
CLI, the tests and the benchmark harness share one definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guardrails.usefulness.datasets import OrdinaryCase, RestoreCase

#: Issue 7's targets.
OVER_MASKING_TARGET = 0.02


@dataclass(frozen=True)
class Tally:
    """``hits`` of ``total``."""

    hits: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def plus(self, hit: bool) -> Tally:
        return Tally(self.hits + int(hit), self.total + 1)

    def as_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "share": round(self.share, 4)}


@dataclass(frozen=True)
class OverMaskingReport:
    """How many ordinary texts the policy altered, overall and per language and topic."""

    altered: Tally
    by_lang: dict[str, Tally]
    by_topic: dict[str, Tally]
    altered_ids: tuple[str, ...]
    target: float = OVER_MASKING_TARGET

    @property
    def share(self) -> float:
        return self.altered.share

    @property
    def meets_target(self) -> bool:
        return self.share <= self.target

    def as_dict(self) -> dict[str, Any]:
        return {
            "share": round(self.share, 4),
            "altered": self.altered.hits,
            "total": self.altered.total,
            "target": self.target,
            "meets_target": self.meets_target,
            "by_lang": {k: v.as_dict() for k, v in sorted(self.by_lang.items())},
            "by_topic": {k: v.as_dict() for k, v in sorted(self.by_topic.items())},
            "altered_ids": list(self.altered_ids),
        }


def over_masking_report(
    results: Iterable[tuple[OrdinaryCase, str]], target: float = OVER_MASKING_TARGET
) -> OverMaskingReport:
    """Score (case, model-visible text) pairs: a text counts as altered if it differs at all."""
    overall = Tally()
    by_lang: dict[str, Tally] = {}
    by_topic: dict[str, Tally] = {}
    altered_ids = []
    for case, seen in results:
        altered = seen != case.text
        overall = overall.plus(altered)
        by_lang[case.lang] = by_lang.get(case.lang, Tally()).plus(altered)
        by_topic[case.topic] = by_topic.get(case.topic, Tally()).plus(altered)
        if altered:
            altered_ids.append(case.id)
    return OverMaskingReport(overall, by_lang, by_topic, tuple(altered_ids), target)


_SEPARATORS = re.compile(r"[\s\-/.()]")
_DIGIT_TYPES = frozenset({"PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "DE_TAX_ID"})


def present_verbatim(answer: str, value: str) -> bool:
    """The value appears exactly as the user wrote it."""
    return value in answer


def present_lenient(answer: str, entity_type: str, value: str) -> bool:
    """The value appears up to case, and for numbers up to grouping (a weaker, second view)."""
    if entity_type in _DIGIT_TYPES:
        return _SEPARATORS.sub("", value).casefold() in _SEPARATORS.sub("", answer).casefold()
    return " ".join(value.split()).casefold() in " ".join(answer.split()).casefold()


@dataclass(frozen=True)
class ArmScore:
    """Restore results of one way of asking (direct, or through Tresor with a style)."""

    arm: str
    verbatim: Tally
    lenient: Tally
    by_type: dict[str, Tally]
    failed_requests: int = 0
    missed: tuple[str, ...] = field(default=())  # case ids with at least one value missing

    @property
    def rate(self) -> float:
        return self.verbatim.share

    def as_dict(self) -> dict[str, Any]:
        return {
            "arm": self.arm,
            "restore_rate": round(self.rate, 4),
            "verbatim": self.verbatim.as_dict(),
            "lenient": self.lenient.as_dict(),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "failed_requests": self.failed_requests,
            "missed_cases": list(self.missed),
        }


def score_arm(
    arm: str, cases: Sequence[RestoreCase], answers: Mapping[str, str | None]
) -> ArmScore:
    """Score one arm's answers (by case id; None for a failed request, all values missed)."""
    verbatim, lenient = Tally(), Tally()
    by_type: dict[str, Tally] = {}
    failed = 0
    missed = []
    for case in cases:
        answer = answers.get(case.id)
        if answer is None:
            failed += 1
        all_found = True
        for expected in case.values:
            hit = answer is not None and present_verbatim(answer, expected.value)
            soft = answer is not None and present_lenient(
                answer, expected.entity_type, expected.value
            )
            verbatim = verbatim.plus(hit)
            lenient = lenient.plus(soft)
            by_type[expected.entity_type] = by_type.get(expected.entity_type, Tally()).plus(hit)
            all_found &= hit
        if not all_found:
            missed.append(case.id)
    return ArmScore(arm, verbatim, lenient, by_type, failed, tuple(missed))


@dataclass(frozen=True)
class RestoreReport:
    """All arms of one run, and each Tresor arm compared with direct vLLM in the same mode."""

    arms: tuple[ArmScore, ...]
    comparisons: tuple[tuple[str, str], ...]  # (tresor arm, direct arm of the same mode)

    def arm(self, name: str) -> ArmScore:
        return next(a for a in self.arms if a.arm == name)

    def verdicts(self) -> dict[str, bool]:
        """Per Tresor arm: restore rate at least as high as direct vLLM's (the target)."""
        return {t: self.arm(t).rate >= self.arm(d).rate for t, d in self.comparisons}

    def as_dict(self) -> dict[str, Any]:
        return {
            "arms": [a.as_dict() for a in self.arms],
            "comparisons": [
                {
                    "tresor": t,
                    "direct": d,
                    "tresor_rate": round(self.arm(t).rate, 4),
                    "direct_rate": round(self.arm(d).rate, 4),
                    "meets_target": self.verdicts()[t],
                }
                for t, d in self.comparisons
            ],  # fmt: skip
        }
