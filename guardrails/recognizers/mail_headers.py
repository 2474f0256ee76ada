"""Names on header lines: ``Cc: Okonkwo, Brandtner``, ``Von: Okafor, Chidi``, ``Assignee:
Przybylski``.

A forwarded mail, a meeting's minutes or a ticket pasted into a chat keeps its header lines.
The name tagger reads most names there, but a lone unknown surname after ``cc:`` has no
context at all ("cc: Okonkwo" reached the model as written), nor has a display name written
surname first ("Von: Okafor, Chidi"), and a ticket's "Assignee: Przybylski" was read as the
person "Assignee". On a line that starts with Cc, Bcc or Kopie, or with a field whose entries
are people (Assignee, Owner, Reviewer, Protokollant, Teilnehmer, Ansprechpartner ...:
``ordinary_vocabulary.ROLE_FIELDS``), and a colon, each entry of one to three capitalised
words is a name; entries holding a department or a word such as "Team" or "Alle" ("Cc:
Vertrieb", "Owner: Platform Team"), a product, a place or a placeholder ("Assignee:
Unassigned") are not. From/To lines (Von, An, Absender, Empfänger) also carry travel plans
("From: Detmold", "Von: Berlin, Deutschland"), so their entries are names only where the text
is a mail (another header line such as Sent, Betreff or Cc) or the line lists several
entries ("Okafor, Chidi"), and never when an entry is a place or a nationality. An entry's
address in angle brackets may follow it; mail addresses are the e-mail recognizer's. On Cc and
role lines a colleague's initials (Kürzel) are a name too ("Verantwortlich: MKO", "cc: JBE"),
not the abbreviation of a role, body or team ("Owner: QA", "Verantwortlich: GF").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from guardrails.name_rules import CAPITALISED_WORD, NAME_PARTICLES, TITLES
from guardrails.ordinary_vocabulary import (
    DEPARTMENT_WORDS,
    GROUP_ADDRESSES,
    MAIL_COPY_FIELDS,
    MAIL_OTHER_FIELDS,
    MAIL_PARTY_FIELDS,
    NATIONALITIES,
    NOBODY,
    PLACE_WORDS,
    PLACES,
    PRODUCTS_AND_COMPANIES,
    ROLE_FIELDS,
)
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a header line announces its entries as people, as a form of address does
HEADER_NAME_SCORE = 0.8


def field_labels(fields: frozenset[str]) -> str:
    """An alternation of the field names ``fields``, longest first, any blanks between the
    words of one ("Assigned  to")."""
    return "|".join(
        regex.escape(f).replace(r"\ ", r"[ \t]+") for f in sorted(fields, key=len, reverse=True)
    )


def _header_lines(fields: frozenset[str]) -> regex.Pattern[str]:
    """Lines opening with one of ``fields`` and a colon; the rest of the line is ``list``."""
    return regex.compile(
        rf"(?im)^[ \t>]*(?:{field_labels(fields)})[ \t]*:[ \t]*(?P<list>[^\n]*)"
    )


#: lines whose entries are people: a mail's copies and the role fields of minutes and tickets
_PEOPLE_HEADER = _header_lines(MAIL_COPY_FIELDS | ROLE_FIELDS)
_PARTY_HEADER = _header_lines(MAIL_PARTY_FIELDS)
#: lines that only a mail has (besides From/To)
_MAIL_HEADER = _header_lines(MAIL_COPY_FIELDS | MAIL_OTHER_FIELDS)
_ENTRY = regex.compile(
    rf"(?<=\A|[,;][ \t]*|[ \t](?:and|und|&)[ \t]+)(?:{TITLES}[ \t]+)?"
    rf"(?P<name>{CAPITALISED_WORD}(?:[ \t]+(?:{NAME_PARTICLES}[ \t]+)*{CAPITALISED_WORD}){{0,2}})"
    rf"(?=[ \t]*(?:<[^<>\n]*>[ \t]*)?(?:[,;]|[ \t](?:and|und|&)[ \t]|\Z))"
)
#: a colleague's initials (Kürzel) as an entry of its own: "Verantwortlich: MKO", "cc: JBE, AS"
_INITIALS_ENTRY = regex.compile(
    r"(?<=\A|[,;/][ \t]*|[ \t](?:and|und|&)[ \t]+)(?P<name>[A-ZÄÖÜ]{2,4})"
    r"(?=[ \t]*(?:[,;/]|[ \t](?:and|und|&)[ \t]|\Z))"
)
#: abbreviations of roles, bodies and teams that stand where initials would ("Owner: QA",
#: "Verantwortlich: GF", "cc: BR")
_ROLE_ABBREVIATIONS_TEXT = """
    ceo cfo cto coo cio ciso cpo cmo cro cdo vp svp evp md gm gf gl vs ar br pr pl tl pm po sm
    ba qa qm pmo hr it bi ux ui sre ops dev sec fin ir pa dpo dsb dsgvo gdpr alle all tbd nn
    dba crm erp scm bu hq noc soc cs cx se ps rd mkt hse ehs ap kam key sap aws gcp
"""
_ROLE_ABBREVIATIONS = frozenset(_ROLE_ABBREVIATIONS_TEXT.split())
_PLACE_TERMS = PLACES | NATIONALITIES | PLACE_WORDS
#: what an entry naming a person never holds (place words such as "Park" and "Hill" are
#: surnames too: "Bcc: Lee; Park")
_NOT_PEOPLE = (
    GROUP_ADDRESSES | DEPARTMENT_WORDS | NOBODY | PRODUCTS_AND_COMPANIES | PLACES | NATIONALITIES
)


class MailHeaderNameRecognizer(SpanRecognizer):
    """``PERSON`` for each name on a Cc, Bcc, Kopie or role field's line, and on a From or To
    line of a mail."""

    ENTITY = "PERSON"
    NAME = "MailHeaderNameRecognizer"

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each entry of a header line that reads as a person's name."""
        if ":" not in text:
            return
        for header in _PEOPLE_HEADER.finditer(text):
            yield from _names(header, _entries(header))
            yield from _initials(header)
        mail = _MAIL_HEADER.search(text) is not None
        for header in _PARTY_HEADER.finditer(text):
            entries = _entries(header)
            places = any(not _PLACE_TERMS.isdisjoint(words) for _, words in entries)
            if (mail or len(entries) > 1) and not places:
                yield from _names(header, entries)


def _entries(header: regex.Match[str]) -> list[tuple[regex.Match[str], list[str]]]:
    """The capitalised entries of a header line, each with its case-folded words."""
    return [
        (entry, entry.group("name").casefold().split())
        for entry in _ENTRY.finditer(header.group("list").rstrip())
    ]


def _names(
    header: regex.Match[str], entries: list[tuple[regex.Match[str], list[str]]]
) -> Iterable[tuple[int, int, float]]:
    """The entries that are no group, department, product, place or placeholder, as spans of
    the whole text."""
    offset = header.start("list")
    for entry, words in entries:
        if _NOT_PEOPLE.isdisjoint(words):
            yield offset + entry.start("name"), offset + entry.end("name"), HEADER_NAME_SCORE


def _initials(header: regex.Match[str]) -> Iterable[tuple[int, int, float]]:
    """The entries of a role's or copy line that are a colleague's initials ("MKO"), not a
    role's, a body's or a team's abbreviation ("QA", "GF", "BR") nor a department's."""
    offset = header.start("list")
    for entry in _INITIALS_ENTRY.finditer(header.group("list").rstrip()):
        folded = entry.group("name").casefold()
        if folded not in _ROLE_ABBREVIATIONS and folded not in _NOT_PEOPLE:
            yield offset + entry.start("name"), offset + entry.end("name"), HEADER_NAME_SCORE
