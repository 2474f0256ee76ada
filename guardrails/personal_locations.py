"""Places that are personal: where someone lives, was born or comes from.

A city in a business question is ordinary ("flights from Frankfurt"); the same city becomes
personal data when it says where a person lives ("Anna wohnt in Bad Tölz", "I grew up in
Leeds", "Herr Meier aus Kassel"). The default policy lets LOCATION pass and protects
PERSONAL_LOCATION, which these rules find from residence cues and from a place right after a
person's name. Cues are deliberately strict (no bare "comes from", "moved to": parcels come
from China and teams move to Kubernetes; "she moved here from" and "originally from" are said
of a person). The town and country lines of an address block, and the town after its
postcode or "in" ("Goethestraße 12 in Frankfurt"), are personal too (:func:`address_places`). Pure: spans in, spans out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from guardrails.ordinary_vocabulary import (
    DEPARTMENT_WORDS,
    PRODUCTS_AND_COMPANIES,
    REQUEST_VERBS,
    SALUTATIONS,
)
from guardrails.recognizers.address import (
    PHONE_WORDS,
    names_known_place,
    town_line_gap,
    without_full_stop,
)

#: A capitalised word in any script: "Köln", "Łódź", "Črni", "Ζάκυνθος".
_WORD = r"\p{Lu}[\p{Ll}\p{M}]+"
#: A form of address starts a name, never continues a place ("wohnt in Kiel Frau Meier ...").
_ADDRESS_WORD = r"(?:Herrn?|Frau|Fräulein|Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Sir)\b"
#: A place name: capitalised words, with the usual prefixes and joiners.
_PLACE = (
    r"(?P<place>(?:(?:Bad|Sankt|St\.|Groß|Klein|Alt|Neu|New|San|Santa|Los|Las|Le|La|Den|Fort)\s+)?"
    rf"{_WORD}(?:-{_WORD})*(?:[ \t]+(?!{_ADDRESS_WORD}){_WORD}){{0,2}}"
    rf"(?:\s+(?:am|an\s+der|im|ob\s+der|upon|on|in\s+der)\s+{_WORD})?"
    rf"(?:\s+\({_WORD}\))?"
    r"(?:\s+(?:City|Stadt))?)"
)
#: A date as written after a birth cue: "1988", "12.08.1964", "02/01/1980", "2 May 1979",
#: "3. April 1970", "March 12, 1985", "1980-02-01".
_BIRTH_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}|(?:\d{1,2}[./-]\d{1,2}[./-]|\d{1,2}(?:\.|st|nd|rd|th)?\s+\p{L}+\.?,?\s+"
    r"|\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{2,4})"
)
#: an adverb between the verb and the place: "lebt jetzt in Kiel", "lives now in Leeds"
_NOW = r"(?:jetzt|nun|noch|mittlerweile|inzwischen|derzeit|zurzeit|aktuell|now|currently|still)"
_RESIDENCE_CUES = (
    # English: where someone lives, lived, was born or grew up
    rf"(?:lives|live|living|lived|resides|reside|residing|resided)\s+(?:{_NOW}\s+)?(?:in|at|near)"
    r"|(?:was|were|is|am|are|i'm|i’m)\s+born\s+in|born\s+and\s+raised\s+in|grew\s+up\s+in"
    r"|(?:my|his|her|their|your)\s+(?:home\s*town|birthplace|place\s+of\s+birth)(?:\s+is)?"
    r"|(?:birthplace|place\s+of\s+birth)\s*:"
    # the birthplace after the date of birth: "geb. 1988 in Minsk", "born on 2 May 1979 in
    # Cork", "Geburtsdatum: 14.07.1991 in Zwickau", "Geburtsdatum/-ort: 12.08.1964, Köln"
    rf"|(?:geb\.|geboren|born)\s+(?:(?:am|on|in)\s+)?{_BIRTH_DATE}\s+in"
    r"|(?:geburtsdatum|geb\.-datum|date\s+of\s+birth|birth\s*date|dob)\s*:?\s*"
    rf"{_BIRTH_DATE}\s+in"
    rf"|geburtsdatum\s*/\s*-?\s*ort\s*:?\s*{_BIRTH_DATE}\s*,"
    r"|(?:i'm|i’m|i\s+am)\s+from|home\s+address\s+in"
    # where someone comes from, said of a person ("she moved here from", "originally from")
    r"|originally\s+from|(?:i|we|he|she|they|i've|we've|i’ve|we’ve)\s+(?:just\s+|recently\s+)?"
    r"(?:moved|relocated)\s+(?:here\s+|over\s+|back\s+)?from"
    # German: wohnt/lebt/geboren/aufgewachsen, Wohnort, Heimatstadt, stammt aus
    r"|(?:wohnt|wohne|wohnen|wohnst|wohnhaft|lebt|lebe|leben|lebst|gewohnt|gelebt)\s+"
    rf"(?:{_NOW}\s+)?(?:in|bei)"
    r"|geboren\s+in|aufgewachsen\s+in|(?:stammt|stamme|stammen)\s+aus|(?:ich\s+)?komme\s+aus"
    r"|(?:umgezogen|gezogen|zieht|ziehe|ziehen)\s+nach"
    r"|(?:wohnort|heimatstadt|heimatort|geburtsort)\s*(?::|ist|in)?"
)
_CUED_PLACE = regex.compile(rf"(?i:\b(?:{_RESIDENCE_CUES}))\s+{_PLACE}")
# German puts the verb last: "ist in Köln geboren", "ist nach Hamburg gezogen"
_PLACE_THEN_CUE = regex.compile(
    rf"\b(?:in|nach)\s+{_PLACE}\s+(?i:geboren|aufgewachsen|gewohnt|gelebt|wohnhaft|"
    rf"zu\s+hause|daheim|gezogen|umgezogen)\b"
)
#: a person's age between the name and the place: "Jan-Ole Petersen, 29 Jahre, aus Husum",
#: "Anna Schmidt, 34, from Leeds"
_AGE = r"\d{1,3}(?:\s+(?:Jahre(?:\s+alt)?|J\.|years?(?:\s+old)?|y/o))?,"
#: a person moving house, said right after the name ("Anna moved to Leeds", "Tom is moving to
#: Denver", "The Smith family relocated to Denver"): teams "move to Kubernetes", but a person
#: who moves changes address
_MOVED_TO = (
    r"(?:[ \t]+family)?(?:['’]s|[ \t]+(?:is|was|has|have|had|will))?"
    r"[ \t]+(?:just[ \t]+|recently[ \t]+|soon[ \t]+)?"
    r"(?:moved|moving|moves|move|relocated|relocating|relocates|relocate)[ \t]+(?:back[ \t]+)?to"
)
_AFTER_PERSON = regex.compile(
    rf"\A(?:,?\s+(?:{_AGE}\s+)?(?:aus|from|of|in|von)|{_MOVED_TO})\s+{_PLACE}"
)
#: The town after a postcode, as most of Europe writes it: "10115 Berlin", "A-1010 Wien";
#: the postcode ends a longer address ("Musterstraße 12, 10115"), unlike a US zip code
#: found on its own after a state ("TX 75001").
_POSTCODE = r"(?:[A-Z]{1,2}-)?\d{4,5}"
_ENDS_IN_POSTCODE = re.compile(rf"\S[\s,]+{_POSTCODE}\Z")
#: A postcode that is an address part of its own, split from the street by a word ("wohnt Am
#: Anger 3 in 99084 Erfurt"), unless a state stands before it (a US zip code)
_LONE_POSTCODE = re.compile(_POSTCODE)
_STATE_BEFORE = re.compile(r"\b[A-Z]{2},?[ \t]+\Z")
_TOWN_AFTER_POSTCODE = regex.compile(
    r"\A[ \t]+(?P<place>(?:(?:Bad|Sankt|St\.|Groß|Klein|Alt|Neu)\s+)?"
    rf"{_WORD}(?:-{_WORD})*(?:\s+(?:am|an\s+der|im|ob\s+der|in\s+der|vor\s+der)\s+{_WORD})?"
    rf"(?:\s+\({_WORD}\))?)"
)
#: The town after an address and "in", as people say it: "wohnt in der Goethestraße 12 in
#: Frankfurt am Main", "lives at 5 Oak Street in Springfield".
_TOWN_AFTER_IN = regex.compile(rf"\A[ \t]+in[ \t]+{_PLACE}")
#: A known town near which the address lies: "wohnt Im Winkel 4a bei Freiburg", "5 Oak
#: Street near Boston" (not the household a letter goes to: "Hauptstraße 5 bei Müller").
_TOWN_NEAR = regex.compile(rf"\A[ \t]+(?:bei|nahe|near)[ \t]+{_PLACE}")

#: Words that follow an address but are no town: courtesy words ("..., 10115 Berlin. Bitte"),
#: German nouns of phrases with "in" ("Hauptstraße 5 in Zukunft"), unit words ("Apt"), the
#: words that join two addresses ("..., and 65 via lagrange 3").
_NOT_TOWNS = frozenset(
    {"please", "bitte", "danke", "thank", "regards", "grüße", "gruß", "cheers", "zukunft",
     "ordnung", "kürze", "rechnung", "absprache", "abstimmung", "betrieb", "planung",
     "apt", "apartment", "suite", "unit", "floor", "room", "postfach", "wohnung", "etage",
     "stock", "zimmer", "and", "und", "or", "oder"}
)  # fmt: skip

#: Words of a letter's closing line, never of a town ("Viele Grüße", "Kind regards").
_CLOSING_WORDS = frozenset(
    {"grüße", "grüßen", "grüsse", "grüssen", "gruß", "gruss", "regards", "wishes", "wünsche",
     "dank", "danke", "thanks", "cheers", "mfg", "lg", "vg"}
)  # fmt: skip
#: Lower-case words longer than three letters inside place names ("Newcastle upon Tyne",
#: "Castiglione della Pescaia").
_LONG_PARTICLES = frozenset({"upon", "della", "delle", "dello", "degli", "sobre", "sous"})

#: How sure the rules are; above the default threshold, below a checksum-validated match.
PERSONAL_LOCATION_SCORE = 0.7

#: Town and country lines of an address block: between two parts of one address (the
#: address recognizer leaves them out, a town alone being a place) or right after a part
#: ("61 Wiesenstrasse 31, Barzheim"). One place per line or comma-separated piece.
_TOWN_PIECE = re.compile(r"[^\W\d_][\w.'’\-]*(?:[ \t]+(?:[^\W\d_][\w.'’\-]*))*", re.UNICODE)
_TRAILING_TOWN = re.compile(
    r"\A(?:,[ \t]*|[ \t]*\n[ \t]*)"
    r"(?P<place>[^\W\d_a-zäöüß][\w.'’\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,3}?)"
    r"(?=[ \t]*(?:\Z|[\n.,;!?)]|[ \t]+\d))"
)


#: An address that ends in its unit ("21 José matía 66 Apt. 617"), after which a one-line
#: address goes on with its town ("... Apt. 617 Paterna del Madera", "Suite 499 TOURNEFEUILLE")
_ENDS_IN_UNIT = re.compile(
    r"(?i:\b(?:apt|apartment|suite|ste|unit|flat|room|rm|wohnung|whg|app|appt))\.?[ \t]*#?[ \t]*"
    r"[A-Za-z]{0,2}\d+[A-Za-z]?\Z"
)
#: The town on the same line after such a unit: capitalised, up to four words, ending the line,
#: the sentence or before a postcode, or followed by its state or province code, whatever
#: comes after that ("... Apt. 676 Hamilton ON for post mail?").
_TOWN_AFTER_UNIT = re.compile(
    r"\A[ \t]+(?P<place>[^\W\d_a-zäöüß][\w.'’\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,3}?"
    r"(?:[ \t]+[A-Z]{2,3}(?=[ \t]|\Z)|(?=[ \t]*(?:\Z|[\n.,;!?)]|[ \t]+\d))))"
)

#: A region or country line after an address's town line: capitalised words (particles in
#: lower case: "Antigua and Barbuda", "Kingdom of the Netherlands") set off by a comma or a
#: line break and ending the line or the sentence ("..., Winnipeg\nArgentina").
_LINE_START = r"[ \t]*(?:,[ \t]*|\n[ \t]*)"
_LINE_PLACE = r"\p{Lu}[\p{L}\p{M}'’\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’\-]*|\p{Ll}{1,3})){0,4}"
_COUNTRY_LINE = regex.compile(
    rf"{_LINE_START}(?P<place>{_LINE_PLACE})(?=[ \t]*(?:\Z|[\n,;!?)]|\.(?:\s|\Z)))"
)
#: The same line going on with lower-case words ("...\n Laos in case of an issue."): taken
#: when it names a known country or region (:func:`names_known_place`); the place's words
#: are read lazily (the ``?`` after the fragment's last ``{0,4}``), so the sentence stays out.
_KNOWN_PLACE_THEN_WORDS = regex.compile(rf"{_LINE_START}(?P<place>{_LINE_PLACE}?)(?=[ \t]+\p{{Ll}})")
#: Region and country lines read after an address's trailing town, at most.
MAX_COUNTRY_LINES = 2
#: Words of a town, and of a country, on one line after an address's unit, at most.
MAX_TOWN_WORDS = 4
MAX_COUNTRY_WORDS = 6
_LINE_WORD = regex.compile(r"\S+")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class PlaceSpan:
    """A personal place at ``text[start:end]``."""

    start: int
    end: int
    score: float = PERSONAL_LOCATION_SCORE


def cued_places(text: str) -> list[PlaceSpan]:
    """Places after (or, in German, before) a residence cue: "wohnt in Kiel"."""
    found = {
        (m.start("place"), m.end("place"))
        for pattern in (_CUED_PLACE, _PLACE_THEN_CUE)
        for m in pattern.finditer(text)
        if m.group("place").casefold() not in PRODUCTS_AND_COMPANIES  # "lives in Kubernetes"
    }
    return [PlaceSpan(s, e) for s, e in sorted(found)]


def places_after_people(text: str, person_spans: Iterable[tuple[int, int]]) -> list[PlaceSpan]:
    """Places right after a name, or after the age that follows it: "Herr Meier aus Kassel",
    "Anna, from Leeds", "Jan Petersen, 29 Jahre, aus Husum", "Anna moved to Leeds", "The
    Smith family relocated to Denver"; never a department ("Priya from Finance", "Lena Vogel
    aus Vertrieb") nor a tool or company ("@jschmidt in Slack", "Tom from Salesforce")."""
    found = set()
    for _start, end in person_spans:
        m = _AFTER_PERSON.match(text[end:])
        if m is None:
            continue
        place = m.group("place")
        if place.casefold() not in PRODUCTS_AND_COMPANIES and not all(
            w.casefold() in DEPARTMENT_WORDS for w in place.split()
        ):
            found.add((end + m.start("place"), end + m.end("place")))
    return [PlaceSpan(s, e) for s, e in sorted(found)]


def is_place_piece(piece: str, lower_case: bool = False) -> bool:
    """Whether ``piece``, a line after an address, can be a town or country: capitalised, no
    closing, request, courtesy or phone word, no lower-case word but a place's particles.
    ``lower_case``: the address is written in lower case, so its towns are too."""
    words = piece.split()
    if not words or not (lower_case or words[0][:1].isupper()):
        return False
    first = words[0].casefold().rstrip(".:")
    # "12 Oak Street, Thanks" / "..., Please call" / "80331 München, Tel. 089 ...": no town;
    # nor a sign-off ("Viele Grüße", "Kind regards") or a sentence ("Weitere Infos folgen")
    return (
        first not in SALUTATIONS
        and first not in REQUEST_VERBS
        and first not in _NOT_TOWNS
        and first not in PHONE_WORDS
        and (piece.casefold() not in PRODUCTS_AND_COMPANIES)
        and not any(w.casefold().rstrip(".,!") in _CLOSING_WORDS for w in words)
        # a form of address starts a name: "..., France Frau Dr. Meier"
        and not any(w.casefold() in SALUTATIONS or w.casefold() + "." in SALUTATIONS for w in words[1:])
        and (
            lower_case
            or not any(
                w[:1].islower() and len(w) > 3 and w not in _LONG_PARTICLES for w in words[1:]
            )
        )
    )


def address_places(text: str, address_spans: Iterable[tuple[int, int]]) -> list[PlaceSpan]:
    """Town and country lines of address blocks, given the street-address spans of ``text``."""
    spans = sorted(address_spans)
    found: list[PlaceSpan] = []
    for (s1, end), (start, e2) in zip(spans, spans[1:], strict=False):
        if not town_line_gap(text[end:start]):
            continue
        # between two parts of an address written in lower case, its towns are too
        # ("16 salontie 6\n apt. 523\n urjala\n maldives 58673")
        lower_case = not any(c.isupper() for c in text[s1:e2])
        for m in _TOWN_PIECE.finditer(text, end, start):
            if is_place_piece(m.group(), lower_case):
                found.append(PlaceSpan(m.start(), without_full_stop(text, m.end())))
    for start, end in spans:
        if text.startswith(".", end) and text[end - 1 : end].isdigit():
            end += 1  # the house number's full stop: "Király u. 15.\nSzeged"
        rest = text[end:]
        after = _TRAILING_TOWN.match(rest) or _TOWN_AFTER_IN.match(rest) or _known_town_near(rest)
        if after is None and (
            _ENDS_IN_POSTCODE.search(text[start:end])
            or (
                _LONE_POSTCODE.fullmatch(text, start, end)
                and not _STATE_BEFORE.search(text, max(0, start - 5), start)
            )
        ):
            after = _TOWN_AFTER_POSTCODE.match(rest)
        if after is None and _ENDS_IN_UNIT.search(text[start:end]):
            after = _TOWN_AFTER_UNIT.match(rest)
            if after is None or not is_place_piece(after.group("place")):
                after = None
                found.extend(_town_and_country_after_unit(text, end))
        if after is not None and is_place_piece(after.group("place")):
            place = PlaceSpan(
                end + after.start("place"), without_full_stop(text, end + after.end("place"))
            )
            found.append(place)
            found.extend(_region_and_country(text, place.end))
    return sorted(set(found), key=lambda p: (p.start, p.end))


def _known_town_near(rest: str) -> regex.Match[str] | None:
    """A known town after "bei" / "near" right after an address (:data:`_TOWN_NEAR`)."""
    m = _TOWN_NEAR.match(rest)
    return m if m is not None and names_known_place(m.group("place")) else None


def _town_and_country_after_unit(text: str, end: int) -> list[PlaceSpan]:
    """A town and a known country on the line after an address's unit, whatever the sentence
    goes on with: "... Suite 857 Warszawa Australia last night", "... Apt. 195 Santa Marta de
    Penaguião Malaysia" (the shortest town before the longest known country)."""
    line_end = text.find("\n", end)
    stop = len(text) if line_end < 0 else line_end
    words = [(m.start(), m.end()) for m in _LINE_WORD.finditer(text, end, stop)]
    if not words or words[0][0] == end or text[end : words[0][0]].strip():
        return []
    for town_words in range(1, MAX_TOWN_WORDS + 1):
        town = PlaceSpan(words[0][0], words[town_words - 1][1])
        piece = text[town.start : town.end]
        if town_words >= len(words) or not is_place_piece(piece) or _DIGIT.search(piece):
            return []
        for country_words in range(min(MAX_COUNTRY_WORDS, len(words) - town_words), 0, -1):
            first, last = words[town_words], words[town_words + country_words - 1]
            country = PlaceSpan(first[0], without_full_stop(text, _without_punctuation(text, *last)))
            name = text[country.start : country.end]
            if name[:1].isupper() and names_known_place(name):
                return [town, country]
    return []


def _without_punctuation(text: str, start: int, end: int) -> int:
    """``end`` before a word's trailing comma, semicolon, question or exclamation mark."""
    while end > start + 1 and text[end - 1] in ",;:!?":
        end -= 1
    return end


def _region_and_country(text: str, end: int) -> list[PlaceSpan]:
    """Region and country lines right after an address's town ("Winnipeg, Canada",
    "Reykjavík\nIceland")."""
    lines: list[PlaceSpan] = []
    for _ in range(MAX_COUNTRY_LINES):
        more = _COUNTRY_LINE.match(text, end) or _known_place_then_words(text, end)
        if more is None or not is_place_piece(more.group("place")):
            break
        end = without_full_stop(text, more.end("place"))
        lines.append(PlaceSpan(more.start("place"), end))
    return lines


def _known_place_then_words(text: str, end: int) -> regex.Match[str] | None:
    """A known country or region line that a sentence goes on from (see
    :data:`_KNOWN_PLACE_THEN_WORDS`)."""
    m = _KNOWN_PLACE_THEN_WORDS.match(text, end)
    return m if m is not None and names_known_place(m.group("place")) else None
