"""Person names without a trained model: titles, first-name gazetteer, surname lists.

German has no NER weights here, so these rules are its fallback until the trained tagger of
``guardrails/ner`` is present; for English they back up spaCy where it calls a name a place.
High-precision rules score high (``Herr Müller``, ``Dr. Anna Schmidt``, ``my name is
Tempeste``); a known first name before a capitalised word scores medium (German capitalises
every noun, so this is weaker); a lone known name scores below the default threshold. Pure:
the name lists are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

TITLE_SCORE = 0.85
FIRST_LAST_KNOWN_SCORE = 0.8
FIRST_CAPITALISED_SCORE = 0.6
LONE_FIRST_NAME_SCORE = 0.5
LONE_LAST_NAME_SCORE = 0.35

#: Forms of address and titles that come before a name; British English and chat drop the
#: period ("Mr Jones", "Dr Patel"), before a space only ("Oak Dr\nAustin" is an address).
TITLES = (
    r"(?:Herrn?|Frau|Hr\.|Fr\.|Dipl\.-Ing\.|Mag\.|Professor(?:in)?"
    r"|(?:Mrs|Mr|Ms|Dr|Prof)(?:\.|(?=[ \t])))"
)
#: A capitalised word in any Latin script ("Müller", "Łukasz", "Şahin", "O'Brien", "McDonald"),
# optionally double ("Müller-Lüdenscheidt", "Hans-H."), never part of a longer word ("xAnna").
CAPITALISED_WORD = (
    r"(?<![\p{L}\p{N}])(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?"
    r"(?:-\p{Lu}(?:\p{Ll}+|\.))?(?![\p{L}\p{N}])"
)
#: Nobiliary particles inside a name ("van der Berg", "de Surville"); the tagger's decoding
#: uses them too (:mod:`guardrails.ner.spans`).
NAME_PARTICLES = r"(?:von|van|de|der|den|del|della|di|da|du|dos|zu|zur|vom|le|la|ten|ter|y)"
#: a capitalised name word as German and English write it, double-barrelled or not
#: ("Krause", "Müller-Lüdenscheidt")
CAPITALISED_NAME = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
#: A title and a name's particles right before a span: "Frau von der |Leyen", "Herr zu
#: |Guttenberg"; after an article or ordinal "Herr" is a lord ("erster Herr von |Werthern").
_NOT_ADDRESS = r"(?:der|des|dem|den|die|ein|eines|einem|erster|ersten|letzter|letzten|neuer|the)"
_TITLE_BEFORE = regex.compile(
    rf"(?<!\b{_NOT_ADDRESS}\s+)\b{TITLES}\s+(?P<particles>(?:{NAME_PARTICLES}\s+)*)\Z"
)
_TITLE_LOOK_BACK = 40
_CAP = CAPITALISED_WORD
#: a name's words stay on one line ("An: Frau Müller\nBetreff: ..." names "Müller" only)
_SAME_LINE = r"[^\S\n]+"
_TITLE_NAME = regex.compile(
    rf"(?<!\b{_NOT_ADDRESS}\s+)\b{TITLES}(?:\s+{TITLES})*"
    rf"\s+(?P<name>(?:{NAME_PARTICLES}{_SAME_LINE})*{_CAP}(?:{_SAME_LINE}{_CAP})?)"
)
#: nouns that follow a form of address without being a name ("Frau Ministerin", "Herr
#: Kollege", "Mr. President")
_ROLE_NOUN_WORDS = """
    Kollege Kollegin Doktor Professor Professorin Minister Ministerin Präsident Präsidentin
    Vorsitzende Vorsitzender Direktor Direktorin Pfarrer Pfarrerin Bürgermeister
    Bürgermeisterin Oberbürgermeister Oberbürgermeisterin Abgeordnete Abgeordneter
    Staatssekretär Staatssekretärin Botschafter Botschafterin Kommissar Kommissarin Kanzler
    Kanzlerin Senator Senatorin Landrat Landrätin Dekan Dekanin Rektor Rektorin Ober Nachbar
    Nachbarin Anwalt Anwältin Rat Rätin Generalsekretär Generalsekretärin Vizepräsident
    Vizepräsidentin Geschäftsführer Geschäftsführerin Chairman Chairwoman President Speaker
    Secretary Ambassador Mayor Governor Chancellor Justice
"""
_ROLE_NOUNS = frozenset(_ROLE_NOUN_WORDS.split())
#: a speaker introducing themselves: "My name is Tempeste", "Ich heiße Aylin Yilmaz"
_INTRODUCED_NAME = regex.compile(
    rf"\b(?i:my name is|my name's|mein name ist|ich heiße|ich heisse|call me)"
    rf"\s+(?P<name>{_CAP}(?:{_SAME_LINE}{_CAP})?)"
)
_CAP_WORD = regex.compile(_CAP)
# between a first name and the surname: one space, or nobiliary particles ("van der")
_NAME_GAP = regex.compile(rf" (?:{NAME_PARTICLES} ){{0,3}}")

# Capitalised words that follow a first name without being a surname.
_NOT_SURNAME_WORDS = """
    The And Or But With From For To Of On In At By Is Was Are Were Has Had Have Will Can
    I You He She We They It My His Her Our Their This That Yes No Dear Hi Hello Thanks
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Street Road Avenue
    Der Die Das Den Dem Des Ein Eine Und Oder Aber Mit Von Für Auf Aus Bei Nach Im Am Zum
    Zur Es Er Sie Wir Ihr Ich Du Heute Morgen Gestern Jetzt Hier Dort Sehr Auch Noch Nur
    Herr Frau Januar Februar März April Mai Juni Juli August September Oktober November
    Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Uhr Euro
"""
#: capitalised words that are no surname (shared with guardrails.recognizers.sign_offs)
NOT_SURNAMES = frozenset(_NOT_SURNAME_WORDS.split())
# First names that are also everyday words (months, virtues, places, nouns): they count only
# before a known surname.
_AMBIGUOUS_FIRST_WORDS = """
    Mark Frank Wolf Kai Ernst Fee Paris Heide Sonne Rose Will May June April August Grant
    Jordan Summer Hope Joy Bill Art Dawn Faith Grace Iris Ivy Lily Page Sky Star Sunny
    Angel Amber Crystal Daisy Destiny Harmony Honey Autumn Winter Spring Violet Ruby Pearl
    Jade Holly Ginger Olive Sage Brook River Rain Storm Christian Chase Miles Max Price Young
    King Major Long Ray Roman Sterling Wade Dean Dale Glen Lane Reed Rich Royal Urban Victor
    Justice Don Van Del Lea Fritz Golf Polo Nina Kim Lou Jack Tom Carol Jean Guy Ali Sol
    Dominic Ben Eric Lin Ken Bob Pat Dan Sam Jan Per Ole Nils Henry Lincoln Washington
"""
_AMBIGUOUS_FIRST = frozenset(_AMBIGUOUS_FIRST_WORDS.split())


def after_title(text: str, start: int) -> int | None:
    """When ``text[start:]`` follows a title ("Frau", "Mr.", "Dr."), where the name begins
    (its particles included: "Frau von der Leyen"); None otherwise. A place never follows a
    form of address, so a tagger's place there is a surname."""
    window = max(0, start - _TITLE_LOOK_BACK)
    match = _TITLE_BEFORE.search(text, window, start)
    return None if match is None else match.start("particles")


def announced_names(text: str) -> list[NameSpan]:
    """Names a form of address or a self-introduction announces ("Herrn Sommer", "Frau Dr.
    Klein", "my name is Tempeste"), whatever the words: needs no name list, so it also backs up
    the tagger, which misses surnames that are everyday words ("Der neue Leiter ist Herr
    Sommer"). Not after an article or before one ("der Herr", "Herr der Lage"), and a role
    is no name ("Frau Ministerin"; "Frau Ministerin Schulze" names "Schulze")."""
    spans: list[NameSpan] = []
    for m in _TITLE_NAME.finditer(text):
        start, end = m.span("name")
        if m.group("name").startswith(("der ", "den ")):
            continue  # "Herr der Lage", "Herr der Ringe": a lord, not a form of address
        first = _CAP_WORD.search(text, start, end)
        if first is not None and first.group() in _ROLE_NOUNS:  # "Frau Ministerin Schulze"
            after = _CAP_WORD.search(text, first.end(), end)
            if after is None:
                continue
            start = after.start()
        spans.append(NameSpan(start, end, TITLE_SCORE))
    for m in _INTRODUCED_NAME.finditer(text):
        if not NOT_SURNAMES.intersection(m.group("name").split()):
            spans.append(NameSpan(m.start("name"), m.end("name"), TITLE_SCORE))
    return spans


#: phrases whose next words are a person however they read ("can you loop in Kowalski?":
#: the tagger takes "in Kowalski" for a place)
_PERSON_PHRASE_BEFORE = regex.compile(r"\b(?i:loop(?:s|ed|ing)?[ \t]+in)[ \t]+\Z")


def after_person_phrase(text: str, start: int) -> bool:
    """Whether ``text[start:]`` follows a phrase that takes a person ("loop in")."""
    return _PERSON_PHRASE_BEFORE.search(text, max(0, start - 20), start) is not None


@dataclass(frozen=True)
class NameSpan:
    """A person name at ``text[start:end]`` with a confidence."""

    start: int
    end: int
    score: float


class NameRules:
    """Finds person names from titles, known first names and known surnames."""

    def __init__(self, first_names: Iterable[str], last_names: Iterable[str]) -> None:
        self._first = frozenset(n for n in first_names if n and n[0].isupper())
        self._last = frozenset(n for n in last_names if n and n[0].isupper())

    def find(self, text: str) -> list[NameSpan]:
        """Name spans, non-overlapping, strongest rule first."""
        spans = announced_names(text)
        words = list(_CAP_WORD.finditer(text))
        for i, word in enumerate(words):
            token = word.group()
            if token not in self._first:
                if token in self._last and token not in NOT_SURNAMES:
                    spans.append(NameSpan(word.start(), word.end(), LONE_LAST_NAME_SCORE))
                continue
            follower, follower_end = "", word.end()
            if i + 1 < len(words) and _NAME_GAP.fullmatch(text, word.end(), words[i + 1].start()):
                follower, follower_end = words[i + 1].group(), words[i + 1].end()
            if follower in self._last:
                spans.append(NameSpan(word.start(), follower_end, FIRST_LAST_KNOWN_SCORE))
            elif token in _AMBIGUOUS_FIRST:
                continue  # "Mark", "Frank": only with a known surname
            elif follower and follower not in NOT_SURNAMES and follower not in self._first:
                spans.append(NameSpan(word.start(), follower_end, FIRST_CAPITALISED_SCORE))
            else:
                spans.append(NameSpan(word.start(), word.end(), LONE_FIRST_NAME_SCORE))
        return _strongest_first(spans)


def _strongest_first(spans: list[NameSpan]) -> list[NameSpan]:
    kept: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
