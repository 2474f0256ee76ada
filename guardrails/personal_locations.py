"""Places that are personal: where someone lives, was born or comes from.

A city in a business question is ordinary ("flights from Frankfurt"); the same city becomes
personal data when it says where a person lives ("Anna wohnt in Bad Tölz", "I grew up in
Leeds", "Herr Meier aus Kassel"). The default policy lets LOCATION pass and protects
PERSONAL_LOCATION, which these rules find from residence cues and from a place right after a
person's name. Cues are deliberately strict (no "comes from", "moved to": parcels come from
China and teams move to Kubernetes). Pure: spans in, spans out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guardrails.ordinary_vocabulary import PRODUCTS_AND_COMPANIES

#: A place name: capitalised words, with the usual prefixes and joiners.
_PLACE = (
    r"(?P<place>(?:(?:Bad|Sankt|St\.|Groß|Klein|Alt|Neu|New|San|Santa|Los|Las|Le|La|Den|Fort)\s+)?"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
    r"(?:\s+(?:am|an\s+der|im|ob\s+der|upon|on|in\s+der)\s+[A-ZÄÖÜ][a-zäöüß]+)?"
    r"(?:\s+\([A-ZÄÖÜ][a-zäöüß]+\))?"
    r"(?:\s+(?:City|Stadt))?)"
)
_RESIDENCE_CUES = (
    # English: where someone lives, lived, was born or grew up
    r"(?:lives|live|living|lived|resides|reside|residing|resided)\s+(?:in|at|near)"
    r"|(?:was|were|is|am|are|i'm|i’m)\s+born\s+in|born\s+and\s+raised\s+in|grew\s+up\s+in"
    r"|(?:my|his|her|their|your)\s+(?:home\s*town|birthplace|place\s+of\s+birth)(?:\s+is)?"
    r"|(?:i'm|i’m|i\s+am)\s+from|home\s+address\s+in"
    # German: wohnt/lebt/geboren/aufgewachsen, Wohnort, Heimatstadt, stammt aus
    r"|(?:wohnt|wohne|wohnen|wohnst|wohnhaft|lebt|lebe|leben|lebst|gewohnt|gelebt)\s+(?:in|bei)"
    r"|geboren\s+in|aufgewachsen\s+in|(?:stammt|stamme|stammen)\s+aus|(?:ich\s+)?komme\s+aus"
    r"|(?:umgezogen|gezogen|zieht|ziehe|ziehen)\s+nach"
    r"|(?:wohnort|heimatstadt|heimatort|geburtsort)\s*(?::|ist|in)?"
)
_CUED_PLACE = re.compile(rf"(?i:\b(?:{_RESIDENCE_CUES}))\s+{_PLACE}")
# German puts the verb last: "ist in Köln geboren", "ist nach Hamburg gezogen"
_PLACE_THEN_CUE = re.compile(
    rf"\b(?:in|nach)\s+{_PLACE}\s+(?i:geboren|aufgewachsen|gewohnt|gelebt|wohnhaft|"
    rf"zu\s+hause|daheim|gezogen|umgezogen)\b"
)
_AFTER_PERSON = re.compile(rf"\A,?\s+(?:aus|from|of|in|von)\s+{_PLACE}")

#: How sure the rules are; above the default threshold, below a checksum-validated match.
PERSONAL_LOCATION_SCORE = 0.7


@dataclass(frozen=True)
class PlaceSpan:
    """A personal place at ``text[start:end]``."""

    start: int
    end: int
    score: float = PERSONAL_LOCATION_SCORE


def personal_locations(text: str, person_spans: Iterable[tuple[int, int]] = ()) -> list[PlaceSpan]:
    """Places tied to a person in ``text``: after a residence cue, or right after a name."""
    found = {
        (m.start("place"), m.end("place"))
        for pattern in (_CUED_PLACE, _PLACE_THEN_CUE)
        for m in pattern.finditer(text)
        if m.group("place").casefold() not in PRODUCTS_AND_COMPANIES  # "lives in Kubernetes"
    }
    for _start, end in person_spans:
        m = _AFTER_PERSON.match(text[end:])
        if m is not None:
            found.add((end + m.start("place"), end + m.end("place")))
    return [PlaceSpan(s, e) for s, e in sorted(found)]
