"""The shape shared by Tresor's own recognizers: one entity type, spans with scores."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from presidio_analyzer import LocalRecognizer, RecognizerResult


class SpanRecognizer(LocalRecognizer):
    """A Presidio recognizer of one entity type (:attr:`ENTITY`) whose subclasses only say where and how sure
    (:meth:`spans`); nothing to load, no NLP artifacts read."""

    ENTITY: ClassVar[str]
    NAME: ClassVar[str]
    #: Presidio context words (raise the score of a finding near them)
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    #: the language served when the caller names none
    LANGUAGE: ClassVar[str] = "en"

    def __init__(
        self,
        supported_language: str | None = None,
        context: list[str] | None = None,
        entity: str | None = None,
    ) -> None:
        #: the type reported (``entity``, else :attr:`ENTITY`)
        self.entity = entity or self.ENTITY
        super().__init__(
            supported_entities=[self.entity],
            supported_language=supported_language or self.LANGUAGE,
            context=list(self.CONTEXT) if context is None else context,
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load."""

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """``(start, end, score)`` of each finding in ``text``."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        """The findings of :meth:`spans` as Presidio results."""
        meta = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        return [
            RecognizerResult(self.entity, start, end, score, recognition_metadata=dict(meta))
            for start, end, score in self.spans(text)
        ]
