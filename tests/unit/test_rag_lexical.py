"""Tokeniser and BM25 sparse vectors (pure)."""

from __future__ import annotations

import zlib

import pytest

from rag.lexical import LexicalEncoder, detect_language, detect_text_language, term_index, tokenize
from rag.settings import LexicalSettings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Verträge wurden geprüft", "german"),
        ("The contracts were reviewed by the board", "english"),
        ("¿Cuántos puntos dejaron escapar los Panthers en la defensa?", "spanish"),
        ("Le conseil a examiné les contrats de la société", "french"),
        ("Москва является столицей России", "russian"),
        ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας", "greek"),
        ("12345 67890", None),
    ],
)
def test_detect_text_language(text: str, expected: str | None) -> None:
    assert detect_text_language(text) == expected


def test_detect_language_tie_is_unsure() -> None:
    # "die" is a German and a Dutch function word: no decision on that alone.
    assert detect_language(["die"]) is None


def test_inflected_forms_share_a_term_in_german_and_english() -> None:
    assert set(tokenize("Die Verträge", language="german")) & set(tokenize("der Vertrag", language="german"))
    assert "contract" in tokenize("the contracts were signed", language="english")


def test_accents_fold_after_stemming() -> None:
    assert tokenize("acción", language="spanish") == tokenize("accion", language="spanish")
    assert tokenize("Café", stemming=False) == ["cafe"]


def test_unspaced_scripts_become_character_bigrams() -> None:
    assert tokenize("北京是首都") == ["北京", "京是", "是首", "首都"]
    thai = tokenize("กรุงเทพ")
    assert thai and all(len(t) == 2 for t in thai)


def test_mixed_script_word_is_split_by_script() -> None:
    terms = tokenize("iPhone手机", stemming=False)
    assert "iphone" in terms and "手机" in terms


def test_devanagari_vowel_signs_are_kept() -> None:
    # Folding must not strip the matras that carry Hindi vowels.
    assert tokenize("किताब", stemming=False) == ["किताब"]


def test_term_index_is_crc32() -> None:
    assert term_index("vertrag") == zlib.crc32(b"vertrag")


def test_query_vector_has_unit_weights_and_sorted_unique_indices() -> None:
    vec = LexicalEncoder().encode_query("vertrag vertrag kündigung", language="german")
    assert vec.values == [1.0] * len(vec.indices)
    assert vec.indices == sorted(set(vec.indices)) and len(vec.indices) == 2


def test_document_weights_saturate_with_term_frequency() -> None:
    enc = LexicalEncoder(LexicalSettings(k1=1.2, b=0.0))
    one = enc.encode_document("alpha beta", language="english")
    three = enc.encode_document("alpha alpha alpha beta", language="english")
    weight = dict(zip(three.indices, three.values, strict=True))[term_index("alpha")]
    base = dict(zip(one.indices, one.values, strict=True))[term_index("alpha")]
    assert base == pytest.approx(1.0)  # tf=1, b=0: (k1+1)/(1+k1)
    assert base < weight < 2.2  # grows, but stays below k1 + 1


def test_longer_documents_weigh_a_term_less_when_b_positive() -> None:
    enc = LexicalEncoder(LexicalSettings(b=0.75, avg_doc_tokens=10))
    short = enc.encode_document("alpha beta", language="english")
    long = enc.encode_document("alpha " + " ".join(f"w{i}" for i in range(40)), language="english")
    idx = term_index("alpha")
    assert dict(zip(short.indices, short.values, strict=True))[idx] > dict(
        zip(long.indices, long.values, strict=True)
    )[idx]


def test_empty_text_gives_empty_vector() -> None:
    assert LexicalEncoder().encode_document("  ...  ").is_empty
    assert LexicalEncoder().encode_query("").is_empty
