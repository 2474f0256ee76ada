"""Restoring answers: whole and streamed, for every possible chunking.

The streamed result must equal the whole-answer result for any split of the model's text,
ordinary words must pass at once (time to first token), and only a possible partial
placeholder - or, with output scanning on, a possibly unfinished identifier - is held back.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.findings import Decision
from guardrails.pseudonyms import TokenMatch, TypedTokenStyle
from guardrails.restore import DenyPrefixes, StreamRestorer, open_identifier_start, restore_text
from guardrails.rewriter import Operators
from tests.unit.guard_fakes import FakeDetector

STYLE = TypedTokenStyle()
VALUES = {("PERSON", 1): "Alice Liddell", ("PERSON", 2): "Bob", ("EMAIL", 1): "a@b.de"}


def resolve(token: TokenMatch) -> str | None:
    if token.index is None:
        return None
    return VALUES.get((token.label, token.index))


OPS = Operators(
    pseudonymize=lambda t, v: f"[{t}_LEAK]",
    hash_digest=lambda t, v: "h",
    label_for=lambda t: t,
)
_FAKE = FakeDetector(names=())


def scan(text: str) -> list[Decision]:
    return [Decision(f, "pseudonymize") for f in _FAKE.detect_structured(text, "en")]


def stream(chunks: list[str], with_scan: bool = False) -> list[str]:
    restorer = StreamRestorer(STYLE, resolve, OPS, scan=scan if with_scan else None)
    return [restorer.feed(c) for c in chunks] + [restorer.flush()]


def test_whole_answer_restore() -> None:
    text = "Hi [PERSON_1], [Person 2] wrote to EMAIL_1; PERSON_9 and [PERSON] stay."
    assert restore_text(text, STYLE, resolve, OPS) == (
        "Hi Alice Liddell, Bob wrote to a@b.de; PERSON_9 and [PERSON] stay."
    )


def test_ordinary_words_pass_at_once() -> None:
    restorer = StreamRestorer(STYLE, resolve, OPS, scan=scan)
    assert restorer.feed("Sure") == "Sure"
    assert restorer.feed(", the capital") == ", the capital"


def test_split_placeholder_is_restored_whole() -> None:
    assert stream(["Dear [PER", "SON", "_1], hi"]) == ["Dear ", "", "Alice Liddell, hi", ""]


def test_identifier_is_held_until_complete_then_scanned() -> None:
    parts = stream(["Call +49 30 ", "1234", "567 now"], with_scan=True)
    assert parts == ["Call ", "", "[PHONE_NUMBER_LEAK] now", ""]


def test_json_escape_for_tool_arguments() -> None:
    restorer = StreamRestorer(
        STYLE,
        lambda t: 'say "hi"\n',
        OPS,
        escape=lambda v: v.replace('"', '\\"').replace("\n", "\\n"),
    )
    assert restorer.feed('{"a": "[PERSON_1]"}') + restorer.flush() == '{"a": "say \\"hi\\"\\n"}'


def test_report_sees_each_applied_output_decision() -> None:
    seen: list[tuple[str, str]] = []
    restorer = StreamRestorer(
        STYLE, resolve, OPS, scan=scan, report=lambda d, v: seen.append((d.finding.entity_type, v))
    )
    out = restorer.feed("mail leak@evil.com or [EMAIL_1] ") + restorer.flush()
    assert out == "mail [EMAIL_ADDRESS_LEAK] or a@b.de "
    assert seen == [("EMAIL_ADDRESS", "leak@evil.com")]


def test_email_domain_never_leaks_even_when_split_in_the_local_part() -> None:
    # "jo" is an ordinary word when it arrives; from "hn.doe@" on the address is held, and the
    # whole match is replaced: the domain (and most of the address) never goes out.
    out = "".join(stream(["write to jo", "hn.doe@evil", ".com today"], with_scan=True))
    assert "evil" not in out and "hn.doe" not in out
    assert out.endswith("[EMAIL_ADDRESS_LEAK] today")


def test_deny_list_prefix_is_held() -> None:
    deny = DenyPrefixes(["Blue Falcon", "Nordlicht"])
    assert deny.start("Project Blue") == len("Project ")
    assert deny.start("Project Nord") == len("Project ")
    assert deny.start("Project Blue Falcon") == len("Project Blue Falcon")
    assert deny.start("Project Bluetooth") == len("Project Bluetooth")


def test_open_identifier_start() -> None:
    assert open_identifier_start("Hello") == 5
    assert open_identifier_start("IBAN DE89 3704") == 5
    assert open_identifier_start("IBAN DE89 3704 ") == 5
    assert open_identifier_start("mail max.mu") == 5
    assert open_identifier_start("3 apples ") == 9
    assert open_identifier_start("line 42\n") == 8
    # a country code glued to a word by punctuation waits, the word before it goes out
    assert open_identifier_start("IBAN:DE") == 5
    assert open_identifier_start("call[EMAIL[DE") == 11
    assert open_identifier_start("InDE") == 4  # capitals inside a word are no prefix
    assert open_identifier_start("ABCDE") == 5


TRICKY = [
    "Hi [PERSON_1], call +49 30 1234567 now",
    "[person 2][PERSON_1]PERSON_2 x",
    "IBAN DE89 3704 0044 0532 0130 00. [EMAIL_1]",
    "IBAN:DE89 3704 0044 0532 0130 00, call[EMAIL[DE89 3704 0044 0532 0130 00",
    "[PERSON] [PERS [ ] PERSON_ 12 [LITERAL_1]",
]


def test_every_two_and_three_way_split_equals_the_whole() -> None:
    for text in TRICKY:
        for with_scan in (False, True):
            whole = "".join(stream([text], with_scan))
            for i, j in itertools.combinations(range(len(text) + 1), 2):
                chunks = [text[:i], text[i:j], text[j:]]
                assert "".join(stream(chunks, with_scan)) == whole, (text, i, j, with_scan)


FRAGMENTS = st.sampled_from(
    [
        "Hello",
        " ",
        "world",
        "[PERSON_1]",
        "[person 2]",
        "PERSON_2",
        "[PERSON]",
        "[",
        "]",
        "_",
        "PER",
        "SON",
        "1",
        "2",
        ",",
        ".",
        "\n",
        "+49 30 1234567",
        "DE89 3704 0044 0532 0130 00",
        "call",
        "Ü",
        "EMAIL_1",
        "-",
        "(0)",
        "PERSON_",
        "[EMAIL",
    ]
)


@st.composite
def text_and_cuts(draw: st.DrawFn) -> tuple[str, list[int]]:
    text = "".join(draw(st.lists(FRAGMENTS, max_size=12)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    return text, cuts


def test_a_runaway_run_released_early_never_splits_a_number_it_holds() -> None:
    # found by the property below: 102 characters of identifier-like text in one delta pass
    # the hold limit, and the release point fell one digit into the first phone number
    iban = "DE89 3704 0044 0532 0130 00"
    text = iban + iban + "Hello" * 7 + iban
    chunks = [text[:102], text[102:]]
    assert "".join(stream(chunks, with_scan=True)) == "".join(stream([text], with_scan=True))
    assert "3704" not in "".join(stream(chunks, with_scan=True))


@settings(max_examples=300, deadline=None)
@given(text_and_cuts(), st.booleans())
def test_streaming_equals_whole_restore_for_any_chunking(
    case: tuple[str, list[int]], with_scan: bool
) -> None:
    text, cuts = case
    bounds = [0, *cuts, len(text)]
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert "".join(stream(chunks, with_scan)) == "".join(stream([text], with_scan))
    if not with_scan:
        assert "".join(stream(chunks)) == restore_text(text, STYLE, resolve, OPS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab [PERSON_12]\n", max_size=30), st.integers(1, 5))
def test_only_a_possible_placeholder_is_ever_held(text: str, step: int) -> None:
    restorer = StreamRestorer(STYLE, resolve, OPS)
    fed = ""
    out = ""
    for i in range(0, len(text), step):
        fed += text[i : i + step]
        out += restorer.feed(text[i : i + step])
        held = len(fed) - STYLE.partial_tail(fed)
        # everything before the possible partial placeholder has been passed on
        assert restore_text(fed[: len(fed) - held], STYLE, resolve, OPS) == out
