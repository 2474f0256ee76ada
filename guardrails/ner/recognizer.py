"""Presidio adapter: ``PersonNerRecognizer`` finds ``PERSON`` spans with :class:`PersonTagger`,
and ``LOCATION`` and ``ORGANIZATION`` spans from the same pass when the artifact also tags
places and organisations.

One multilingual model serves German and English; register one recognizer per language
(``supported_language="de"`` / ``"en"``) and pass the same ``tagger`` to both so the model
is loaded once. English text is read only where a name can be (``lowercase_names``: known
names typed in lower case, see :func:`~guardrails.ner_segments.sentences_for_ner`). Results carry the recognizer name and an analysis explanation; matched
text is never logged or put into the explanation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from guardrails.ner.engines import EngineKind
from guardrails.ner.file_names import spaced_file_names
from guardrails.ner.model import (
    CONFIG_FILE,
    PendingTags,
    PersonSpan,
    PersonTagger,
    TaggedSpans,
    TaggerConfig,
)
from guardrails.ner_segments import sentences_for_ner

ENTITY = "PERSON"
PLACE = "LOCATION"
ORGANIZATION = "ORGANIZATION"
SUPPORTED_LANGUAGES = ("de", "en")


def _calibrated(probability: float, threshold: float) -> float:
    """A place's (an organisation's) score on the policy's scale: the tagger's own threshold maps to 0.5 (the
    policy's default), certainty to 1.0, so `threshold: 0.5` means the tagger's choice."""
    return 0.5 + 0.5 * (probability - threshold) / (1.0 - threshold)


def _tagged_kinds(artifact_dir: Path) -> tuple[bool, bool]:
    """Whether the artifact's ``tagger.json`` declares place and organisation labels (with
    their thresholds)."""
    try:
        config = TaggerConfig.model_validate_json(
            (artifact_dir / CONFIG_FILE).read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return False, False  # load() reports an unusable artifact
    return config.tags_places, config.tags_organizations


class PersonNerRecognizer(EntityRecognizer):
    """Presidio recognizer for person names backed by the fine-tuned e5-small tagger."""

    #: where it runs, spaCy's NER is not asked for names (see guardrails.presidio_detector)
    replaces_spacy_person = True

    def __init__(
        self,
        artifact_dir: Path | str,
        supported_language: str = "de",
        *,
        tagger: PersonTagger | None = None,
        name: str | None = None,
        threads: int = 1,
        lowercase_names: Collection[str] = (),
        engine: EngineKind = "onnxruntime",
        workers: int = 0,
    ) -> None:
        if supported_language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"supported_language must be one of {SUPPORTED_LANGUAGES}")
        self._artifact_dir = Path(artifact_dir)
        self._threads = threads
        self._engine: EngineKind = engine
        self._workers = workers
        self._lowercase_names = lowercase_names
        self._tagger = tagger
        self._label = name or "PersonNerRecognizer"
        places, orgs = (
            (tagger.tags_places, tagger.tags_organizations)
            if tagger is not None
            else _tagged_kinds(self._artifact_dir)
        )
        #: where it also tags places (organisations), spaCy's NER is not asked for them either
        self.replaces_spacy_location = places
        self.replaces_spacy_organization = orgs
        super().__init__(
            supported_entities=[
                ENTITY,
                *([PLACE] if places else []),
                *([ORGANIZATION] if orgs else []),
            ],
            name=self._label,
            supported_language=supported_language,
            version=self._artifact_dir.name,
        )

    @property
    def tagger(self) -> PersonTagger:
        """The loaded tagger (shared when one was passed in)."""
        if self._tagger is None:
            raise RuntimeError("PersonNerRecognizer used before load()")
        return self._tagger

    def load(self) -> None:
        """Load the artifact unless a tagger instance was provided."""
        if self._tagger is None:
            self._tagger = PersonTagger(
                self._artifact_dir,
                threads=self._threads,
                engine=self._engine,
                workers=self._workers,
            )

    def close(self) -> None:
        """Stop the tagger's worker threads (a shared tagger: for every recognizer using it)."""
        if self._tagger is not None:
            self._tagger.close()

    def _begin_spans(self, text: str) -> Callable[[], TaggedSpans]:
        """Start tagging; the returned call gives the spans. English text is read only where
        a capitalised name can be (:func:`~guardrails.ner_segments.sentences_for_ner`:
        German capitalises every noun, so German is read whole). File names are read with
        spaces between their parts (:func:`~guardrails.ner.file_names.spaced_file_names`)."""
        read = spaced_file_names(text)  # same length: offsets hold for ``text``
        if self.supported_language != "en":
            return self.tagger.begin(read).tag_all
        compact = sentences_for_ner(read, self._lowercase_names)
        if not compact.text:
            return lambda: TaggedSpans([], [])
        pending: PendingTags = self.tagger.begin(compact.text)

        def back(spans: list[PersonSpan]) -> list[PersonSpan]:
            out: list[PersonSpan] = []
            for start, end, score in spans:
                where = compact.to_original(start, end)
                if where is not None:
                    out.append((where[0], where[1], score))
            return out

        def finish() -> TaggedSpans:
            tagged = pending.tag_all()
            return TaggedSpans(
                back(tagged.persons), back(tagged.places), back(tagged.organizations)
            )

        return finish

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """``PERSON`` (``LOCATION``, ``ORGANIZATION``) results for ``text``, of the requested
        types."""
        return self.begin(text, entities)()

    def begin(self, text: str, entities: list[str]) -> Callable[[], list[RecognizerResult]]:
        """Start the tagger on ``text`` (its windows run on the tagger's worker threads,
        see :meth:`PersonTagger.begin`); the returned call waits and gives what
        :meth:`analyze` gives. Detection starts it before its other recognizers."""
        wanted = [e for e in self.supported_entities if not entities or e in entities]
        if not wanted:
            return list
        spans = self._begin_spans(text)
        return lambda: self._results(spans(), wanted)

    def _results(self, tagged: TaggedSpans, wanted: list[str]) -> list[RecognizerResult]:
        found = [(ENTITY, span) for span in tagged.persons] if ENTITY in wanted else []
        if PLACE in wanted:
            cut = self.tagger.location_threshold
            found += [(PLACE, (s, e, _calibrated(p, cut))) for s, e, p in tagged.places]
        if ORGANIZATION in wanted:
            cut = self.tagger.organization_threshold
            found += [
                (ORGANIZATION, (s, e, _calibrated(p, cut))) for s, e, p in tagged.organizations
            ]
        results = []
        for entity_type, (start, end, score) in found:
            explanation = AnalysisExplanation(
                recognizer=self._label,
                original_score=score,
                textual_explanation=f"token classifier {self.version}",
            )
            results.append(
                RecognizerResult(
                    entity_type=entity_type,
                    start=start,
                    end=end,
                    score=round(score, 4),
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self._label,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
