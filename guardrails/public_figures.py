"""Whether a person's mention names a well-known public figure.

"Wer war Konrad Adenauer?", "Summarize the article about Angela Merkel", "What did Einstein
say about compound interest?": pseudonymized, such questions reach the model as "Wer war
[PERSON_1]?" and cannot be answered, while the name protects no one. A policy that allows
public figures (``public_figures.allow``) leaves a PERSON finding that names one of
:mod:`guardrails.public_figure_names` (or of the policy's own ``public_figures.names``)
untouched; ``tresor pii analyze`` still reports it, as PERSON with action ``allow``.

A mention counts when it is a listed full name ("Angela Merkel", also with a possessive or
a German genitive: "Merkels", "Einstein's"), a name listed as known alone ("Einstein"), or one
word of a listed name that the same text names in full ("Angela Merkel ... Merkel sagte", the
"Romeo" and "Juliet" a tagger finds in "Romeo and Juliet"). It never counts after a form of address, a greeting or a word that introduces someone the
writer knows ("Frau Merkel", "Mr. Obama", "Hallo Angela Merkel", "Mein Kollege heißt Helmut
Kohl", "our customer Elon Musk"): there the writer speaks of or to a private person who may
carry the name. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from guardrails.ordinary_vocabulary import PRODUCTS_AND_COMPANIES
from guardrails.public_figure_names import PUBLIC_FIGURE_TEXT

#: forms of address and greetings that mark a private person, at a span's start or right
#: before it (academic titles may stand between: "Frau Dr. Merkel")
_ADDRESS = r"(?:herrn?|frau|hr\.|fr\.|mrs?\.?|ms\.?|miss|hallo|hi|hey|hello|dear|liebe[rn]?|geehrte[rn]?)"
#: words right before a name that introduce someone the writer knows: a colleague, customer,
#: neighbour or relative, or a name given ("Mein Kollege heißt Helmut Kohl")
_ACQUAINTANCE = (
    r"(?:heißt|heiße|heisst|namens|named|called|name\s+is|name\s+ist|kolleg(?:e|en|in)"
    r"|colleague|co-?worker|teammate|manager|boss|chef(?:in)?|vorgesetzte[rn]?|supervisor"
    r"|kund(?:e|in)|customer|client|mandant(?:in)?|ansprechpartner(?:in)?|contact"
    r"|nachbar(?:in)?|neighbou?r|azubi(?:ne)?|praktikant(?:in)?|intern|trainee"
    r"|mitarbeiter(?:in)?|employee|bewerber(?:in)?|applicant|candidate|patient(?:in)?"
    r"|sohn|tochter|bruder|schwester|vater|mutter|onkel|tante|cousine?|son|daughter|brother"
    r"|sister|father|mother|husband|wife|uncle|aunt|cousin)"
)
_ACADEMIC = r"(?:(?:dr|prof)\.?[ \t]+)*"
_ADDRESSED_BEFORE = re.compile(
    rf"(?<![\w.])(?i:{_ADDRESS}|{_ACQUAINTANCE})[ \t:,]+(?i:{_ACADEMIC})\Z"
)
_ADDRESSED_IN_SPAN = re.compile(rf"(?i:{_ADDRESS})[ \t]+")
#: an academic title at a span's start, which does not change who is meant ("Dr. Angela Merkel")
_TITLE_IN_SPAN = re.compile(rf"\A(?i:{_ACADEMIC})")
_POSSESSIVE = re.compile(r"(?:['’]s?)\Z")
_LOOK_BACK = 30
_LETTERS = re.compile(r"[^\W\d_]+")
#: words inside listed names that name no one ("Romeo und Julia", "Karl der Große")
_CONNECTOR_TEXT = "and und der die das the of von van de da du di le la y jr. ii. iii."
_CONNECTORS = frozenset(_CONNECTOR_TEXT.split())


class PublicFigures:
    """The listed public figures and any the policy adds, matched by normalised name."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        full: set[str] = set()
        alone: set[str] = set()
        #: each full name as written (its capitals tell the name lists' words apart)
        self._written: dict[str, str] = {}
        for line in (*PUBLIC_FIGURE_TEXT.splitlines(), *extra):
            name = _normalised(line)
            if not name or name.startswith("#"):
                continue
            if " " in name:
                full.add(name)
                self._written[name] = line
            else:
                alone.add(name)
        self._full = frozenset(full)
        self._alone = frozenset(alone)
        by_word: dict[str, list[str]] = {}
        for name in full:
            for word in set(name.split()) - _CONNECTORS:
                by_word.setdefault(word, []).append(name)
        self._by_word = {k: tuple(v) for k, v in by_word.items()}
        #: every word of a listed name: a mention holding none of them names no one listed
        self._words = frozenset(by_word) | frozenset(w for n in alone for w in n.split())
        self._common_names: frozenset[str] | None = None

    def _common(self) -> frozenset[str]:
        """The listed full names that the name lists' first names and surnames also make
        ("Richard Wagner"): private people carry them too (computed when first needed)."""
        if self._common_names is None:
            from guardrails.person_names import is_common_full_name  # the name lists: heavy

            common = set()
            for name in self._full:
                words = self._written[name].split()
                if len(words) == 2 and is_common_full_name(*words):
                    common.add(name)
            self._common_names = frozenset(common)
        return self._common_names

    def __len__(self) -> int:
        return len(self._full) + len(self._alone)

    def named(self, text: str, start: int, end: int, about_someone: bool = False) -> bool:
        """Whether ``text[start:end]``, a person's mention, names a public figure.

        ``about_someone``: the text carries someone's contact or account data (an e-mail,
        a phone number, an IBAN ...); a full name that common first names and surnames make
        ("Richard Wagner") is then a private person's, however famous the name."""
        value = text[start:end]
        if not any(
            w in self._words or w[:-1] in self._words for w in _LETTERS.findall(value.casefold())
        ):
            return False  # most names in a text: no word of any listed name
        excluded = self._common() if about_someone else frozenset()
        if _ADDRESSED_BEFORE.search(text, max(0, start - _LOOK_BACK), start):
            return False
        if _ADDRESSED_IN_SPAN.match(value):
            return False
        name = _normalised(_POSSESSIVE.sub("", _TITLE_IN_SPAN.sub("", value)))
        if not name:
            return False
        if self._listed(name, text, excluded):
            return True
        # a span the tagger ran on past the figure: "Goethes Faust", "Elon Musk Tesla"
        words = name.split()
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), words[cut:]
            if self._listed(head, text, excluded) and (
                self._listed(" ".join(tail), text, excluded)
                or all(w in PRODUCTS_AND_COMPANIES for w in tail)
            ):
                return True
        return False

    def _listed(self, name: str, text: str, excluded: frozenset[str]) -> bool:
        """Whether ``name`` (normalised) is a listed figure not ``excluded``, also in a German
        genitive ("Merkels Rede", "Goethes"), or one word of a listed name ``text`` names in
        full."""
        for key in (name, name[:-1]) if name.endswith("s") else (name,):
            if key in self._alone or (key in self._full and key not in excluded):
                return True
            full_names = self._by_word.get(key, ()) if " " not in key else ()
            if full_names:
                written = _normalised_text(text)
                if any(f in written for f in full_names if f not in excluded):
                    return True
        return False


@lru_cache(maxsize=16)
def public_figures(extra: tuple[str, ...] = ()) -> PublicFigures:
    """The shared matcher for the listed figures plus ``extra`` (built once per list)."""
    return PublicFigures(extra)


def _normalised(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=8)
def _normalised_text(text: str) -> str:
    """A whole text normalised once for the mentions of one request (a long document may hold
    many first names that are part of a listed name)."""
    return _normalised(text)
