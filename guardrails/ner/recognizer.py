"""Presidio adapter: ``PersonNerRecognizer`` finds ``PERSON`` spans with :class:`PersonTagger`.

One multilingual model serves German and English; register one recognizer per language
(``supported_language="de"`` / ``"en"``) and pass the same ``tagger`` to both so the model
is loaded once. English text is read only where a name can be (``lowercase_names``: known
names typed in lower case, see :func:`~guardrails.ner_segments.sentences_for_ner`). Results carry the recognizer name and an analysis explanation; matched
text is never logged or put into the explanation.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from guardrails.ner.model import PersonSpan, PersonTagger
from guardrails.ner_segments import sentences_for_ner

ENTITY = "PERSON"
SUPPORTED_LANGUAGES = ("de", "en")


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
    ) -> None:
        if supported_language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"supported_language must be one of {SUPPORTED_LANGUAGES}")
        self._artifact_dir = Path(artifact_dir)
        self._threads = threads
        self._lowercase_names = lowercase_names
        self._tagger = tagger
        self._label = name or "PersonNerRecognizer"
        super().__init__(
            supported_entities=[ENTITY],
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
            self._tagger = PersonTagger(self._artifact_dir, threads=self._threads)

    def _spans(self, text: str) -> list[PersonSpan]:
        """Tagged spans; English text is read only where a capitalised name can be
        (:func:`~guardrails.ner_segments.sentences_for_ner`: German capitalises every noun,
        so German is read whole)."""
        if self.supported_language != "en":
            return self.tagger.tag(text)
        compact = sentences_for_ner(text, self._lowercase_names)
        if not compact.text:
            return []
        spans: list[PersonSpan] = []
        for start, end, score in self.tagger.tag(compact.text):
            where = compact.to_original(start, end)
            if where is not None:
                spans.append((where[0], where[1], score))
        return spans

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """``PERSON`` results for ``text`` (empty when ``PERSON`` was not requested)."""
        if entities and ENTITY not in entities:
            return []
        results = []
        for start, end, score in self._spans(text):
            explanation = AnalysisExplanation(
                recognizer=self._label,
                original_score=score,
                textual_explanation=f"token classifier {self.version}",
            )
            results.append(
                RecognizerResult(
                    entity_type=ENTITY,
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
