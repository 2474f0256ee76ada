"""A known name right after the word for its person's place at work: "Azubi Finn",
"Vorgesetzter Klein", "Kollegin Sommer", "our intern Will", "coworker Summer".

Office chat names colleagues by their role as often as by title. The tagger reads most such
names, but not those that are also words ("Will", "Summer", "Klein") nor every role word
("Azubi"). A role word says "person": a name right after it is one. The role words are those
of people only (colleague, intern, trainee, manager, patient ...): customers, clients and
mandates are often companies ("unser Kunde Bosch") and stay the tagger's. The name must be a
known first name or surname written capitalised (a second known name after it is the
surname), not a month ("the intern May cohort" is a date); after an English role word a
capitalised word after the name that is no name makes the whole a title ("Employee Stock
Purchase Plan").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.name_rules import CAPITALISED_NAME
from guardrails.ordinary_vocabulary import PRODUCTS_AND_COMPANIES
from guardrails.recognizers.dates import MONTH_NAMES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: a known name after a role word: as sure as a name placed in a department
COWORKER_SCORE = 0.65

#: words for a person's place at work (German inflections included), never for a company
_ROLE_TEXT = """
    kollege kollegen kollegin azubi azubis azubine auszubildende auszubildender
    auszubildenden praktikant praktikanten praktikantin werkstudent werkstudenten
    werkstudentin trainee volontär volontärin vorgesetzte vorgesetzter vorgesetzten
    teamleiter teamleiterin abteilungsleiter abteilungsleiterin gruppenleiter
    gruppenleiterin projektleiter projektleiterin sachbearbeiter sachbearbeiterin
    mitarbeiter mitarbeiterin mitarbeitende mitarbeitenden chef chefin assistent
    assistentin bewerber bewerberin patient patientin
"""
_ENGLISH_ROLE_TEXT = """
    colleague coworker co-worker teammate intern trainee apprentice manager boss supervisor
    assistant employee applicant candidate patient
"""
_ENGLISH_ROLES = frozenset(_ENGLISH_ROLE_TEXT.split())
_ROLES = frozenset(_ROLE_TEXT.split()) | _ENGLISH_ROLES
# the role words as written in lower case and capitalised, case-sensitive, behind a look-ahead
# on their first letters: a case-insensitive alternation tried at every position cost 0.5 ms
# per 5,000 characters, this 0.15 ms
_ROLE_FORMS = sorted({f for r in _ROLES for f in (r, r[:1].upper() + r[1:])}, key=lambda f: (-len(f), f))
_ROLE_FIRST_LETTERS = "".join(sorted({f[0] for f in _ROLE_FORMS}))
_ROLE_THEN_NAME = re.compile(
    rf"(?=[{_ROLE_FIRST_LETTERS}])(?<![\w-])(?P<role>{'|'.join(_ROLE_FORMS)})[ \t]+"
    rf"(?P<name>{CAPITALISED_NAME})"
    rf"(?:[ \t]+(?P<surname>{CAPITALISED_NAME}))?(?![\w-])"
)
_MONTH = re.compile(MONTH_NAMES, re.IGNORECASE)
_SHORT_MONTHS = frozenset({"May", "Mai"})


class CoworkerNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known name right after a role word of a person at work."""

    ENTITY = "PERSON"
    NAME = "CoworkerNameRecognizer"

    def __init__(self, names: Collection[str], supported_language: str) -> None:
        """``names``: capitalised first names and surnames (function words left out)."""
        super().__init__(supported_language)
        self._names = frozenset(names)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each known name right after a role word."""
        found = []
        for m in _ROLE_THEN_NAME.finditer(text):
            if not self._known(m.group("name")):
                continue
            surname = m.group("surname")
            if surname and self._known(surname):
                end = m.end("surname")
            elif surname and m.group("role").casefold() in _ENGLISH_ROLES:
                continue  # English capitalises a thing's name: "Employee Stock Purchase Plan"
            else:
                end = m.end("name")
            found.append((m.start("name"), end, COWORKER_SCORE))
        return found

    def _known(self, name: str) -> bool:
        return (
            set(name.split("-")) <= self._names
            # a month, not its short form ("Jan" is a name, "May" and "Mai" are both)
            and (_MONTH.fullmatch(name) is None or (len(name) <= 3 and name not in _SHORT_MONTHS))
            and name.casefold() not in PRODUCTS_AND_COMPANIES
        )
