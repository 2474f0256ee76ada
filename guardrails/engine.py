"""Detection as the policy sees it: the loaded NLP engine, the current policy and its detector.

Shared by the gateway guard and the CLI (``tresor policy test``, ``tresor pii analyze``,
``tresor eval pii``), so a text is found and judged the same way everywhere.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guardrails.encoded_text import EncodedText, encoded_text
from guardrails.findings import (
    Decision,
    Detector,
    Finding,
    allowed_detections,
    decide,
    public_figure_mentions,
)
from guardrails.language import LanguageDetector
from guardrails.policy import LoadedPolicy, TeamView
from guardrails.policy_store import PolicyError, PolicyStore
from guardrails.pseudonyms import PseudonymStyle, TypedTokenStyle
from guardrails.restore import DenyPrefixes
from guardrails.routing import detect_routed
from guardrails.settings import GuardrailSettings

logger = logging.getLogger(__name__)

DetectorFactory = Callable[[LoadedPolicy], Detector]


@dataclass(frozen=True)
class GuardSnapshot:
    """Everything that depends on one policy version, swapped as a whole on reload."""

    loaded: LoadedPolicy
    detector: Detector
    style: PseudonymStyle
    deny_prefixes: DenyPrefixes

    def view(self, team: str) -> TeamView:
        """The policy as it applies to ``team``."""
        return self.loaded.for_team(team)


@dataclass(frozen=True)
class Analysis:
    """One text analysed under one team's policy."""

    language: str
    findings: list[Finding]
    decisions: list[Decision]
    policy_version: str
    #: findings of allowed types where nothing acts (action ``allow``; never rewritten)
    allowed: list[Decision] = field(default_factory=list)

    def reported(self) -> list[Decision]:
        """Every detection with its action, acted on or allowed, sorted by position."""
        return sorted([*self.decisions, *self.allowed], key=lambda d: (d.finding.start, d.finding.end))


def typed_tokens(loaded: LoadedPolicy) -> PseudonymStyle:
    """``[PERSON_1]``-style tokens knowing the policy's own entity types."""
    policy = loaded.policy
    custom_types = [spec.entity for spec in policy.recognizers]
    return TypedTokenStyle(entity_types=list(policy.entities) + custom_types)


#: The snapshot's style by the policy's ``pseudonym_style``. Surrogates need the request's
#: text and scope, so the guard layers them per request over the typed tokens
#: (:class:`guardrails.surrogate_style.SurrogateStyle`); tokens remain for what has no
#: surrogate (values the model wrote on its own, a surrogate that could not be made free).
STYLES: dict[str, Callable[[LoadedPolicy], PseudonymStyle]] = {
    "tokens": typed_tokens,
    "surrogates": typed_tokens,
}


def snapshot_for(loaded: LoadedPolicy, detector_factory: DetectorFactory) -> GuardSnapshot:
    """The snapshot of a policy: its pseudonym style, then its detector.

    Raises :class:`PolicyError` for a style this build does not provide.
    """
    policy = loaded.policy
    style = STYLES.get(policy.pseudonym_style)
    if style is None:
        raise PolicyError(
            f"{loaded.source}: pseudonym_style: '{policy.pseudonym_style}' is not available "
            f"in this build (available: {', '.join(sorted(STYLES))})"
        )
    deny_terms = [term for spec in policy.recognizers for term in spec.deny_list]
    return GuardSnapshot(
        loaded=loaded,
        detector=detector_factory(loaded),
        style=style(loaded),
        deny_prefixes=DenyPrefixes(deny_terms),
    )


class GuardEngine:
    """Current policy + detector; reloads both when the policy file changes."""

    def __init__(
        self,
        policy_file: Path,
        detector_factory: DetectorFactory,
        default_language: str = "en",
        closers: Sequence[Callable[[], None]] = (),
    ) -> None:
        """``closers`` release what the detectors share (the name tagger's threads)."""
        self._factory = detector_factory
        self._closers = tuple(closers)
        self._lock = threading.Lock()
        self._snapshot: GuardSnapshot | None = None
        self.languages = LanguageDetector(default_language)
        self.store = PolicyStore(policy_file, on_change=self._rebuild)

    def _rebuild(self, loaded: LoadedPolicy) -> None:
        snapshot = snapshot_for(loaded, self._factory)
        with self._lock:
            self._snapshot = snapshot

    @property
    def snapshot(self) -> GuardSnapshot:
        """The snapshot in force now (take it once per request)."""
        assert self._snapshot is not None  # built by the store's first load

        return self._snapshot

    def analyze(self, text: str, team: str = "", language: str | None = None) -> Analysis:
        """Detect and decide ``text`` as the gateway would for ``team`` (offsets into
        ``text``; what is encoded is read decoded, as the gateway reads it:
        :mod:`guardrails.encoded_text`)."""
        encoded = encoded_text(text)
        if encoded is not None:
            return _raw_offsets(self._analyze(encoded.text, team, language), encoded)
        return self._analyze(text, team, language)

    def _analyze(self, text: str, team: str, language: str | None) -> Analysis:
        snap = self.snapshot
        lang, findings = detect_routed(snap.detector, self.languages, text, language)
        view = snap.view(team)
        public = public_figure_mentions(text, findings, view)
        decisions = decide(text, findings, view, public)
        allowed = allowed_detections(text, findings, view, decisions, public)
        return Analysis(lang, findings, decisions, snap.loaded.version, allowed)

    def start_watching(self, interval_s: float) -> None:
        """Poll the policy file in the background."""
        self.store.start_watching(interval_s)

    def close(self) -> None:
        """Stop watching the policy file; release the recognizers' threads."""
        self.store.close()
        for close in self._closers:
            close()


def _raw_offsets(analysis: Analysis, encoded: EncodedText) -> Analysis:
    """``analysis`` of the decoded text with its spans moved to the raw one (a span running
    from one JSON value into the next becomes its parts inside the values, as the gateway
    rewrites them)."""

    def moved(finding: Finding) -> list[Finding]:
        return [
            replace(finding, start=a, end=b)
            for start, end in encoded.pieces(finding.start, finding.end)
            for a, b in [encoded.raw_span(start, end)]
        ]

    def decided(decisions: list[Decision]) -> list[Decision]:
        return [replace(d, finding=f) for d in decisions for f in moved(d.finding)]

    return replace(
        analysis,
        findings=[f for finding in analysis.findings for f in moved(finding)],
        decisions=decided(analysis.decisions),
        allowed=decided(analysis.allowed),
    )


def presidio_factory(
    settings: GuardrailSettings,
    extra_recognizers: Mapping[str, Sequence[Any]] | None = None,
) -> DetectorFactory:
    """Load spaCy once; return a factory building a Presidio detector per policy version.

    ``extra_recognizers`` are Presidio ``EntityRecognizer`` objects per language (person-name
    taggers). Presidio is imported here, not at module level, so code paths without it
    (fakes in unit tests, policy checks) stay light.
    """
    from guardrails.presidio_detector import PresidioDetector
    from guardrails.spacy_engine import TresorNlpEngine

    nlp = TresorNlpEngine(settings.spacy_model_en, settings.spacy_model_de)
    nlp.load()

    def build(loaded: LoadedPolicy) -> Detector:
        return PresidioDetector(
            nlp, loaded.policy, extra_recognizers, cache_size=settings.detection_cache_size
        )

    return build


def load_engine(settings: GuardrailSettings, policy_file: Path | None = None) -> GuardEngine:
    """The engine the gateway and the CLI use: spaCy, Presidio, the name tagger, the policy.

    torch and transformers stay hidden while it loads unless the spaCy pipeline needs them
    (see :mod:`guardrails.light_imports`).
    """
    from guardrails.light_imports import hidden_deep_learning, pipeline_needs_torch

    torch_pipeline = any(
        pipeline_needs_torch(model) for model in (settings.spacy_model_en, settings.spacy_model_de)
    )
    with hidden_deep_learning(not torch_pipeline):
        from guardrails.person_names import person_recognizers  # imports Presidio

        extra = person_recognizers(
            settings.ner_artifact_dir,
            settings.ner_languages,
            settings.ner_engine,
            workers=settings.ner_workers,
        )
        return GuardEngine(
            policy_file or settings.policy_file,
            presidio_factory(settings, extra),
            settings.default_language,
            closers=[
                close
                for recognizers in extra.values()
                for recognizer in recognizers
                if callable(close := getattr(recognizer, "close", None))
            ],
        )
