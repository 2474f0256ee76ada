"""Detection results and the pure steps from raw findings to decisions.

Detectors (Presidio, fakes) produce :class:`Finding`; :func:`decide` applies a team's view of
the policy (thresholds, allow-lists, public figures, actions) and resolves overlaps. No I/O, no engines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from guardrails.honorifics import name_part
from guardrails.policy import Action, TeamView


@dataclass(frozen=True)
class Finding:
    """One detected span: ``text[start:end]`` looks like ``entity_type``."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str

    def overlaps(self, other: Finding) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Finding) -> bool:
        """True when ``other`` lies inside this span and this span is longer."""
        inside = self.start <= other.start and other.end <= self.end
        return inside and self.end - self.start > other.end - other.start


#: Score of a checksum-validated pattern match (Presidio sets 1.0 when validation passes).
VALIDATED = 1.0


@dataclass(frozen=True)
class Decision:
    """A finding the policy acts on, with the action chosen for it."""

    finding: Finding
    action: Action
    mask_keep_last: int = 0


class Detector(Protocol):
    """Finds personal data in text; implementations must be safe to call from threads."""

    def detect(self, text: str, language: str) -> list[Finding]:
        """All findings at or above the policy's lowest threshold (overlaps allowed)."""
        ...

    def detect_structured(self, text: str, language: str) -> list[Finding]:
        """Findings of the cheap pattern recognizers only (no NER); used on streamed output."""
        ...


def resolve_overlaps(findings: Iterable[Finding], text: str | None = None) -> list[Finding]:
    """A non-overlapping subset, sorted by position.

    Stronger findings win (score, then length); a weaker finding that wholly contains the
    stronger ones it overlaps replaces them, so "221 Baker Street" is protected as a whole
    rather than leaving "221 ... Street" around a name. Checksum-validated findings (score
    1.0) are never replaced: "card 4111..." tagged as a date does not hide the card. Given
    the ``text``, a finding that loses to spans it only partly overlaps keeps the parts that
    stick out ("Tel. 089" read into an address leaves "123456" of the phone number
    protected, not bare).
    """
    ranked = sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start, f.entity_type))
    kept: list[Finding] = []
    for finding in ranked:
        clashes = [k for k in kept if finding.overlaps(k)]
        if not clashes:
            kept.append(finding)
        elif all(finding.contains(k) and k.score < VALIDATED for k in clashes):
            kept = [k for k in kept if k not in clashes] + [finding]
        elif text is not None and not any(
            k.start <= finding.start and finding.end <= k.end for k in clashes
        ):
            kept.extend(sticking_out(text, finding, [(k.start, k.end) for k in clashes]))
    return sorted(kept, key=lambda f: f.start)


def sticking_out(
    text: str, finding: Finding, clashes: Iterable[tuple[int, int]]
) -> list[Finding]:
    """The parts of ``finding`` outside the ``clashes`` spans (start, end), trimmed to their
    letters and digits at both ends (parts without any are dropped)."""
    pieces: list[Finding] = []
    cursor = finding.start
    for start, end in [*sorted(clashes), (finding.end, finding.end)]:
        left, right = cursor, min(start, finding.end)
        while left < right and not text[left].isalnum():
            left += 1
        while right > left and not text[right - 1].isalnum():
            right -= 1
        if left < right:
            pieces.append(replace(finding, start=left, end=right))
        cursor = max(cursor, end)
    return pieces


def decide(
    text: str,
    findings: Sequence[Finding],
    view: TeamView,
    public: Sequence[Finding] | None = None,
) -> list[Decision]:
    """Decisions for one text under a team's policy view, sorted by position.

    Findings below their type's threshold, of types the policy allows, or whose text is on an
    allow-list are dropped before overlaps are resolved, so an allowed span never shadows a
    protected one; so are person findings on a public figure the policy leaves untouched
    (``public``: :func:`public_figure_mentions`, computed here when not given).
    """
    eligible: list[Finding] = []
    if public is None:
        public = public_figure_mentions(text, findings, view)
    for finding in findings:
        rule = view.rule_for(finding.entity_type)
        if rule is None or finding.score < rule.threshold:
            continue
        value = text[finding.start : finding.end]
        name = name_part(finding.entity_type, value)  # "Dr. Watson": "Watson" may be listed
        if view.allow.allows(value) or (name != value and view.allow.allows(name)):
            continue
        if finding.entity_type == "PERSON" and any(p.overlaps(finding) for p in public):
            continue  # a public figure, or part of one ("Angela" of "Angela Merkel")
        eligible.append(finding)
    decisions = []
    for finding in resolve_overlaps(eligible, text):
        rule = view.rule_for(finding.entity_type)
        assert rule is not None
        decisions.append(Decision(finding, rule.action, rule.mask_keep_last))
    return decisions


#: finding types that say nothing of whom a text is about (names, places, dates, links)
_NOT_CONTACT_DATA = frozenset(
    {"PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP", "URL", "PERSONAL_LOCATION"}
)


def public_figure_mentions(
    text: str, findings: Sequence[Finding], view: TeamView
) -> list[Finding]:
    """The person findings, at or above the threshold, that name a public figure the team's
    policy leaves untouched (reported by :func:`allowed_detections`, never rewritten). A single
    word that is also a word of a private person's name in the text stays that person's ("Tim"
    where "Tim Weber" and "Tim und Struppi" both stand)."""
    figures = view.public_figures
    rule = view.rule_for("PERSON")
    if figures is None or rule is None:
        return []
    people = [f for f in findings if f.entity_type == "PERSON" and f.score >= rule.threshold]
    if not people:
        return []
    # a text with someone's contact or account data is about people the writer deals with
    about_someone = any(f.entity_type not in _NOT_CONTACT_DATA for f in findings)
    public = [f for f in people if figures.named(text, f.start, f.end, about_someone)]
    if not public or len(public) == len(people):
        return public
    private_words = {
        w for f in people if f not in public for w in text[f.start : f.end].split()
    }  # fmt: skip
    return [f for f in public if text[f.start : f.end] not in private_words]


def allowed_detections(
    text: str,
    findings: Sequence[Finding],
    view: TeamView,
    decisions: Sequence[Decision],
    public: Sequence[Finding] | None = None,
) -> list[Decision]:
    """Findings of types the policy allows, at or above their type's threshold, and mentions
    of public figures the policy leaves untouched, where no decision acts: what ``tresor pii
    analyze`` reports with action ``allow`` (nothing is rewritten for them)."""
    if public is None:
        public = public_figure_mentions(text, findings, view)
    allowed = []
    for finding in findings:
        rule = view.rules.get(finding.entity_type)
        if rule is None or finding.score < rule.threshold:
            continue
        if rule.action != "allow" and finding not in public:
            continue
        if any(d.finding.overlaps(finding) for d in decisions):
            continue
        allowed.append(finding)
    return [Decision(f, "allow") for f in resolve_overlaps(allowed)]


def blocked_types(decisions: Iterable[Decision]) -> list[str]:
    """Sorted entity types whose action is ``block``."""
    return sorted({d.finding.entity_type for d in decisions if d.action == "block"})
