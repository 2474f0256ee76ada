"""Shortcuts that make pattern recognizers cheaper must not change what they find.

The e-mail pattern runs only around each "@" (:meth:`OfflineEmailRecognizer.match_regions`),
and three street-address patterns start with a lookahead of what a match needs anyway. Each is
compared with the plain form (the whole text; the pattern without its lookahead) on texts made
of the characters these patterns turn on.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guardrails.presidio_detector import _lean_pattern_scan, _matches
from guardrails.presidio_recognizers import OfflineEmailRecognizer
from guardrails.recognizers import address

_EMAIL_PIECES = [*"ab'.-_@ #é\n1=|+Z`", "x.de", "@y.com", "o'r", ".@", "ä@ö.at"]
_ADDRESS_PIECES = [
    *"aZ 1-./,\n\t",
    "Haupt",
    "straße",
    "str.",
    "weg",
    "Lindenweg",
    "12",
    "5a",
    "80331",
    "Montag",
    "Jan",
    "D-",
    "A1B",
    "SW1A",
    "2AA",
    "1234 AB",
    "Via",
    "Ecke",
    "Müller",
    "\u0301",
]


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=30).map("".join)


def _email() -> tuple[OfflineEmailRecognizer, regex.Pattern[str]]:
    recognizer = OfflineEmailRecognizer("en")
    pattern = OfflineEmailRecognizer.PATTERNS[0]
    return recognizer, regex.compile(pattern.regex, flags=recognizer.global_regex_flags)


@settings(max_examples=600, deadline=None)
@given(_texts(_EMAIL_PIECES))
def test_email_pattern_around_each_at_sign_finds_what_the_whole_text_scan_finds(
    text: str,
) -> None:
    recognizer, compiled = _email()
    whole = [m.span() for m in compiled.finditer(text)]
    assert [m.span() for m in _matches(compiled, recognizer, text)] == whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail an anna.schmidt@firma.de oder ben@y.com.", ["anna.schmidt@firma.de", "ben@y.com"]),
        # one address's domain runs into the next mailbox: the whole-text scan takes the first
        # and nothing from where it ended, and so do the regions
        ("a@firma.de.com@y.com", ["a@firma.de.com"]),
        ("kein at-Zeichen hier", []),
        ("@@ x@ @y.de", []),
    ],
)
def test_email_regions_keep_the_whole_text_results(text: str, expected: list[str]) -> None:
    found = _lean_pattern_scan(OfflineEmailRecognizer("de"), text)
    assert [text[f.start : f.end] for f in found] == expected


@pytest.mark.parametrize(
    ("fast", "needs"),
    [
        (address._GLUED_STREET, address.GLUED_NEEDS),
        (address._CAPITALISED_NUMBER, address.CAPITALISED_NEEDS),
        (address._POSTCODES, address.POSTCODE_NEEDS),
    ],
    ids=["glued street", "capitalised number", "postcodes"],
)
@settings(max_examples=400, deadline=None)
@given(text=_texts(_ADDRESS_PIECES))
@example(text="Hauptstr. 12, Lindenweg 5a, Am Markt 3-5, Haupt Str. 5 und Müller Weg 7")
@example(text="D-80331 München, A1B 2C3, SW1A 2AA, 1234 AB Amsterdam, Montag 12 Uhr")
def test_address_lookaheads_only_skip_what_could_not_match(
    fast: regex.Pattern[str], needs: str, text: str
) -> None:
    assert needs in fast.pattern
    plain = regex.compile(fast.pattern.replace(needs, "", 1), flags=fast.flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
