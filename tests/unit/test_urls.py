"""Web addresses (guardrails.recognizers.urls): links and domain names as people paste them,
without the punctuation around them, and what is no web address."""

from __future__ import annotations

import pytest

from guardrails.recognizers.urls import DOMAIN_SCORE, LINK_SCORE, WebAddressRecognizer


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
