"""A surname after the colloquial article as the one spoken with, asked or written to:
"Ich habe mit dem Huber telefoniert", "Kannst du mit der Schulze klären, ...", "Frag mal
bei der Krause nach", "Sprich mal mit dem Wagner".

Spoken German puts the article before a colleague's surname; the tagger, which reads "Frau
Schulze" and "Herr Huber" as people, let such a surname through when nothing else in the
sentence says "person". Talking, asking and writing to someone says it: a known German
surname after "mit", "bei" or "an" and the article counts when a verb of speaking, asking,
meeting or writing follows within four words, or comes before it ("Ich treffe mich morgen
mit der Lange"), or a request to do so ("Sprich mal mit dem Wagner"). A
surname that is also a trade or a rank one speaks to names the role ("mit dem Koch
sprechen"), and the words an office uses for its institutions ("mit der Bank klären") are
no surnames. German only.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from guardrails.name_rules import CAPITALISED_NAME
from guardrails.ordinary_vocabulary import OFFICE_INSTITUTIONS, ROLES_SPOKEN_TO
from guardrails.recognizers.span_recognizer import SpanRecognizer

#: as sure as a surname opening a sentence about what the person does
OBJECT_NAME_SCORE = 0.65

#: verbs of speaking, asking, meeting and writing, and the particles of "nachfragen" and
#: "weiterleiten"
_VERBS = (
    r"klären|geklärt|sprechen|gesprochen|reden|geredet|telefonieren|telefoniert|abstimmen"
    r"|abgestimmt|besprechen|besprochen|nachfragen|nachgefragt|fragen|gefragt|treffen"
    r"|getroffen|melden|gemeldet|schreiben|geschrieben|schicken|geschickt|weiterleiten"
    r"|weitergeleitet|senden|gesendet|mailen|gemailt|nach|weiter"
)
#: a request to speak, ask or write to someone, before the preposition
_REQUESTS = (
    r"sprich|rede|red|klär|kläre|frag|frage|ruf|schreib|schreibe|telefonier|meld|melde"
    r"|schick|schicke|gib|leit|leite"
)
_FILLERS = r"(?:[ \t]+(?:mal|bitte|doch|einfach|kurz|nochmal|noch))*"
#: the same verbs, finite, before the preposition ("Ich treffe mich morgen mit der Lange")
_FINITE = (
    r"spreche|sprichst|spricht|sprechen|sprach|sprachen|rede|redest|redet|reden|redete"
    r"|treffe|triffst|trifft|treffen|traf|trafen|telefoniere|telefonierst|telefoniert"
    r"|telefonieren|telefonierte|kläre|klärst|klärt|klären|klärte"
)
_NAME = rf"(?P<name>{CAPITALISED_NAME})"
_OBJECT = re.compile(
    rf"(?<![\w-])(?:(?P<request>{_REQUESTS}){_FILLERS}[ \t]+"
    rf"|(?P<finite>{_FINITE})(?:[ \t]+[\w-]+){{0,3}}?[ \t]+)?"
    rf"(?:mit|bei|an)[ \t]+(?:der|dem|die|den)[ \t]+{_NAME}"
    rf"(?P<after>(?:[ \t]+[\w-]+){{0,4}}?[ \t]+(?:{_VERBS}))?(?![\w-])",
    re.IGNORECASE,
)


class ObjectNameRecognizer(SpanRecognizer):
    """``PERSON`` for a known surname after "mit/bei/an" and the article, spoken or written to."""

    ENTITY = "PERSON"
    NAME = "ObjectNameRecognizer"

    def __init__(self, surnames: Collection[str], supported_language: str = "de") -> None:
        """``surnames``: capitalised German surnames."""
        super().__init__(supported_language)
        self._surnames = frozenset(surnames)

    def spans(self, text: str) -> Iterable[tuple[int, int, float]]:
        """Each surname spoken with, asked or written to."""
        for m in _OBJECT.finditer(text):
            name = m.group("name")
            if not (m.group("request") or m.group("finite") or m.group("after")):
                continue
            if not name[0].isupper() or not set(name.split("-")) <= self._surnames:
                continue
            if name.casefold() in ROLES_SPOKEN_TO or name.casefold() in OFFICE_INSTITUTIONS:
                continue
            yield m.start("name"), m.end("name"), OBJECT_NAME_SCORE
