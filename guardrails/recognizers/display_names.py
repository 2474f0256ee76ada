"""The display name of a mailbox: ``Priya Shah <priya.shah@corp.com>``,
``"Berger, Thomas" <t.berger@firma.de>``.

Mail headers, git trailers (``Author:``, ``Signed-off-by:``, ``Co-authored-by:``), address
books and CSV exports write a person's name right before their address in angle brackets.
The name tagger reads such names in prose but misses many in code and quotes
(``git commit --author="Priya Shah <priya.shah@corp.com>"``). One to four capitalised words
(a "Last, First" pair too) right before ``<mailbox@`` are a name. Role mailboxes are not: a
display name holding a role or company word ("Support Team", "Acme Inc") or one before a
role mailbox ("Noreply <noreply@...>", "Kundenservice <service@...>") stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from guardrails.name_rules import CAPITALISED_WORD, NAME_PARTICLES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: as sure as a name after a title: the address format announces a person
DISPLAY_NAME_SCORE = 0.85

_DISPLAY_NAME = regex.compile(
    rf"(?P<name>{CAPITALISED_WORD}(?:,?[ \t]+(?:{NAME_PARTICLES}[ \t]+)*{CAPITALISED_WORD}){{0,3}})"
    r"[\"'’]?[ \t]*<(?P<mailbox>[^<>@\s]+)@"
)
#: Words of a team's, a service's or a company's display name, and role mailboxes.
_ROLE_WORD_TEXT = """
    support team service services info information admin administrator sales help helpdesk
    desk office billing noreply no-reply donotreply notifications notification system bot
    marketing news newsletter mailer daemon postmaster webmaster customer customers care jobs
    careers contact hello hr it security alerts alert reply accounts accounting finance
    payroll invoices invoice orders shop store inc ltd llc corp company group department
    kundenservice kundendienst service-team vertrieb buchhaltung einkauf empfang zentrale
    personalabteilung personal kontakt redaktion abteilung bewerbung bewerbungen rechnung
    rechnungen verwaltung sekretariat notes meeting meetings calendar reports report digest
    updates
"""
_ROLE_WORDS = frozenset(_ROLE_WORD_TEXT.split())


class DisplayNameRecognizer(SpanRecognizer):
    """``PERSON`` for the display name before a mailbox in angle brackets."""

    ENTITY = "PERSON"
    NAME = "DisplayNameRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each display name that is no role's."""
        if "<" not in text:
            return
        for match in _DISPLAY_NAME.finditer(text):
            words = match.group("name").replace(",", " ").casefold().split()
            mailbox = match.group("mailbox").casefold()
            if _ROLE_WORDS.isdisjoint(words) and mailbox not in _ROLE_WORDS:
                yield match.start("name"), match.end("name"), DISPLAY_NAME_SCORE
