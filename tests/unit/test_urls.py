"""Web addresses (guardrails.recognizers.urls): links and domain names as people paste them,
without the punctuation around them, and what is no web address."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guardrails.recognizers.urls import (
    DOMAIN_SCORE,
    LINK_SCORE,
    PersonalWebsiteRecognizer,
    WebAddressRecognizer,
)


def urls(text: str) -> list[str]:
    found = WebAddressRecognizer("de").analyze(text, ["URL"])
    return [text[r.start : r.end] for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("siehe https://intranet.firma.de/x?id=4. Danke", ["https://intranet.firma.de/x?id=4"]),
        ("My website is http://www.visualtrips.hu/", ["http://www.visualtrips.hu/"]),
        ("(see https://en.wikipedia.org/wiki/Foo_(bar)).", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("Link: <https://x.org>, oder „www.foo.org“!", ["https://x.org", "www.foo.org"]),
        ("Bewerbung über firma.de/karriere oder news.bbc.co.uk.", ["firma.de/karriere", "news.bbc.co.uk"]),
        ("Die Seite orf.at und ftp://files.example.com/a.zip", ["orf.at", "ftp://files.example.com/a.zip"]),
    ],
)  # fmt: skip
def test_links_and_domains_without_the_punctuation_around_them(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


def test_a_link_scores_higher_than_a_bare_domain() -> None:
    found = WebAddressRecognizer("en").analyze("https://a.example.com or example.com", ["URL"])
    assert [r.score for r in found] == [LINK_SCORE, DOMAIN_SCORE]


@pytest.mark.parametrize(
    "text",
    [
        "Schreib an anna@firma.de bitte",  # the e-mail's domain
        "Run main.py, see README.md and deploy.sh",  # file names
        "Node.js, ASP.NET, z.B. und u.a. sind keine Adressen",  # dotted words
        "Version 3.10.12 auf 10.0.0.1",  # numbers
        "https:// and www. alone",
        "",
    ],
)
def test_what_is_no_web_address(text: str) -> None:
    assert urls(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My website is http://www.visualtrips.hu/", ["http://www.visualtrips.hu/"]),
        ("Her blog: https://blog.example.com/anna, mine is elsewhere", ["https://blog.example.com/anna"]),
        ("Meine private Homepage lautet: anna-schmidt.de.", ["anna-schmidt.de"]),
        ("Besuchen Sie mich unter www.jens-becker.de", ["www.jens-becker.de"]),
        ("visit me at jdoe.dev!", ["jdoe.dev"]),
        ("My GitHub profile: github.com/jdoe1984", ["github.com/jdoe1984"]),
        ("Mein Instagram-Konto ist instagram.com/anna.s", ["instagram.com/anna.s"]),
        # a company's site, a link without an owner
        ("Check our website www.firma.de", []),
        ("Just posted a photo http://www.TextFiction.de/", []),
        ("Die Webseite der Firma ist www.firma.de", []),
    ],
)  # fmt: skip
def test_a_site_someone_calls_their_own_is_personal(text: str, expected: list[str]) -> None:
    found = PersonalWebsiteRecognizer("de").analyze(text, ["PERSONAL_URL"])
    assert [text[r.start : r.end] for r in found] == expected


_PIECES = ["http://", "www.", "a.de", "/x", ".", ")", "(", "my website is ", "Mein Blog: ", " ",
           ",", "@", "ä", "\n", "x.com", "'", "\"", "»", "README.md", "z.B.", "Node.js", "9"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
@example(["http://", "www.", "(", ")"])  # a closing bracket the link opened ends it
def test_every_span_lies_inside_the_text_and_starts_and_ends_on_a_character(pieces: list[str]) -> None:
    text = "".join(pieces)
    for recognizer in (WebAddressRecognizer("de"), PersonalWebsiteRecognizer("en")):
        for start, end, _score in recognizer.spans(text):
            assert 0 <= start < end <= len(text)
            assert text[start].strip()
            last = text[end - 1]
            opening = {")": "(", "]": "[", "}": "{"}.get(last)
            if opening is not None:  # a bracket the link opened stays ("wiki/Foo_(bar)")
                assert text.count(opening, start, end) >= text.count(last, start, end)
            else:
                assert last not in ".,;:!?>'\"’”»“‘«"
