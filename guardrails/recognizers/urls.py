"""Web addresses (URL) as people paste them into chats and mails.

The shipped policy allows URL (links to public pages are what people ask about); a team may
protect them (internal hosts, personal sites), and ``tresor pii analyze`` reports them either
way. Presidio's URL recognizer tries a 6,000-character list of top-level domains at every
position (40-70 us for a 100-character message) and keeps a sentence's full stop in the link
("siehe https://intranet.firma.de/x." masked the full stop too). This one reads:

* links with a scheme or ``www.``: ``https://intranet.firma.de/x?id=4``, ``www.foo.org``,
  ``ftp://files.example.com``;
* bare domain names whose last label is a public suffix (the bundled suffix list, as for
  e-mail addresses): ``example.com``, ``firma.de/karriere``, ``news.bbc.co.uk``.

Closing punctuation and brackets that end a sentence or enclose the link are not part of it
("(see https://x.org/a).", "<https://x.org>"). A domain inside an e-mail address is the
e-mail's. File names whose extension is also a country's domain (``main.py``, ``README.md``,
``run.sh``), names in capitals (``ASP.NET``) and dotted words without a real suffix
(``Node.js``, ``z.B.``) are no URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guardrails.recognizers.public_suffixes import has_public_suffix
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a link with its scheme or "www."
LINK_SCORE = 0.6
#: a bare domain name ("example.com")
DOMAIN_SCORE = 0.5

_LINK = r"(?:(?:https?|s?ftp)://|www\d{0,3}\.)[^\s<>\"'`|\\^{}]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = rf"(?:{_LABEL}\.)+[a-z]{{2,24}}(?![\w@-])(?:/[^\s<>\"'`|\\^{{}}]*)?"
_URL = re.compile(
    rf"(?<![\w@.\-/])(?:(?P<link>{_LINK})|(?=[a-z0-9-]+\.[a-z])(?P<domain>{_DOMAIN}))",
    re.IGNORECASE,
)
#: text worth scanning: a dot between letters or digits, or a scheme
_WORTH = re.compile(r"\w\.\w|://")
#: closing characters that end a sentence or enclose a link, not part of it
_TRAILING = ".,;:!?)]}>'\"’”»“‘«"
#: file extensions that are also country domains: "main.py", "README.md", "run.sh" (as a bare
#: name; with a path or scheme it is a link)
_FILE_EXTENSIONS = frozenset({"py", "md", "sh", "rs", "pl", "cc", "cs", "ps"})


class WebAddressRecognizer(SpanRecognizer):
    """URL: links and bare domain names (see the module docstring)."""

    ENTITY = "URL"
    NAME = "WebAddressRecognizer"
    CONTEXT = ("url", "website", "link", "webseite", "homepage")

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Links and domain names in ``text``."""
        if not _WORTH.search(text):
            return []
        found = []
        for match in _URL.finditer(text):
            start, end = match.span()
            end = _trimmed_end(text, start, end)
            if match.group("link") is not None:
                if end - start > len(match.group("link").split(".", 1)[0]) + 2:
                    found.append((start, end, LINK_SCORE))
            elif _is_domain(text[start:end]):
                found.append((start, end, DOMAIN_SCORE))
        return found


def _trimmed_end(text: str, start: int, end: int) -> int:
    """The end without closing punctuation; a bracket stays when the link opened it
    ("wiki/Foo_(bar)")."""
    while end > start and text[end - 1] in _TRAILING:
        closing = text[end - 1]
        opening = {")": "(", "]": "[", "}": "{"}.get(closing)
        if opening is not None and text.count(opening, start, end) >= text.count(
            closing, start, end
        ):
            break
        end -= 1
    return end


def _is_domain(value: str) -> bool:
    """A host name ending in a public suffix, not a file name."""
    host = value.split("/", 1)[0].lower()
    suffix = host.rsplit(".", 1)[1]
    if "/" not in value and (suffix in _FILE_EXTENSIONS or value.rsplit(".", 1)[1].isupper()):
        return False  # a file name, or a product written in capitals ("ASP.NET")
    return has_public_suffix(host)


#: score of a web address its owner calls their own
PERSONAL_URL_SCORE = 0.8
_SITE = (
    r"(?:web ?site|home ?page|web ?page|blog|portfolio|site|page|webseite|internetseite"
    r"|internetpräsenz|seite|profile?|github|gitlab|linkedin|xing|twitter|instagram|mastodon"
    r"|facebook|youtube|tiktok)(?:[ \t-]+(?:profile?|page|account|konto|seite|kanal|channel))?"
)
#: a possessive of a person and a site word, right before the link: "my website is",
#: "her blog:", "meine private Homepage lautet", "my GitHub profile:", "visit me at"; never
#: "our website" (a company's)
_OWN_SITE = re.compile(
    rf"(?:\b(?:my|his|her|their|(?:mein|sein|ihr)(?:e[mnrs]?)?)\s+"
    rf"(?:(?:own|personal|private|eigene[mnrs]?|private[mnrs]?|persönliche[mnrs]?)\s+)?{_SITE}"
    r"|\b(?:visit|find|follow)\s+me\s+(?:at|on)|\bbesuch(?:t|en sie)?\s+mich\s+(?:auf|unter))"
    r"(?:\s*(?:is|at|on|:|ist|lautet|unter|auf|here|hier|now|jetzt)\b|\s*:)*\s*\Z",
    re.IGNORECASE,
)
#: how far before a link its cue may begin (characters)
_CUE_REACH = 60
_ANY_OWN_SITE = re.compile(r"\b(?:my|his|her|their|mein|sein|ihr|me\b|mich\b)", re.IGNORECASE)


class PersonalWebsiteRecognizer(SpanRecognizer):
    """PERSONAL_URL: a web address someone calls their own ("My website is
    http://www.visualtrips.hu/", "meine Homepage: anna-schmidt.de"). A personal site names its
    owner as a profile link does; a company's site ("our website", "die Seite der Firma")
    stays a URL."""

    ENTITY = "PERSONAL_URL"
    NAME = "PersonalWebsiteRecognizer"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language, [])
        self._links = WebAddressRecognizer(supported_language)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Links right after an owner's cue."""
        if not _ANY_OWN_SITE.search(text):
            return []
        return [
            (start, end, PERSONAL_URL_SCORE)
            for start, end, _score in self._links.spans(text)
            if _OWN_SITE.search(text, max(0, start - _CUE_REACH), start)
        ]
