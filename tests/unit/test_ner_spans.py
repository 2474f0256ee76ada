"""Pure helpers of the person tagger: BIO/char spans, tokenizer offsets, decoding, metrics."""

from __future__ import annotations

import numpy as np
import pytest

from guardrails.ner.e5_checkpoint import Vocabulary, dequantize_q4
from guardrails.ner.metrics import SpanCounts
from guardrails.ner.model import (
    TokenProbabilities,
    organization_spans,
    place_spans,
    sentence_breaks,
    windows,
)
from guardrails.ner.spans import (
    B_LOC,
    B_ORG,
    B_PER,
    I_LOC,
    I_ORG,
    I_PER,
    IGNORE,
    OUTSIDE,
    bio_to_spans,
    char_spans_to_labels,
    decode_person_spans,
    decode_place_spans,
    join_tokens,
    token_spans_to_chars,
    word_spans,
)
from guardrails.ner.tokenizer import META, UnigramTokenizer, normalise


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "B-PER", "I-PER", "O"], [(1, 3)]),
        (["B-PER", "B-PER"], [(0, 1), (1, 2)]),
        (["I-PER", "I-PER", "O", "B-PER"], [(0, 2), (3, 4)]),
        (["B-PERderiv", "B-PERpart", "B-LOC", "I-PER"], [(3, 4)]),
        (["B-LOC", "I-LOC"], []),
        (["O", "B-PER", "I-PER"], [(1, 3)]),
    ],
)
def test_bio_to_spans(tags: list[str], expected: list[tuple[int, int]]) -> None:
    assert bio_to_spans(tags) == expected


def test_join_tokens_and_char_spans() -> None:
    text, offsets = join_tokens(["Frau", "Anna", "Meier", "kommt", "."])
    assert text == "Frau Anna Meier kommt ."
    assert [text[a:b] for a, b in offsets] == ["Frau", "Anna", "Meier", "kommt", "."]
    spans = token_spans_to_chars(bio_to_spans(["O", "B-PER", "I-PER", "O", "O"]), offsets)
    assert [text[a:b] for a, b in spans] == ["Anna Meier"]


def test_char_spans_to_labels_marks_first_token_b() -> None:
    # tokens: "▁Anna"(0,4) "▁"(5,5, empty) "Mei"(5,8) "er"(8,10) "▁kommt"(11,16)
    offsets = [(0, 4), (5, 5), (5, 8), (8, 10), (11, 16)]
    labels = char_spans_to_labels(offsets, [(0, 4), (5, 10)])
    assert labels == [B_PER, OUTSIDE, B_PER, I_PER, OUTSIDE]


def test_labels_of_places_and_masked_spans() -> None:
    # "▁Anna"(0,4) "▁wohnt"(5,10) "▁in"(11,13) "▁Bad"(14,17) "▁Tölz"(18,22) "▁Weg"(23,26) "▁3"(27,28)
    offsets = [(0, 4), (5, 10), (11, 13), (14, 17), (18, 22), (23, 26), (27, 28)]
    labels = char_spans_to_labels(offsets, [(0, 4)], locations=[(14, 22)], masked=[(23, 28)])
    assert labels == [B_PER, OUTSIDE, OUTSIDE, B_LOC, I_LOC, IGNORE, IGNORE]
    # a person wins over a place and a mask it overlaps
    assert char_spans_to_labels(offsets, [(0, 4)], [(0, 10)], [(0, 4)])[:2] == [B_PER, I_LOC]


def test_labels_of_organizations() -> None:
    # "▁Anna"(0,4) "▁bei"(5,8) "▁Deutsche"(9,17) "▁Bahn"(18,22) "▁in"(23,25) "▁Köln"(26,30)
    offsets = [(0, 4), (5, 8), (9, 17), (18, 22), (23, 25), (26, 30)]
    labels = char_spans_to_labels(offsets, [(0, 4)], [(26, 30)], organizations=[(9, 22)])
    assert labels == [B_PER, OUTSIDE, B_ORG, I_ORG, OUTSIDE, B_LOC]
    # a person and a place win over an organisation they overlap ("Müller GmbH" labelled twice)
    assert char_spans_to_labels(offsets, [(0, 4)], [(18, 22)], organizations=[(0, 22)]) == [
        B_PER, I_ORG, I_ORG, B_LOC, OUTSIDE, OUTSIDE
    ]  # fmt: skip


def test_places_are_decoded_without_the_name_rules() -> None:
    text = "Treffen in Frankfurt am Main mit Dr. Weber"
    words = word_spans(text)
    offsets = words  # one token per word
    place = {2: (0.9, 0.0), 3: (0.1, 0.8), 4: (0.0, 0.9)}
    begin, inside = _probs(len(words), place)
    assert [text[s:e] for s, e, _ in decode_place_spans(text, offsets, begin, inside, 0.5)] == [
        "Frankfurt am Main"
    ]
    # "Dr" is a title for names only; for places every word counts
    begin, inside = _probs(len(words), {6: (0.9, 0.0)})
    assert decode_person_spans(text, offsets, begin, inside, 0.5) == []
    assert [text[s:e] for s, e, _ in decode_place_spans(text, offsets, begin, inside, 0.5)] == [
        "Dr"
    ]


def _probs(n: int, per: dict[int, tuple[float, float]]) -> tuple[list[float], list[float]]:
    begin = [per.get(i, (0.0, 0.0))[0] for i in range(n)]
    inside = [per.get(i, (0.0, 0.0))[1] for i in range(n)]
    return begin, inside


def test_decode_merges_words_of_one_name_and_splits_new_names() -> None:
    text = "cc Anna Meier, Bob Li und Jo"
    offsets = word_spans(text)  # one token per word is enough here
    begin, inside = _probs(
        len(offsets), {1: (0.9, 0.05), 2: (0.1, 0.8), 3: (0.9, 0.0), 4: (0.2, 0.7), 6: (0.1, 0.1)}
    )
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["Anna Meier", "Bob Li"]
    assert all(0.5 <= score <= 1.0 for _, _, score in spans)


def test_a_name_never_runs_into_the_next_cell_of_a_table() -> None:
    text = "18\tKarl Vogt\tJena"
    offsets = word_spans(text)
    begin, inside = _probs(len(offsets), {1: (0.9, 0.05), 2: (0.1, 0.9), 3: (0.1, 0.9)})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["Karl Vogt", "Jena"]


@pytest.mark.parametrize(
    ("text", "probs", "expected"),
    [
        # a weaker word listed with a name is one too, through a chain of the list
        ("Sousa and Ball", {0: 0.9, 2: 0.3}, ["Sousa", "Ball"]),
        ("Anna, Bea und Carl", {0: 0.9, 1: 0.3, 3: 0.3}, ["Anna", "Bea", "Carl"]),
        ("Ali, Bo, or Cem", {3: 0.8, 0: 0.4, 1: 0.4}, ["Ali", "Bo", "Cem"]),
        # below the share of the threshold, or not listed: no
        ("Sousa and Ball", {0: 0.9, 2: 0.2}, ["Sousa"]),
        ("Sousa met Ball", {0: 0.9, 2: 0.4}, ["Sousa"]),
        ("Sousa. And Ball", {0: 0.9, 2: 0.4}, ["Sousa"]),
    ],
)
def test_a_word_listed_with_a_name_needs_less(
    text: str, probs: dict[int, float], expected: list[str]
) -> None:
    offsets = word_spans(text)
    begin, inside = _probs(len(offsets), {i: (p, 0.0) for i, p in probs.items()})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == expected
    assert all(score >= 0.5 for _, _, score in spans)  # taken words pass the threshold


def test_decode_new_name_when_begin_dominates() -> None:
    text = "Anna Bob"
    offsets = word_spans(text)
    begin, inside = _probs(2, {0: (0.9, 0.0), 1: (0.8, 0.1)})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["Anna", "Bob"]


def test_decode_keeps_initial_and_drops_possessive() -> None:
    text = "J. Smith's laptop"
    offsets = [(0, 1), (1, 2), (3, 8), (8, 9), (9, 10), (11, 17)]
    begin, inside = _probs(6, {0: (0.9, 0.0), 2: (0.1, 0.9), 3: (0.1, 0.9), 4: (0.1, 0.9)})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["J. Smith"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gast war Claudia B. aus Kiel", "Claudia B."),
        ("Königin Elisabeth II. reiste ab", "Elisabeth II."),
        ("Das sagte Anna Meier.", "Anna Meier"),  # a sentence's full stop stays outside
    ],
)
def test_decode_keeps_the_dot_of_a_closing_initial(text: str, name: str) -> None:
    offsets = word_spans(text)
    words = [text[a:b] for a, b in offsets]
    first = words.index(name.split()[0])
    begin, inside = _probs(len(offsets), {first: (0.9, 0.0), first + 1: (0.1, 0.9)})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == [name]


def test_decode_never_ends_a_name_in_a_particle() -> None:
    text = "Nach Cook kam Jean de Surville an"
    offsets = word_spans(text)
    # the model marks "Jean de" but not "Surville"
    begin, inside = _probs(len(offsets), {3: (0.9, 0.0), 4: (0.1, 0.8)})
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["Jean de Surville"]
    # a particle that ends the text or the line stays as it is
    text = "Jean de"
    spans = decode_person_spans(text, word_spans(text), [0.9, 0.1], [0.0, 0.8], threshold=0.5)
    assert [text[a:b] for a, b, _ in spans] == ["Jean de"]


def test_decode_word_probability_is_mean_over_subtokens() -> None:
    text = "Özdemir"
    offsets = [(0, 2), (2, 4), (4, 7)]
    begin, inside = [0.9, 0.0, 0.0], [0.0, 0.2, 0.2]
    assert decode_person_spans(text, offsets, begin, inside, threshold=0.5) == []
    spans = decode_person_spans(text, offsets, begin, inside, threshold=0.4)
    assert [(a, b) for a, b, _ in spans] == [(0, 7)]


def _toy_vocabulary() -> Vocabulary:
    pieces = [
        "<s>",
        "<pad>",
        "</s>",
        "<unk>",
        META,
        f"{META}Anna",
        f"{META}Mei",
        "er",
        f"{META}ruft",
        "!",
        "M",
        "e",
        "i",
        "r",
        f"{META}an",
    ]
    scores = np.array([0, 0, 0, 0, -3, -5, -6, -2, -5, -1, -8, -8, -8, -8, -4], np.float32)
    return Vocabulary(
        pieces, scores, bos=0, eos=2, pad=1, unk=3, normalisation={0xA0: " ", 0x9: " ", 0x1: ""}
    )


def test_normalise_collapses_whitespace_and_maps_origins() -> None:
    norm, origin = normalise("  a\u00a0\t b\x01c  ", {0xA0: " ", 0x9: " ", 0x1: ""})
    assert norm == "a bc"
    assert origin == [2, 3, 6, 8]


def test_tokenizer_offsets_point_into_original_text() -> None:
    tok = UnigramTokenizer(_toy_vocabulary())
    text = "Anna\u00a0 Meier ruft\tan!"
    enc = tok.encode(text)
    pieces = [_toy_vocabulary().pieces[i] for i in enc.ids]
    assert pieces == [f"{META}Anna", f"{META}Mei", "er", f"{META}ruft", f"{META}an", "!"]
    assert [text[a:b] for a, b in enc.offsets] == ["Anna", "Mei", "er", "ruft", "an", "!"]


def test_tokenizer_unknown_characters_fall_back_to_unk() -> None:
    tok = UnigramTokenizer(_toy_vocabulary())
    enc = tok.encode("Anna ✓")
    assert enc.ids[0] == 5
    assert enc.ids[-1] == 3
    assert [("Anna ✓")[a:b] for a, b in enc.offsets] == ["Anna", "", "✓"]


def test_dequantize_q4_roundtrip() -> None:
    dtype = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
    block = np.zeros(1, dtype=dtype)
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)
    values = dequantize_q4(block, 32)[0]
    assert values[:16].tolist() == [(i - 8) * 0.5 for i in range(16)]
    assert values[16:].tolist() == [3.5] * 16


def test_span_counts() -> None:
    counts = SpanCounts()
    counts.add("Anna Meier und Bob", [(0, 10), (15, 18)], [(0, 4), (15, 18)])
    scores = counts.scores()
    assert scores["recall_exact"] == 0.5
    assert scores["recall_overlap"] == 1.0
    assert scores["precision_exact"] == 0.5
    assert scores["char_precision"] == 1.0
    assert scores["char_recall"] == pytest.approx(7 / 12, abs=1e-3)


def _covers(n: int, spans: list[tuple[int, int]]) -> bool:
    seen = [False] * n
    for start, end in spans:
        for i in range(start, end):
            seen[i] = True
    return all(seen)


def test_windows_end_at_sentence_starts_without_overlap() -> None:
    breaks = [30, 70, 100, 140, 170]
    spans = windows(230, breaks, width=100, stride=80)
    assert spans == [(0, 100), (100, 170), (170, 230)]
    assert _covers(230, spans)


def test_windows_overlap_inside_one_long_sentence() -> None:
    spans = windows(250, [], width=100, stride=80)
    assert spans == [(0, 100), (80, 180), (160, 250)]
    assert _covers(250, spans)
    # a sentence start in the first half of a window is no place to cut
    assert windows(150, [20], width=100, stride=80) == [(0, 100), (80, 150)]


def test_windows_of_a_short_text_is_one() -> None:
    assert windows(5, [2], width=100, stride=80) == [(0, 5)]


def test_sentence_breaks_after_full_stops_and_line_breaks() -> None:
    text = "Hallo Anna. Wie geht es?\nGut"
    offsets = word_spans(text)
    breaks = sentence_breaks(text, offsets)
    assert [text[offsets[i][0] : offsets[i][1]] for i in breaks] == ["Wie", "Gut"]


def test_organizations_are_decoded_from_their_own_columns() -> None:
    text = "Vertrag mit Deutsche Bahn in Köln"
    offsets = word_spans(text)
    zeros = np.zeros(len(offsets), dtype=np.float32)
    org_b, org_i = zeros.copy(), zeros.copy()
    org_b[2], org_i[3] = 0.9, 0.8
    loc_b = zeros.copy()
    loc_b[5] = 0.9
    probs = TokenProbabilities(offsets, zeros, zeros, loc_b, zeros, org_b, org_i)
    assert [text[s:e] for s, e, _ in organization_spans(text, probs, 0.5)] == ["Deutsche Bahn"]
    assert [text[s:e] for s, e, _ in place_spans(text, probs, 0.5)] == ["Köln"]
    # an artifact without organisation labels has no such columns
    assert organization_spans(text, TokenProbabilities(offsets, zeros, zeros), 0.5) == []


@pytest.mark.parametrize("seed", range(40))
def test_skipping_texts_without_a_token_at_threshold_changes_nothing(seed: int) -> None:
    rng = np.random.default_rng(seed)
    text = "Treffen mit Anna in Bad Tölz, Berlin und Köln bei Acme und Bosch"
    offsets = word_spans(text)
    scale = rng.choice([0.3, 0.6, 1.0])
    begin = (rng.random(len(offsets)) * scale / 2).astype(np.float32)
    inside = (rng.random(len(offsets)) * scale / 2).astype(np.float32)
    probs = TokenProbabilities(offsets, begin, inside, begin, inside, inside, begin)
    for threshold in (0.3, 0.5, 0.7):
        assert place_spans(text, probs, threshold) == decode_place_spans(
            text, offsets, begin.tolist(), inside.tolist(), threshold
        )
        assert organization_spans(text, probs, threshold) == decode_place_spans(
            text, offsets, inside.tolist(), begin.tolist(), threshold
        )



def test_places_joined_by_a_particle_are_one_place() -> None:
    text = "Von Frankfurt am Main über Halle an der Saale, ab Berlin am Montag"
    offsets = word_spans(text)
    words = [text[s:e] for s, e in offsets]
    high = {words.index(w): (0.9, 0.0) for w in ("Frankfurt", "Main", "Halle", "Saale", "Berlin")}
    begin, inside = _probs(len(offsets), high)
    found = [text[s:e] for s, e, _ in decode_place_spans(text, offsets, begin, inside, 0.5)]
    assert found == ["Frankfurt am Main", "Halle an der Saale", "Berlin"]


def test_place_and_organization_spans_drop_joining_words_at_their_edges() -> None:
    text = "Vertrag mit Acme Corp and Globex Inc von der Bank of Scotland"
    offsets = word_spans(text)
    words = [text[s:e] for s, e in offsets]
    high = {i: (0.9, 0.0) if w in ("Acme", "Globex", "Bank") else (0.0, 0.9)
            for i, w in enumerate(words) if i >= 2}  # fmt: skip
    begin, inside = _probs(len(offsets), high)
    found = [text[s:e] for s, e, _ in decode_place_spans(text, offsets, begin, inside, 0.5)]
    assert found == ["Acme Corp", "Globex Inc", "Bank of Scotland"]
