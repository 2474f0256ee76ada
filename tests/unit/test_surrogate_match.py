"""Finding surrogates in model answers: tolerant where unambiguous, identical when streamed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.surrogate_match import SurrogateEntry, SurrogateMatcher, inflect

ENTRIES = [
    SurrogateEntry("PERSON", "Dr. Lena Weber", "Dr. Anna Schmidt", ("PERSON", 1)),
    SurrogateEntry("PERSON", "Herr Jonas Kurz", "Herr Klaus Schulz", ("PERSON", 2)),
    SurrogateEntry("EMAIL_ADDRESS", "lena.weber@example.com", "anna.schmidt@firma.de"),
    SurrogateEntry("PHONE_NUMBER", "+49 30 23125417", "+49 151 23456789"),
    SurrogateEntry("IBAN_CODE", "DE48 2092 8497 7399 1089 22", "DE89 3704 0044 0532 0130 00"),
    SurrogateEntry("PHONE_NUMBER", "(312) 555-0190", "(415) 555-2671"),
    SurrogateEntry("IP_ADDRESS", "192.0.2.50", "10.1.2.3"),
]
MATCHER = SurrogateMatcher(ENTRIES)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Dear Dr. Lena Weber,", "Dear Dr. Anna Schmidt,"),
        ("Hallo Lena, wie geht's?", "Hallo Anna, wie geht's?"),
        ("LENA WEBER wrote", "Anna Schmidt wrote"),  # the user's value as they wrote it
        ("lena weber wrote", "Anna Schmidt wrote"),
        ("Dear Frau Weber", "Dear Frau Schmidt"),
        ("Webers Bericht und Weber's report", "Schmidts Bericht und Schmidt's report"),
        ("Lenas Bericht", "Annas Bericht"),
        ("Kurz' Antwort", "Schulz' Antwort"),
        ("Kurzs Antwort", "Schulz' Antwort"),  # German genitive after a sibilant
        ("the Weber-Bericht", "the Schmidt-Bericht"),
        ("mail Lena.Weber@Example.com.", "mail anna.schmidt@firma.de."),
        ("call 030 23125417 or +49 30 2312 5417", "call +49 151 23456789 or +49 151 23456789"),
        ("call 312-555-0190 or +1 (312) 555 0190", "call (415) 555-2671 or (415) 555-2671"),
        ("IBAN DE482092849773991089 22", "IBAN DE89 3704 0044 0532 0130 00"),
        ("server 192.0.2.50.", "server 10.1.2.3."),
    ],
)
def test_restores_tolerant_forms(answer: str, expected: str) -> None:
    assert MATCHER.restore(answer) == expected


@pytest.mark.parametrize(
    "answer",
    [
        "x lena.weber@example.com.au",  # a longer address is another address
        "Lenaweber and Weberei",  # inside other words
        "DE48 2092 8497 7399 1089 22X",
        "call 0049302312541799",  # more digits: another number
        "192.0.2.501",
    ],
)
def test_leaves_look_alikes_alone(answer: str) -> None:
    assert MATCHER.restore(answer) == answer


def test_inflection_fits_the_original_ending() -> None:
    assert inflect("Schmidt", "s") == "Schmidts"
    assert inflect("Schulz", "s") == "Schulz'"
    assert inflect("Schmidt", "'") == "Schmidt's"
    assert inflect("Weiß", "’") == "Weiß’"
    assert inflect("Schmidt", "’s") == "Schmidt’s"


def test_shared_parts_are_ambiguous_and_left_alone() -> None:
    matcher = SurrogateMatcher(
        [
            SurrogateEntry("PERSON", "Lena Weber", "Anna Schmidt"),
            SurrogateEntry("PERSON", "Lena Vogel", "Eva Braun"),
        ]
    )
    assert matcher.restore("Lena Weber and Lena Vogel") == "Anna Schmidt and Eva Braun"
    assert matcher.restore("Hi Lena, Frau Vogel") == "Hi Lena, Frau Braun"


def test_same_replacement_from_two_entries_is_not_ambiguous() -> None:
    matcher = SurrogateMatcher(
        [
            SurrogateEntry("PERSON", "Lena Weber", "Anna Schmidt"),
            SurrogateEntry("PERSON", "Lena", "Anna"),
        ]
    )
    assert matcher.restore("Lena") == "Anna"


def test_matches_carry_the_callers_reference() -> None:
    [match] = list(MATCHER.find("Hallo Lena!"))
    assert match.entry.ref == ("PERSON", 1) and match.replacement == "Anna"
    assert (match.start, match.end) == (6, 10)


def test_empty_matcher_changes_nothing() -> None:
    matcher = SurrogateMatcher([])
    assert matcher.restore("Hallo Lena") == "Hallo Lena"
    assert matcher.partial_tail("Hallo Le") == len("Hallo Le")


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Hallo Le", "Le"),
        ("Hallo Lena", "Lena"),
        ("Hallo Lena We", "Lena We"),
        ("Hallo Lena Weber", "Lena Weber"),
        ("Hallo Lena x", ""),
        ("call +49 30 231", "+49 30 231"),
        ("mail lena.web", "lena.web"),
        ("Sure.", ""),
        ("in 2024", ""),
        ("DE48 20", "DE48 20"),
        ("ok lena.weber@example.com", "lena.weber@example.com"),  # may still grow (".au")
    ],
)
def test_partial_tail_holds_only_what_may_become_a_surrogate(text: str, held: str) -> None:
    assert text[MATCHER.partial_tail(text) :] == held


def test_a_whole_surrogate_across_the_cut_is_held_whole() -> None:
    # the phone surrogate starts "069", so "06. " at the end may still become it: the IBAN
    # surrogate ending in "06" must not go out without its last group
    matcher = SurrogateMatcher([
        SurrogateEntry("PHONE_NUMBER", "069 90009020", "030 1234567"),
        SurrogateEntry("IBAN_CODE", "DE83 3044 4239 4749 3937 06", "DE89 3704 0044 0532 0130 00"),
    ])  # fmt: skip
    text = "), IBAN DE83 3044 4239 4749 3937 06. "
    assert text[matcher.partial_tail(text) :] == "DE83 3044 4239 4749 3937 06. "
    answer = "Tel. 069 90009020, IBAN DE83 3044 4239 4749 3937 06. Viele Grüße"
    restored = "Tel. 030 1234567, IBAN DE89 3704 0044 0532 0130 00. Viele Grüße"
    assert stream(matcher, list(answer)) == restored


CONTEXT = 64


def stream(matcher: SurrogateMatcher, pieces: list[str]) -> str:
    """The restorer's streaming algorithm: hold the partial tail, restore with left context."""
    out, pending, context = [], "", ""
    for piece in pieces:
        pending += piece
        cut = matcher.partial_tail(pending)
        ready, pending = pending[:cut], pending[cut:]
        out.append(emit(matcher, context, ready))
        context = (context + ready)[-CONTEXT:]
    out.append(emit(matcher, context, pending))
    return "".join(out)


def emit(matcher: SurrogateMatcher, context: str, ready: str) -> str:
    window = context + ready
    parts, cursor = [], len(context)
    for m in matcher.find(window):
        if m.end <= cursor:
            continue
        parts.append(window[cursor : m.start])
        parts.append(m.replacement)
        cursor = m.end
    parts.append(window[cursor:])
    return "".join(parts)


FRAGMENTS = st.sampled_from(
    [
        "Lena",
        "Weber",
        "Lena Weber",
        "Dr. Lena Weber",
        "Webers",
        "Weber's",
        "LENA",
        "Kurz'",
        "Jonas",
        "lena.weber@example.com",
        "lena.weber@example.com.au",
        "+49 30 23125417",
        "030 2312 5417",
        "DE48 2092 8497 7399 1089 22",
        "(312) 555-0190",
        "192.0.2.50",
        "192.0.2.501",
        " ",
        ", ",
        ". ",
        "Hallo ",
        "Sehr geehrte ",
        "x",
        "-",
        "\n",
        "Lenaweber",
        "2024",
        "@",
        "'s",
    ]
)


@settings(max_examples=300, deadline=None)
@given(fragments=st.lists(FRAGMENTS, max_size=14), cuts=st.lists(st.integers(0, 400), max_size=12))
def test_streaming_gives_the_same_text_as_the_whole_answer(
    fragments: list[str], cuts: list[int]
) -> None:
    text = "".join(fragments)
    points = sorted({c % (len(text) + 1) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    assert stream(MATCHER, pieces) == MATCHER.restore(text)
