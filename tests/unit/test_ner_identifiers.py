"""Long identifiers read as one stand-in token by the name tagger (pure, no model)."""

from __future__ import annotations

from guardrails.ner.identifiers import MIN_PIECES, compact_identifiers, identifier_spans
from guardrails.ner.tokenizer import Encoding

STAND_IN = 7


def _pieces(text: str, size: int = 2) -> Encoding:
    """A stand-in tokenizer: every word cut into pieces of ``size`` characters."""
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    start = 0
    for word in text.split(" "):
        for i in range(0, len(word), size):
            ids.append(100 + len(ids))
            offsets.append((start + i, start + min(i + size, len(word))))
        start += len(word) + 1
    return Encoding(ids, offsets)


def test_identifier_words_hold_a_digit_or_an_at_sign_without_their_brackets() -> None:
    text = "Mail (anna.b@example.org), IBAN DE89370400440532013000. Tel: 030 1234567!"
    assert [text[s:e] for s, e in identifier_spans(text)] == [
        "anna.b@example.org", "DE89370400440532013000", "030", "1234567",
    ]  # fmt: skip
    assert identifier_spans("Anna Schmidt aus Berlin") == []


def test_a_long_identifier_becomes_one_token_covering_the_word() -> None:
    text = "an DE89370400440532013000 bitte"
    enc = _pieces(text)
    compact = compact_identifiers(enc, text, STAND_IN)
    assert [text[s:e] for s, e in compact.offsets] == ["an", "DE89370400440532013000", "bi", "tt", "e"]
    assert compact.ids[1] == STAND_IN
    assert compact.ids[0] == enc.ids[0] and compact.ids[2:] == enc.ids[-3:]


def test_short_numbers_stay_as_they_are() -> None:
    text = "10115 Berlin, seit 1990"  # postal code and year: 3 and 2 pieces
    enc = _pieces(text)
    assert len([o for o in enc.offsets if o[0] < 5]) < MIN_PIECES
    assert compact_identifiers(enc, text, STAND_IN) == enc


def test_brackets_and_sentence_punctuation_stay_tokens_of_their_own() -> None:
    text = "(a.very.long@example.org). Danke"
    enc = _pieces(text, size=1)
    compact = compact_identifiers(enc, text, STAND_IN)
    assert [text[s:e] for s, e in compact.offsets] == [
        "(", "a.very.long@example.org", ")", ".", "D", "a", "n", "k", "e",
    ]  # fmt: skip


def test_two_identifiers_side_by_side_stay_two_tokens() -> None:
    text = "DE89370400440532013000 DE02120300000000202051"
    compact = compact_identifiers(_pieces(text), text, STAND_IN)
    assert compact.ids == [STAND_IN, STAND_IN]
    assert [text[s:e] for s, e in compact.offsets] == text.split(" ")


def test_text_without_identifiers_is_returned_unchanged() -> None:
    enc = _pieces("Anna Schmidt")
    assert compact_identifiers(enc, "Anna Schmidt", STAND_IN) is enc
