"""Street addresses in English, German and the usual European forms.

An address is found from its parts, each scored by how much it says on its own:

- a street line with a street type: ``221B Baker Street``, ``12 Oak Ave.``, ``Hauptstr. 5a``,
  ``Musterstraße 12``, ``Rua Augusta 120``, ``ul. Lubartowska 42`` (:data:`STRONG`);
- an apartment or post box: ``Apt. 4``, ``P.O. Box 123``, ``Postfach 1234`` (:data:`MEDIUM`);
- weak parts that are addresses only beside another part or an address word: a house
  number, words and a number (``92 Elm Hollow 7``), ``Suite 200``, ``Am Markt 3``, a
  postcode at the end of a region line (``Texas 75001``) or before a town (``10115 Berlin``)
  (:data:`WEAK`),
  and, fainter still, a capitalised word with a number (``Lindenhof 4``) or a house number
  with capitalised words (``12 Elm Hollow``) (:data:`FAINT`);
- a postcode after "zip code" / "PLZ" (:data:`STRONG`).

Parts separated only by commas, line breaks and at most a short town line form one address;
every part of an address of two or more parts (one of them more than faint) scores
:data:`MULTI_PART`. Parts directly next to each other are reported as one span; a town line
between them stays outside (towns alone are places, which the policy decides separately).
A street name without a house number ("Cloud Street") is not an address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import regex

from guardrails.country_names import country_names
from guardrails.ordinary_vocabulary import PLACES
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: Score of every part of an address of two or more parts: above the spaCy NER's 0.85, so a
#: postcode that the English model calls a date stays part of its address.
MULTI_PART = 0.9
STRONG = 0.6
MEDIUM = 0.5
WEAK = 0.3
FAINT = 0.1

# "12", "5a", "3-5", Vienna's house/staircase/door "12/3/14"
_HOUSE = r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?){0,2}"
_WORD = r"[\p{L}][\p{L}\p{M}'’\-]*\.?"
_SPACE = r"[ \t]+"
# a numbered street's name: "350 5th Ave", "42 W 34th St"
_ORDINAL_NAME = r"\d{1,3}(?i:st|nd|rd|th)(?![\w])"

# street types written after the name; the unambiguous ones count in any case
_TYPES_ANY_CASE = {
    "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd", "lane", "ln",
    "drive", "terrace", "parkway", "pkwy", "highway", "hwy", "crescent", "plaza", "straße",
    "strasse", "str", "gasse", "allee", "chaussee", "straat", "laan", "steenweg", "ulica",
}  # fmt: skip
# ... and those that are ordinary words too only when capitalised after a capitalised name
_TYPES_CAPITALISED = {
    "way", "place", "pl", "court", "ct", "dr", "close", "square", "sq", "circle", "cir",
    "trail", "row", "walk", "hill", "park", "grove", "gardens", "mews", "ridge", "heights",
    "view", "loop", "path", "pike", "crossing", "weg", "platz", "ring", "damm", "ufer",
    "markt", "steig", "pfad", "wall", "graben",
    # USPS street suffixes (Publication 28) and Commonwealth ones, minus business words
    "alley", "bend", "bluff", "brook", "bypass", "causeway", "cove", "coves", "creek",
    "crest", "curve", "dale", "expressway", "falls", "ferry", "freeway", "glen", "green",
    "harbor", "harbour", "haven", "hollow", "inlet", "junction", "knoll", "lake", "landing",
    "manor", "meadow", "meadows", "motorway", "mount", "orchard", "oval", "overpass", "pass",
    "passage", "pines", "plain", "prairie", "radial", "ranch", "river", "route", "shoal",
    "shore", "shores", "skyway", "spur", "stravenue", "stream", "summit", "trace", "track",
    "trafficway", "tunnel", "turnpike", "valley", "viaduct", "village", "vista", "wells",
    "tollway", "corso", "common", "land", "esplanade", "promenade", "quay", "rise", "chase",
    "circuit", "parade", "boardwalk", "arcade", "grange", "wharf", "fairway", "gate",
}  # fmt: skip
_ALL_TYPES = _TYPES_ANY_CASE | _TYPES_CAPITALISED
_ABBREVIATED = {
    "st",
    "ave",
    "av",
    "rd",
    "blvd",
    "ln",
    "dr",
    "ct",
    "pl",
    "sq",
    "cir",
    "pkwy",
    "hwy",
    "str",
}
# street types written before the name (Romance, Slavic, French)
_LEADING_TYPES = (
    r"(?i:Rua|Rúa|Rue|Calle|C/|C\.|Pasaje|Urbanización|Acceso|Callejón|Glorieta|Calzada|"
    r"Stretto|Incrocio|Borgo|Rotonda|Lungomare|Traversa|pl\.|os\.|Carrer|Camino|Cami|Paseo|"
    r"Avenida|Avinguda|Av\.|Avda\.?|Plaza|"
    r"Ronda|Carretera|Travesía|Rambla|Alameda|Cuesta|Via|Vía|Viale|Vicolo|Piazza|Piazzale|"
    r"Largo|Corso|Contrada|Strada|Praça|Travessa|Estrada|Calçada|Beco|Ul\.|ulica|Aleja|Al\.|"
    r"Plac|Chemin|Impasse|Quai|Cours|Place|Allée|Boulevard|Bd\.?|Route|Avenue)"
)
# leading types that are also ordinary words: they need a capitalised name after them
_ORDINARY_LEADING = {
    "via", "place", "plaza", "route", "avenue", "boulevard", "cours", "quai", "largo", "corso",
    "al", "bd", "av", "plac", "ronda", "rambla", "impasse", "chemin",
}  # fmt: skip
_PARTICLES = {
    "de", "del", "della", "delle", "dei", "degli", "di", "do", "da", "dos", "das", "des",
    "du", "la", "le", "les", "y", "e", "l'", "d'",
}  # fmt: skip
# types glued to the name: Musterstraße, Hauptstr., Lindenweg, Keizersgracht, Storgatan
_GLUED = (
    r"(?:straße|strasse|str\.|weg|gasse|allee|platz|damm|ufer|chaussee|steig|pfad|ring|markt"
    r"|graben|straat|laan|steenweg|gracht|kade|plein|dreef|singel|gatan|vägen|gata|vej|gade"
    r"|veien|katu|kuja|tie|utca|ulica|stræde|boulevard|baan|steeg|dijk|pad|plads"
    r"|torv|gränd|väg|vegur|vegen|gaten|bakken|stien|torget|stigen|vænget|polku)"
)
_MONTHS = (
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|january|february|march"
    r"|april|june|july|august|september|october|november|december|januar|februar|juni|juli"
    r"|oktober|dezember)\.?\b"
)
# quantities are no house numbers: "60 Sekunden", "3 years and 2 months", "5 times in 10"
_QUANTITIES = (
    r"(?:sekunden|minuten|stunden|tage|tagen|wochen|monate|monaten|jahre|jahren|seconds|"
    r"minutes|hours|days|weeks|months|years|prozent|percent|euro|eur|usd|dollar|mio|millionen|"
    r"million|nutzer|users|mitarbeiter|mitarbeitende|employees|lizenzen|licenses|mal|times|"
    r"stück|pieces|items|gb|tb|mb|kb|ms|of|and|und|or|oder|to|bis|per|pro|x|uhr|h|am|pm|o'clock"
    r"|punkte|points|tore|goals|prozentpunkte|meter|km|kilometer|m|cm|kg|t|grad|°)\b"
)
#: Words that start a phone number, never part of an address ("80331 München Tel. 089 ...").
PHONE_WORDS = frozenset(
    {"tel", "tel.-nr", "telefon", "telephone", "phone", "fax", "mobil", "mobile", "handy", "cell"}
)
_NOT_NAMES = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Jahr|Ende|Anfang|"
    r"Kapitel|Abschnitt|Punkt|Schritt|Quartal|Tag|Seite|Version|Windows|Office|Python|Java|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Chapter|Section|Step|Page|"
    r"Level|Phase|Sprint|Release|Q|Top|Nr|No|Number|Nummer|Teil|Part|Team|Gruppe|Group|"
    r"Raum|Room|Gate|Terminal|Platform|Gleis|Ticket|Order|Issue|Figure|Table|Tabelle|"
    + "|".join(regex.escape(w.capitalize()) for w in sorted(PHONE_WORDS))
    + r")\b"
)
#: Words between two numbers that make no street name ("2001 on 3", "5 bis 7").
_FUNCTION_WORDS = frozenset(
    {"on", "in", "at", "to", "and", "or", "of", "for", "by", "from", "until", "till", "am",
     "um", "bis", "und", "oder", "von", "zu", "ab", "im", "an", "auf", "je", "pro", "x"}
)  # fmt: skip

_NUMBER_FIRST = regex.compile(
    rf"(?<![\w.,:/@+\-])(?<!\d[ \t])(?P<house>(?:\d{{1,5}}[ \t]){{0,2}}{_HOUSE}),?{_SPACE}"
    rf"(?!(?i:{_MONTHS}|{_QUANTITIES}))"
    rf"(?P<words>(?:C/|{_ORDINAL_NAME}|{_WORD})(?:{_SPACE}(?:{_ORDINAL_NAME}|{_WORD})){{0,4}})"
    rf"(?:{_SPACE}(?P<trail>{_HOUSE}))?(?![\w@])"
)
# The lookaheads first in these patterns are what a match needs anyway (a word running into a
# house number; a capital and a number after one or two words; a digit or a capital near the
# start): the same matches, but most words fail them at once instead of being tried against
# every street type or every excluded word (~2.5x and ~3x faster on 1,000-character chats).
GLUED_NEEDS = r"(?=[\p{L}\-]+\.?[ \t]*\d)"
CAPITALISED_NEEDS = r"(?=\p{Lu}[\p{L}\p{M}\-]+\.?[ \t]+(?:\p{Lu}[\p{L}\-]+[ \t]+)?\d)"
POSTCODE_NEEDS = r"(?=\d|[A-Z]\d|[A-Z]{1,2}-\d)"
_GLUED_STREET = regex.compile(
    rf"(?<![\w\-]){GLUED_NEEDS}"
    rf"[\p{{L}}][\p{{L}}\-]{{2,}}?(?i:{_GLUED}){_SPACE}?{_HOUSE}(?!\w|[.,]\d)"
)
_NAMED_STREET = regex.compile(
    rf"(?<![\w\-])(?:\p{{Lu}}[\p{{L}}\-]+\.?{_SPACE}){{1,2}}"
    rf"(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee|Markt"
    rf"|u\.|utca|út|tér|körút|krt\.|Allé|Vej|Gade|Plads|Torv)"
    rf"{_SPACE}{_HOUSE}(?!\w|[.,]\d)"
)
_LEADING_STREET = regex.compile(
    rf"(?<![\w\-]){_LEADING_TYPES}(?:{_SPACE}{_WORD}){{1,5}}?,?{_SPACE}{_HOUSE}(?!\w|[.,]\d)"
)
_PREPOSITION_STREET = regex.compile(
    rf"(?<![\w\-])(?:Am|An der|An den|Auf der|Auf dem|Im|In der|Zum|Zur|Unter den|Hinter der"
    rf"|Vor dem|Alte|Alter|Neue|Neuer)(?:{_SPACE}\p{{Lu}}[\p{{L}}\-]+){{1,2}}{_SPACE}"
    rf"\d{{1,3}}[a-z]?(?!\w|[.,:]\d)"
)
_CAPITALISED_NUMBER = regex.compile(
    rf"(?<![\w\-]){CAPITALISED_NEEDS}"
    rf"(?!{_NOT_NAMES}|(?i:{_MONTHS}))\p{{Lu}}[\p{{L}}\p{{M}}\-]+\.?(?:{_SPACE}(?!{_NOT_NAMES})\p{{Lu}}[\p{{L}}\-]+)?"
    rf"{_SPACE}\d{{1,4}}[a-zA-Z]?(?!\w|[.,:/\-]\d)"
)
# a street corner, as people give a meeting point or a delivery address: "the corner of
# 4748 Westfall Avenue and Maclean Street", "the corner of Calle Proc. San Sebastián 1 and
# Lucchese Street" (the first street as written, the second a street name with its type),
# "Ecke Goethestraße/Schillerstraße", "an der Ecke Hauptstraße und Bahnhofstraße"
_CORNER = regex.compile(
    rf"(?i:\b(?:the[ \t]+)?corner[ \t]+of)[ \t]+[\p{{Lu}}\d][^\n]{{2,60}}?[ \t]+(?:and|&)[ \t]+"
    rf"(?:(?:{'|'.join(sorted(_PARTICLES | {'van', 'von', 'der', 'den', 'ten', 'ter'}))})[ \t]+)?"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*[ \t]+){{1,3}}"
    rf"(?:(?i:{'|'.join(sorted(_ABBREVIATED, key=len, reverse=True))})\b\.?"
    rf"|(?i:{'|'.join(sorted(_ALL_TYPES, key=len, reverse=True))})\b)"
    rf"|(?<![\w\-])(?:(?i:an)[ \t]+der[ \t]+)?Ecke[ \t]+\p{{Lu}}[\p{{L}}\-]*?(?i:{_GLUED})"
    rf"[ \t]*(?:/|und|Ecke)[ \t]*\p{{Lu}}[\p{{L}}\-]*?(?i:{_GLUED})(?!\w)"
)
# a post box number may be printed in pairs of digits: "Postfach 10 20 30"
# the customer's post number a parcel station needs: "Packstation 123, Postnummer 12345678"
_UNIT_MEDIUM = regex.compile(
    r"(?<![\w\-])(?:(?i:apt\.?|apartment|wohnung|whg\.)[ \t]*#?\d{1,6}[A-Za-z]?"
    r"|(?i:postnummer|post-?nr\.?)[ \t]*(?::|ist|lautet)?[ \t]*\d{6,10}"
    r"|(?i:p\.?[ \t]?o\.?[ \t]?box|postfach)[ \t]*#?\d{1,6}(?:[ \t]\d{2,3}(?!\d)){0,3})"
    r"(?!\w|[.,]\d)"
)
# units that count beside other parts of an address; Polish flats and premises after the
# house number: "ul. Marszałkowska 84/92 m. 15", "lok. 3"
_UNIT_WEAK = regex.compile(
    r"(?<![\w\-])(?:(?i:packstation|postfiliale|paketshop|suite|ste\.|unit|flat|floor|fl\.|room"
    r"|rm\.|bldg\.?|building|box"
    r"|etage|stock|zimmer|haus|#)|m\.|lok\.)[ \t]*#?\d{1,6}[A-Za-z]?(?!\w|[.,]\d)"
)
# a flat's floor (and side), written between the street and the town ("Goethestr. 12a,
# 2. OG links, 60313 Frankfurt", "12 Oak Street, 2nd Floor, London SW1A 2AA"): "2. OG",
# "3. Stock rechts", "EG", "Hinterhaus", "2nd floor", "ground floor"; Spanish floor and door
# "Calle de Alcalá 45, 3º B, 28014 Madrid"
_FLOOR = regex.compile(
    r"(?<![\w\-.])(?:\d{1,2}\.?[ \t]*(?:OG|UG|Obergeschoss|Stock|Etage)|EG|DG|Erdgeschoss"
    r"|Dachgeschoss|Souterrain|Hinterhaus|Vorderhaus|Seitenflügel|Gartenhaus"
    r"|(?i:(?:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|top)[ \t]+floor)"
    # Spanish and Italian floors and doors: "3º B", "2º izq.", "1ª", "3º 2ª"
    r"|\d{1,2}[ºª](?:[ \t]*(?:\d{1,2}[ºª]|[A-H]\b|izq(?:uierda|\.)?|dcha\.?|derecha|int\.[ \t]*\d+))?)"
    r"(?:[ \t]+(?:links|rechts|Mitte|li\.|re\.))?(?![\w\-])"
)
_ZIP_AFTER_REGION = regex.compile(
    r"(?<=\p{L}[.,]?(?:[ \t]+|[ \t]*\n[ \t]*))\d{5}(?:-\d{4})?"
    r"(?=[ \t]*(?:$|[\n,;()]|\.(?:\s|$)|[ \t]+\p{Ll}))",
    regex.M,
)
#: The city quarter after a street type ("Ave NW", "Street E.").
_QUARTER = regex.compile(r"\.?[ \t]+(?:NE|NW|SE|SW|N|S|E|W)\b\.?(?!['’\w])")
_ZIP_BEFORE_TOWN = regex.compile(r"(?<![\w\-])\d{5}(?=[ \t]+\p{Lu}\p{Ll}+)")
_ZIP_SAID = regex.compile(
    r"(?i:zip|zip[ \t]?code|postal[ \t]code|post[ \t]?code|plz|postleitzahl)"
    r"[ \t]*(?:is|ist|lautet|:|=)?[ \t]*(?P<zip>\d{5}(?:-\d{4})?|\d{4})(?!\w)"
)
# other countries' postcodes, weak parts: PT 1234-567, PL 12-345 before a town, NL 1234 AB,
# CA K1A 0B1, AU/US state + 4 digits, DK/AT/CH 4 digits before a town, and a country's
# letters before the postcode as letters write it across borders ("D-80331 München",
# "A-1010 Wien", "CH-8001 Zürich")
_POSTCODES = regex.compile(
    rf"(?<![\w\-]){POSTCODE_NEEDS}"
    r"(?:\d{4}-\d{3}|\d{2}-\d{3}(?=[ \t]+\p{Lu})|\d{4}[ \t]?[A-Z]{2}"
    r"|(?:D|A|CH|FL|L|B|F|I|NL|DK|PL|CZ)-\d{4,5}(?=[ \t]+\p{Lu})"
    r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|(?<=\b[A-Z]{2,3},?[ \t])\d{4}"
    r"|(?!1[5-9]\d\d|20\d\d)\d{4}(?=[ \t]+\p{Lu}\p{Ll}+))"  # not a year: "1898 Schulstraße"
    r"(?![\w\-])"
)
# UK "SW1A 2AA"; Irish Eircodes "T12 X8F2", "D6W XY12" (routing key, then four characters
# of a letter set without look-alikes)
_UK_POSTCODE = regex.compile(
    r"(?<![\w\-])(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}"
    r"|(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t](?=[0-9AC-FHKNPRTV-Y]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4})(?!\w)"
)
# US military mail: "PSC 1234, Box 5678" / "USNS Mercy" lines, then "APO AE 09012"
_MILITARY_UNIT = regex.compile(r"(?<![\w\-])(?:PSC|CMR|USNS|USNV|USS|USCGC)[ \t]+[\w]+")
_MILITARY_POST = regex.compile(r"(?<![\w\-])(?:APO|FPO|DPO)[ \t]+A[AEP][ \t]+\d{5}(?!\w)")
# "?" as well: some exports turn bullets and line breaks into "?"; a letter's sender line
# separates its parts with "·" ("Petra Lange · Lindenweg 12 · 53111 Bonn")
_GAP = regex.compile(r"[\s,;>|?·•]*")
#: The most characters between two parts of one address.
MAX_PART_GAP = 60
_TOWN_GAP = regex.compile(r"[\s,;>|?·•]*(?:[\p{L}\p{M}][\p{L}\p{M}.'’\-]*[\s,;>|?·•]+){1,5}")
#: capitalised town words and a two-letter state code on the address's line, before its ZIP
_TOWN_AND_STATE = regex.compile(r"[ \t]+(?:\p{Lu}[\p{L}\p{M}.'’\-]*[ \t]+){1,3}\p{Lu}{2}[ \t]+")


#: a town and a country after a street line, ending the sentence or line
_TOWN_AND_COUNTRY = regex.compile(
    r",[ \t]*\p{Lu}[\p{L}\p{M}'’\-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’\-]*){0,2},[ \t]*"
    r"(?P<country>\p{Lu}[\p{L}\p{M}'’\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’\-]*|\p{Ll}{1,3})){0,3})"
    r"(?=[ \t]*(?:$|[\n!?;)]|\.(?:\s|$)))",
    regex.M,
)


@dataclass(frozen=True)
class AddressPart:
    """``text[start:end]`` is one part of an address, with the part's own score."""

    start: int
    end: int
    score: float


class StreetAddressRecognizer(SpanRecognizer):
    """STREET_ADDRESS from street lines, units and postcodes, scored together."""

    ENTITY = "STREET_ADDRESS"
    NAME = "StreetAddressRecognizer"
    CONTEXT = (
        "address", "addresses", "lives", "living", "located", "moved", "street", "shipping",
        "shipped", "deliver", "delivery", "sent", "send", "mail", "apartment", "arrived",
        "zip", "postal", "postcode", "adresse", "anschrift", "wohnt", "wohnhaft", "wohne",
        "straße", "liefer", "lieferung", "umgezogen", "geschickt", "schicken", "senden", "plz",
        "postleitzahl",
    )  # fmt: skip

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Addresses in ``text``, one span per run of adjacent parts."""
        return [(p.start, p.end, p.score) for p in find_addresses(text)]


def find_addresses(text: str) -> list[AddressPart]:
    """Address spans of ``text`` (pure; the recognizer wraps it)."""
    parts = _merge_overlapping(sorted(_parts(text), key=lambda p: (p.start, -p.end)))
    out: list[AddressPart] = []
    for group in _groups(text, parts):
        boosted = (len(group) > 1 and any(p.score > FAINT for p in group)) or (
            group[0].score >= WEAK and _town_and_country_after(text, group[-1].end)
        )
        run: AddressPart | None = None
        for part in group:
            score = MULTI_PART if boosted else part.score
            if run is not None and _GAP.fullmatch(text, run.end, part.start):
                run = AddressPart(run.start, part.end, max(run.score, score))
                continue
            if run is not None:
                out.append(run)
            run = AddressPart(part.start, part.end, score)
        if run is not None:
            out.append(run)
    return out


def _town_and_country_after(text: str, end: int) -> bool:
    """Whether a town and a known country follow ``end``: "37 Parva Domus 6896, Pesconuovo,
    Latvia" is an address although its street line alone is a weak part."""
    m = _TOWN_AND_COUNTRY.match(text, end)
    return m is not None and names_known_place(m.group("country"))


def names_known_place(name: str) -> bool:
    """Whether ``name`` is a known country or territory (:func:`country_names`: "Marshall
    Islands") or every word of it longer than three letters (particles aside: "Antigua and
    Barbuda") is a known country, region or city (:data:`~guardrails.ordinary_vocabulary.PLACES`)."""
    if " ".join(name.split()).casefold() in country_names():
        return True
    words = [w.casefold() for w in name.split() if len(w) > 3]
    return bool(words) and all(w in PLACES for w in words)


def _parts(text: str) -> list[AddressPart]:
    found: list[AddressPart] = []
    for m in _NUMBER_FIRST.finditer(text):
        part = _number_first(m)
        if part is not None:
            found.append(part)
    for pattern, score in (
        (_GLUED_STREET, STRONG),
        (_NAMED_STREET, STRONG),
        (_UNIT_MEDIUM, MEDIUM),
        (_UNIT_WEAK, WEAK),
        (_FLOOR, FAINT),
        (_PREPOSITION_STREET, WEAK),
        (_ZIP_AFTER_REGION, WEAK),
        (_ZIP_BEFORE_TOWN, WEAK),
        (_UK_POSTCODE, WEAK),
        (_POSTCODES, WEAK),
        (_MILITARY_UNIT, WEAK),
        (_MILITARY_POST, STRONG),
        (_CORNER, STRONG),
        (_CAPITALISED_NUMBER, FAINT),
    ):
        found += [AddressPart(m.start(), m.end(), score) for m in pattern.finditer(text)]
    found += [AddressPart(m.start("zip"), m.end("zip"), STRONG) for m in _ZIP_SAID.finditer(text)]
    for m in _LEADING_STREET.finditer(text):
        words = m.group().split()
        if _names_a_street(words[0], words[1:-1]):
            found.append(AddressPart(m.start(), m.end(), STRONG))
    return found


def _number_first(m: Any) -> AddressPart | None:
    """``12 Oak Street`` (strong, cut after the type), or ``92 Elm Hollow 7`` (weak)."""
    words = m.group("words").split()
    offsets = [m.start("words")]
    for w in words[:-1]:
        offsets.append(m.string.index(w, offsets[-1]) + len(w))
    for i, word in enumerate(words):
        bare = word.rstrip(".").lower()
        capitalised = word[:1].isupper() and (i == 0 or words[i - 1][:1].isupper())
        # the name before the type must be more than street-type words ("2 way street"),
        # unless capitalised: "12 Park Avenue", "Harbour View", "Green Lane"
        # ... and more than function words ("in 2019 at St Pancras": a year and a preposition)
        named = any(
            w.rstrip(".").lower() not in _ALL_TYPES and w.lower() not in _FUNCTION_WORDS
            for w in words[:i]
        ) or (i > 0 and capitalised)
        typed = named and _is_type_word(word, words[i - 1] if i else None)
        # a year before a German-style street is a date: "1936 Xstraße hieß ..."
        # ... and the words before a glued street are its name: "12 Alte Schulstraße", never
        # "M-AB 1234, bitte für den Parkplatz"
        glued = (
            regex.search(rf"\p{{L}}(?i:{_GLUED})$", word) is not None  # not "49 boulevard ..."
            and len(bare) > 5
            and not regex.fullmatch(r"(?:1[89]|20)\d\d", m.group("house"))
            and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words[:i])
        )
        leading = i == 0 and len(words) > 1 and _names_a_street(word, words[1:])
        if typed:
            # a type word that is also a name's word leaves the type to come: "Harley Brook
            # Lane", "Forest Hill Road" (an unambiguous type ends the street: "Road street")
            while (
                i + 1 < len(words)
                and words[i].rstrip(".").lower() not in _TYPES_ANY_CASE
                and _is_type_word(words[i + 1], words[i])
            ):
                i += 1
                word = words[i]
        if typed or glued:
            end = m.string.index(word, offsets[i]) + len(word)
            if m.group("trail") and i == len(words) - 1:
                end = m.end()
            elif typed and (quarter := _QUARTER.match(m.string, end)) is not None:
                end = quarter.end()  # "1600 Pennsylvania Ave NW"
            return AddressPart(m.start(), without_full_stop(m.string, end), STRONG)
        if leading:
            return AddressPart(m.start(), without_full_stop(m.string, m.end()), STRONG)
    if any(w.rstrip(".:").casefold() in PHONE_WORDS for w in words):
        return None
    if all(w.casefold() in _FUNCTION_WORDS for w in words):
        return None  # "moved in 2001 on 3 May": numbers around a preposition
    if m.group("trail") and not _reads_as_sentence(words):
        return AddressPart(m.start(), m.end(), WEAK)
    if len(words) <= 3 and all(w[:1].isupper() for w in words):
        # "99 Elm Hollow", but also "9 Uhr"
        return AddressPart(m.start(), without_full_stop(m.string, m.end()), FAINT)
    return None


def _reads_as_sentence(words: list[str]) -> bool:
    """Whether the words between two numbers are a sentence's ("1987, er wohnt in der
    Gartenstraße 3", "seit 1987 in der Gartenstraße 3"): they start with a lower-case word that
    is no name particle while a later one is capitalised, or they end in a preposition or
    conjunction, which takes the second number ("Wall 15, beginnt am 1.4.", "3 and open until
    5"). A street's name starts capitalised ("92 Elm Hollow 7", "64 Király u. 23") or is all
    lower case ("19 pierre delannoyplaats 211")."""
    first = words[0]
    if words[-1].lower() in _FUNCTION_WORDS:
        return True
    return (
        regex.match(r"\p{Latin}", first) is not None  # "51 χλμ Αλεξανδρούπολης 133": a km post
        and first[:1].islower()
        and first.lower() not in _PARTICLES
        and any(w[:1].isupper() for w in words[1:])
    )


def _is_type_word(word: str, before: str | None) -> bool:
    """Whether ``word``, right after ``before`` (None: the street's first word), is a street
    type: any case for the unambiguous types, capitalised (after a capitalised word) for the
    others."""
    bare = word.rstrip(".").lower()
    return bare in _TYPES_ANY_CASE or (
        bare in _TYPES_CAPITALISED
        and word[:1].isupper()
        and (before is None or before[:1].isupper())
    )


def _names_a_street(type_word: str, name: list[str]) -> bool:
    """``type_word`` is a leading street type and ``name`` a street name after it: a
    capitalised name (after particles: "rue de la Paix"), or any name after a type that is
    no ordinary English word ("rua", "calle"); never "via the", "place an"."""
    if not name or regex.fullmatch(_LEADING_TYPES, type_word) is None:
        return False
    if type_word.lower().rstrip(".") not in _ORDINARY_LEADING:
        return True
    first = next((w for w in name if w.lower() not in _PARTICLES), "")
    return first[:1].isupper()


def without_full_stop(text: str, end: int) -> int:
    """``end`` before a sentence's full stop ("... Berlin."), after an abbreviation's ("Ave.")."""
    if not text.endswith(".", 0, end):
        return end
    word = regex.search(r"[\p{L}]+\.$", text[max(0, end - 40) : end])
    if word is not None and (len(word.group()) <= 3 or word.group()[:-1].lower() in _ABBREVIATED):
        return end
    return end - 1


def _merge_overlapping(parts: list[AddressPart]) -> list[AddressPart]:
    merged: list[AddressPart] = []
    for part in parts:
        if merged and part.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = AddressPart(
                last.start, max(last.end, part.end), max(last.score, part.score)
            )
        else:
            merged.append(part)
    return merged


def town_line_gap(gap: str) -> bool:
    """Whether ``gap``, the text between two parts of an address, is a short town line of
    the same address (at most five words, set off by a line break, comma or "?"), or a
    town and state written on one line before a ZIP code ("500 Main St Springfield IL 62704")."""
    return len(gap) <= MAX_PART_GAP and (
        (_TOWN_GAP.fullmatch(gap) is not None and regex.search(r"[\n,?]", gap) is not None)
        or _TOWN_AND_STATE.fullmatch(gap) is not None
    )


def _groups(text: str, parts: list[AddressPart]) -> list[list[AddressPart]]:
    """Parts of one address: separated by punctuation, line breaks or one short town line."""
    groups: list[list[AddressPart]] = []
    for part in parts:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end : part.start]
            if (len(gap) <= MAX_PART_GAP and _GAP.fullmatch(gap)) or town_line_gap(gap):
                groups[-1].append(part)
                continue
        groups.append([part])
    return groups
