"""The name under a message's closing: ``LG Basti``, ``VG Flo``, ``Cheers, Mo``,
``Viele Grüße\\nJessi``, ``Best regards,\\nGwendolyn Okonkwo-Barnes``.

Chat messages and mails end with a closing and the writer's first name, often a nickname no
name list holds ("Basti", "Flo", "Mo") and that the tagger, with no context after it, misses.
One or two capitalised words are a name when they are the message's last words and follow a
closing ("LG", "Viele Grüße", "Cheers", "Best," ...) that starts the message, a line or a
clause: so "Kubernetes Best Practices" is no closing, and "best" closes only before a comma or
a line break. A mail's signature block may follow the name when the name stands alone on the
line under the closing ("Thanks,\n\nHope Winter\nSenior Analyst | Finance\nM +44 ...").
Words that end a closing without naming anyone ("Cheers, Team", "Viele Grüße,
Ihr Vertriebsteam", "Gruß Vertrieb", "Thanks, Regards") are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from guardrails.name_rules import CAPITALISED_WORD, NOT_SURNAMES
from guardrails.ordinary_vocabulary import DEPARTMENT_WORDS, GROUP_ADDRESSES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a closing and the message's end around one or two capitalised words announce the writer
SIGN_OFF_SCORE = 0.8

_CLOSINGS = (
    r"lg|vg|glg|mfg|bg|sg|br|kr|gruß|gruss|grüße|grüsse|grüßen|grüssen|regards|wishes|cheers"
    r"|best(?=,|\s*\n)|thanks|thx|danke|dankeschön|ciao|tschüss|tschüs|bye|greetings|sincerely"
    r"|servus"
)
_CLOSING_WORD = regex.compile(rf"(?:{_CLOSINGS})", regex.IGNORECASE)
#: words a closing may open with ("Viele Grüße", "Mit freundlichen Grüßen", "Kind regards")
_CLOSING_LEADS = (
    r"viele|liebe|lieben|beste|besten|schöne|schönen|herzliche|herzlichen|freundliche"
    r"|freundlichen|sonnige|mit|kind|best|warm|warmest|many|all the"
)
_SIGNED_NAME = regex.compile(
    rf"(?:\A|[\n.!?,;:])\s*(?i:(?:(?:{_CLOSING_LEADS})\s+){{0,3}}(?:{_CLOSINGS}))[,!.]?\s+"
    rf"(?P<name>{CAPITALISED_WORD}(?:[ ]{CAPITALISED_WORD})?)[\s.!:)\p{{So}}\p{{Sk}}]*\Z"
)
#: the name alone on its line under a closing line, a signature block (title, company,
#: phone, at most eight short lines) after it to the message's end
_SIGNATURE = regex.compile(
    rf"(?:\A|\n)[ \t]*(?i:(?:(?:{_CLOSING_LEADS})\s+){{0,3}}(?:{_CLOSINGS}))[,!.]?[ \t]*\n"
    rf"(?:[ \t]*\n)*[ \t]*(?P<name>{CAPITALISED_WORD}(?:[ ]{CAPITALISED_WORD}){{0,2}})[ \t]*\n"
    r"(?:[^\n]{0,100}\n){0,7}[^\n]{0,100}\Z"
)
#: how far from a message's end its closing may stand (a signature block included)
_SIGNATURE_REACH = 1000
#: capitalised words that end a closing without being anyone's name ("Grüße an Euch", "Thanks
#: again"); groups ("Cheers, Team") are in GROUP_ADDRESSES
_NOT_SIGNER_WORDS = "Euch Dir Ihnen You Mal Again Anyway Schön"
_NOT_SIGNERS = NOT_SURNAMES | frozenset(_NOT_SIGNER_WORDS.split())


class SignOffRecognizer(SpanRecognizer):
    """``PERSON`` for the name that ends a message after its closing."""

    ENTITY = "PERSON"
    NAME = "SignOffRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """The writer's name under the closing, when the message ends with one."""
        match = _SIGNED_NAME.search(text, max(0, len(text) - 120))
        if match is None and "\n" in text:
            match = _SIGNATURE.search(text, max(0, len(text) - _SIGNATURE_REACH))
        if match is None:
            return
        words = match.group("name").split()
        if _NOT_SIGNERS.isdisjoint(words) and not any(_signs_no_one(w) for w in words):
            yield match.start("name"), match.end("name"), SIGN_OFF_SCORE


def _signs_no_one(word: str) -> bool:
    """A department ("Viele Grüße, Marketing"), a group ("Cheers, Team") or another closing
    ("Thanks, Regards")."""
    folded = word.casefold()
    return (
        folded in DEPARTMENT_WORDS
        or folded in GROUP_ADDRESSES
        or _CLOSING_WORD.fullmatch(folded) is not None
    )
