"""The surrogate style inside the guardrail's real restorer: whole and streamed answers agree."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.findings import Decision
from guardrails.pseudonyms import TokenMatch, TypedTokenStyle
from guardrails.restore import StreamRestorer
from guardrails.rewriter import Operators
from guardrails.surrogate_style import SurrogateBook, SurrogateStyle
from guardrails.surrogates import SurrogateFactory
from tests.unit.guard_fakes import FakeDetector

TOKENS = TypedTokenStyle()
FACTORY = SurrogateFactory(b"unit-test-surrogate-style-secret-1")
VALUES = [
    ("PERSON", "PERSON", 1, "Anna Schmidt"),
    ("EMAIL_ADDRESS", "EMAIL", 1, "anna.schmidt@firma.de"),
    ("PHONE_NUMBER", "PHONE", 1, "+49 151 23456789"),
    ("IBAN_CODE", "IBAN", 1, "DE89 3704 0044 0532 0130 00"),
]
OPS = Operators(
    pseudonymize=lambda t, v: f"[{t}_LEAK]", hash_digest=lambda t, v: "h", label_for=lambda t: t
)
_FAKE = FakeDetector(names=())


def make_book() -> tuple[SurrogateBook, dict[tuple[str, int], str]]:
    prompt = "Schreib an Anna Schmidt, anna.schmidt@firma.de, +49 151 23456789."
    book = SurrogateBook(FACTORY, "key:conversation", [prompt])
    book.language = "de"
    made = {}
    for entity_type, label, index, value in VALUES:
        surrogate = book.surrogate(entity_type, label, index, value)
        assert surrogate is not None and surrogate != value
        made[(label, index)] = surrogate
    return book, made


BOOK, MADE = make_book()
STYLE = SurrogateStyle(TOKENS, BOOK)
ORIGINALS = {(label, index): value for _t, label, index, value in VALUES}


def resolve(token: TokenMatch) -> str | None:
    """Like the guard: the vault value, or the form the style matched."""
    if token.index is None or (token.label, token.index) not in ORIGINALS:
        return None
    return token.replacement or ORIGINALS[(token.label, token.index)]


def scan(text: str) -> list[Decision]:
    return [Decision(f, "pseudonymize") for f in _FAKE.detect_structured(text, "de")]


def run(chunks: list[str], with_scan: bool) -> str:
    restorer = StreamRestorer(STYLE, resolve, OPS, scan=scan if with_scan else None)
    return "".join([restorer.feed(c) for c in chunks] + [restorer.flush()])


def test_the_book_is_stable_and_names_follow_the_person() -> None:
    again, made = make_book()
    assert made == MADE
    person = MADE[("PERSON", 1)]
    first, last = person.split()
    assert MADE[("EMAIL", 1)].startswith(f"{first.lower()}.{last.lower()}@")
    assert BOOK.surrogate("PERSON", "PERSON", 1, "Anna Schmidt") == person  # remembered


class DictMemory:
    """The vault's kept surrogates, in a dict."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, int], str] = {}

    def recall(self, label: str, index: int) -> str | None:
        return self.kept.get((label, index))

    def keep(self, label: str, index: int, surrogate: str) -> str:
        return self.kept.setdefault((label, index), surrogate)


def test_a_kept_surrogate_survives_a_later_turn_that_would_collide() -> None:
    memory = DictMemory()
    first = SurrogateBook(FACTORY, "key:conv", ["Bitte an Anna Schmidt."], memory)
    made = first.surrogate("PERSON", "PERSON", 1, "Anna Schmidt")
    assert made is not None and memory.kept == {("PERSON", 1): made}
    # the next turn mentions someone who shares the surrogate's surname
    later = ["Bitte an Anna Schmidt.", f"Und an Jonas {made.split()[-1]}?"]
    fresh = SurrogateBook(FACTORY, "key:conv", later)
    assert fresh.surrogate("PERSON", "PERSON", 1, "Anna Schmidt") != made  # would drift
    again = SurrogateBook(FACTORY, "key:conv", later, memory)
    assert again.surrogate("PERSON", "PERSON", 1, "Anna Schmidt") == made
    # a new person of that turn still avoids every kept form
    other = again.surrogate("PERSON", "PERSON", 2, f"Jonas {made.split()[-1]}")
    assert other is not None and made.split()[-1] not in other.split()


def test_restores_surrogate_forms_and_tokens_together() -> None:
    first, last = MADE[("PERSON", 1)].split()
    answer = (
        f"Hallo {first}! {last.upper()}s Nummer: {MADE[('PHONE', 1)]}, "
        f"Mail {MADE[('EMAIL', 1)].upper()}, IBAN {MADE[('IBAN', 1)].replace(' ', '')}. "
        "[PERSON_1] bleibt [PERSON_7]."
    )
    assert run([answer], with_scan=True) == (
        "Hallo Anna! Schmidts Nummer: +49 151 23456789, Mail anna.schmidt@firma.de, "
        "IBAN DE89 3704 0044 0532 0130 00. Anna Schmidt bleibt [PERSON_7]."
    )


def test_an_identifier_the_model_made_up_is_still_scanned() -> None:
    answer = f"Schreib {MADE[('EMAIL', 1)]} oder other.person@else.de"
    assert run([answer], with_scan=True) == (
        "Schreib anna.schmidt@firma.de oder [EMAIL_ADDRESS_LEAK]"
    )


# Identifiers come with a leading space: numbers glued to numbers are no realistic answer.
PIECES = st.sampled_from(
    [MADE[("PERSON", 1)], *MADE[("PERSON", 1)].split(), " " + MADE[("EMAIL", 1)],
     " " + MADE[("PHONE", 1)], " " + MADE[("IBAN", 1)], "[PERSON_1]", "[EMAIL_1]", " ", ", ",
     ". ", "s ", "Hallo ", "x", " +49 30 1234567", " DE", "\n"]
)  # fmt: skip
# No made-up e-mail here: the restorer passes ordinary words on at once, so the local part of
# an address the model invents can go out before its "@" arrives - the same with tokens, a
# limit of streaming output scans, not of surrogates.


@settings(max_examples=250, deadline=None)
@given(pieces=st.lists(PIECES, max_size=12), cuts=st.lists(st.integers(0, 300), max_size=10),
       with_scan=st.booleans())  # fmt: skip
def test_streaming_equals_whole_for_any_chunking(
    pieces: list[str], cuts: list[int], with_scan: bool
) -> None:
    text = "".join(pieces)
    bounds = [0, *sorted({c % (len(text) + 1) for c in cuts}), len(text)]
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    assert run(chunks, with_scan) == run([text], with_scan)


def test_an_iban_split_inside_its_country_code_is_held_and_scanned() -> None:
    for chunks in (["IBAN D", "E37 1002 0500 0000 1234 57"], ["(DE", "37 1002 0500 0000 1234 57)"]):
        assert "[IBAN_CODE_LEAK]" in run(chunks, with_scan=True)
        assert run(chunks, with_scan=True) == run(["".join(chunks)], with_scan=True)


def _drawn_style(
    secret: bytes, phone: str
) -> tuple[SurrogateStyle, dict[tuple[str, int], str]]:
    book = SurrogateBook(SurrogateFactory(secret), "key:conversation", ["Schreib an Anna."])
    book.language = "de"
    made = {}
    for entity_type, label, index, value in VALUES:
        if entity_type == "PHONE_NUMBER":
            value = phone
        surrogate = book.surrogate(entity_type, label, index, value)
        assert surrogate is not None
        made[(label, index)] = surrogate
    return SurrogateStyle(TOKENS, book), made


@settings(max_examples=300, deadline=None)
@given(
    secret=st.binary(min_size=16, max_size=16),
    phone=st.sampled_from(["+49 151 23456789", "040 1234567", "0221 987654"]),
    data=st.data(),
)
def test_streaming_equals_whole_whatever_surrogates_were_drawn(
    secret: bytes, phone: str, data: st.DataObject
) -> None:
    # each guard draws its own surrogates: one surrogate may start where another ends
    # ("... 6259 04. " before a phone surrogate "040 ..."), which fixed ones never show
    style, made = _drawn_style(secret, phone)
    # identifiers after a space, as above; their beginnings and ends alone as well
    name = made[("PERSON", 1)]
    numbers = [made[("PHONE", 1)], made[("IBAN", 1)]]
    pieces = [name, *name.split(), " " + made[("EMAIL", 1)], *(" " + n for n in numbers),
              *(" " + n[:4] for n in numbers), *(n[-3:] for n in numbers), " ", ", ", ". ",
              "\n", "0", "4", "04. ", " +", " DE", "IBAN", "Tel."]  # fmt: skip
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    size = data.draw(st.integers(1, 8))
    chunks = [text[i : i + size] for i in range(0, len(text), size)]

    def restored(parts: list[str]) -> str:
        restorer = StreamRestorer(style, resolve, OPS, scan=scan)
        return "".join([restorer.feed(c) for c in parts] + [restorer.flush()])

    assert restored(chunks) == restored([text])
