"""Other mentions of a person or personal place in the same text (guardrails.repeated_mentions)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.findings import Finding
from guardrails.repeated_mentions import (
    HANDLE_MENTION,
    NAME_PART_MENTION,
    NICKNAME_MENTION,
    REPEATED_MENTION,
    Taken,
    free_mentions,
    handle_mentions,
    name_part_mentions,
    quoted_nicknames,
    repeated_mentions,
)


def found(text: str, entity_type: str, value: str, nth: int = 0, score: float = 0.8) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return Finding(entity_type, start, start + len(value), score, "tagger")


def mentions(text: str, findings: list[Finding]) -> list[tuple[str, str, float, str]]:
    return [
        (f.entity_type, text[f.start : f.end], f.score, f.recognizer)
        for f in repeated_mentions(text, findings)
    ]


def test_a_personal_place_mentioned_again_is_found_with_its_type_and_score() -> None:
    text = "Ich wohne in Leipzig. Leipzig ist schön, Leipziger Allerlei auch."
    place = found(text, "PERSONAL_LOCATION", "Leipzig", score=0.7)
    city = found(text, "LOCATION", "Leipzig", nth=1)  # an allowed city gives way
    assert mentions(text, [place, city]) == [
        ("PERSONAL_LOCATION", "Leipzig", 0.7, REPEATED_MENTION)
    ]  # "Leipziger" is another word


def test_a_name_without_its_honorific_and_only_where_nothing_else_is_found() -> None:
    text = "Dr. Meier ruft an. Meier braucht die Meier-Akte von anna.meier@firma.de, sagt meier."
    person = Finding("PERSON", 0, len("Dr. Meier"), 0.9, "tagger")
    email = found(text, "EMAIL_ADDRESS", "anna.meier@firma.de")
    assert [m[1] for m in mentions(text, [person, email])] == ["Meier", "Meier"]  # not "meier"


def test_other_types_and_short_values_are_not_repeated() -> None:
    text = "Tom rief an, Tom und 030 123456, 030 123456"
    findings = [found(text, "PERSON", "Tom"), found(text, "PHONE_NUMBER", "030 123456")]
    assert mentions(text, findings) == []


_ALPHABET = st.sampled_from(list("ab_ -.1éÄß\n") + ["\u0301"])


@settings(max_examples=400, deadline=None)
@given(text=st.text(_ALPHABET, max_size=30), value=st.text(_ALPHABET, min_size=1, max_size=4))
def test_mentions_are_whole_word_occurrences_as_a_regex_reads_them(text: str, value: str) -> None:
    taken = Taken(len(text))
    expected = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text)]
    assert list(free_mentions(text, value, taken)) == expected
    assert all(not taken.free(s, s + 1) for start, end in expected for s in range(start, end))


def test_mentions_skip_taken_spans_and_keep_searching_after_them() -> None:
    text = "Anna, Annaberg, Anna und Anna"
    taken = Taken(len(text), [(25, 29)])
    assert list(free_mentions(text, "Anna", taken)) == [(0, 4), (16, 20)]
    assert list(free_mentions(text, "Anna", taken)) == []  # now every one is taken
    assert taken.free(4, 16) and not taken.free(3, 5)


def test_taken_covers_exactly_its_spans() -> None:
    taken = Taken(10, [(2, 4)])
    taken.add(6, 7)
    assert [i for i in range(10) if not taken.free(i, i + 1)] == [2, 3, 6]
    assert taken.free(0, 2) and taken.free(4, 6) and not taken.free(0, 10)


def test_a_full_name_s_first_name_or_surname_alone_is_the_person() -> None:
    text = "Teilnehmer: Dr. Ute Brenner, Jens Kowalski\nAP: Jens schickt die Folien an Ute. Brenner?"
    ute = found(text, "PERSON", "Dr. Ute Brenner", score=0.9)
    jens = found(text, "PERSON", "Jens Kowalski")
    jens_alone = found(text, "PERSON", "Jens", nth=1)  # the tagger found this one
    added = name_part_mentions(text, [ute, jens, jens_alone])
    assert [(text[f.start : f.end], f.score, f.recognizer) for f in added] == [
        ("Ute", 0.9, NAME_PART_MENTION),
        ("Brenner", 0.9, NAME_PART_MENTION),
    ]


def test_a_name_part_is_no_mention_as_a_word_in_a_compound_or_where_it_is_ordinary() -> None:
    text = "Anna Koch kommt. Die Koch-Akte und koch: Koch bringt Kuchen, der Koch nicht."
    person = found(text, "PERSON", "Anna Koch")
    ordinary = {text.rindex("Koch")}  # "der Koch": the reader's ordinary-word check says so
    added = name_part_mentions(text, [person], lambda _t, start, _e: start in ordinary)
    assert [(f.start, text[f.start : f.end]) for f in added] == [(text.index("Koch bringt"), "Koch")]


def handles(text: str, *names: str) -> list[str]:
    findings = [found(text, "PERSON", name) for name in names]
    added = handle_mentions(text, findings)
    assert all(f.recognizer == HANDLE_MENTION and f.entity_type == "PERSON" for f in added)
    return [text[f.start : f.end] for f in added]


def test_logins_mentions_and_devices_made_of_a_full_name_are_the_person() -> None:
    text = (
        "Caller: Yvonne Gänsler, device LT-GAENSLER-02, login y.gaensler; "
        "minutes: Rebecca Thornbury (Contoso), @rthornbury to confirm, cc thornbury.rebecca2"
    )
    assert sorted(handles(text, "Yvonne Gänsler", "Rebecca Thornbury")) == sorted(
        ["GAENSLER", "y.gaensler", "rthornbury", "thornbury.rebecca"]
    )


def test_a_surname_alone_counts_only_inside_an_identifier() -> None:
    text = "Anna Becker hat den Laptop. Becker sagt, becker ist Stammkunde; srv_becker01 läuft."
    assert handles(text, "Anna Becker") == ["becker"]  # "srv_becker01", not the words
    # short surnames stay words even there; e-mail addresses are the e-mail recognizer's
    text = "Tom Koch: koch-01, mail anna.becker@firma.de"
    mail = found(text, "EMAIL_ADDRESS", "anna.becker@firma.de")
    assert handle_mentions(text, [found(text, "PERSON", "Tom Koch"), mail]) == []
    assert handles("Ines Brückner und ibrückner, nicht xibrueckner", "Ines Brückner") == [
        "ibrückner"
    ]


def test_a_full_name_holding_a_quoted_nickname_is_one_person() -> None:
    text = 'Contact: Oluwaseun "Seun" Bakare-Ellis, Katharina „Kathi“ Brandt; Anna sagte "Ja" Tom'
    findings = [
        found(text, "PERSON", name, score=score)
        for name, score in (("Oluwaseun", 0.9), ("Seun", 0.7), ("Bakare-Ellis", 0.95),
                            ("Katharina", 0.9), ("Brandt", 0.8), ("Anna", 0.9), ("Tom", 0.9))
    ]  # fmt: skip
    added = quoted_nicknames(text, findings)
    assert [(text[f.start : f.end], f.score, f.recognizer) for f in added] == [
        ('Oluwaseun "Seun" Bakare-Ellis', 0.95, NICKNAME_MENTION),
        ("Katharina „Kathi“ Brandt", 0.9, NICKNAME_MENTION),
    ]  # not a quote someone said between two names
