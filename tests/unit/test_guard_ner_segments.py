"""Which English sentences the NER reads, and the way back to original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrails.ner_segments import sentences_for_ner


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Could you summarise the report? Please keep it short.", []),
        ("Sarah called. The numbers look good.", ["Sarah called."]),
        ("The numbers look good. Ask Sarah Connor about it.", ["Ask Sarah Connor about it."]),
        ("We use AWS now.", ["We use AWS now."]),
        ("Hi, this is Tina. Please call me.\nThanks, Bob", ["Hi, this is Tina.", "Thanks, Bob"]),
        ("Tina wrote. Bob replied.", ["Tina wrote. Bob replied."]),  # adjacent: one segment
        ("Please mail me at john@example.com.", []),  # identifiers are the pattern recognizers' job
        ("she named him joshua", ["she named him joshua"]),  # lower case: names may be too
        ("12345 67.", []),
        ("", []),
    ],
)
def test_sentences_that_may_hold_a_name_are_read(text: str, read: list[str]) -> None:
    compact = sentences_for_ner(text)
    assert [text[s.start : s.end] for s in compact.segments] == read
    assert compact.text == "\n".join(read)


def test_a_known_name_in_lower_case_makes_a_sentence_worth_reading() -> None:
    text = "The slides were made by carol hutchinson. The draft is done."
    assert sentences_for_ner(text).segments == ()
    compact = sentences_for_ner(text, frozenset({"carol", "hutchinson"}))
    assert [text[s.start : s.end] for s in compact.segments] == [
        "The slides were made by carol hutchinson."
    ]


def test_lower_case_names_are_no_dictionary_words() -> None:
    from guardrails.person_names import lowercase_names

    names = lowercase_names("en")
    assert "hutchinson" in names and "bethany" in names
    assert not {"will", "bill", "grace", "smith", "the"} & names


@given(
    st.lists(
        st.sampled_from(["Anna came.", "the end.", "We met Bob Stone.", "ok", "\n", " "]),
        max_size=10,
    )
)
def test_every_compact_span_maps_back_to_the_same_text(parts: list[str]) -> None:
    text = " ".join(parts)
    compact = sentences_for_ner(text)
    for seg in compact.segments:
        length = seg.end - seg.start
        for a in range(length):
            for b in range(a + 1, length + 1):
                where = compact.to_original(seg.compact_start + a, seg.compact_start + b)
                assert where is not None
                assert (
                    text[where[0] : where[1]]
                    == compact.text[seg.compact_start + a : seg.compact_start + b]
                )
    if len(compact.segments) > 1:  # a span running into the next segment is cut at its end
        first, second = compact.segments[:2]
        assert compact.to_original(first.compact_start, second.compact_start + 1) == (
            first.start,
            first.end,
        )
