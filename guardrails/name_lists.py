"""The other names of a list of people: "Jour fixe Vertrieb (Sommer, Wolf, Klein)", "Lange,
Krause und Klein sind dabei".

A list of names written one after the other gives each a neighbour that is a person. The
tagger reads most of them, but skips a surname that is also a word ("Klein") where the rest
of the list has no such doubt. Here a list is two or more items of one to three capitalised
words on one line, separated by commas, semicolons, slashes, "&" or "und"/"and"/"or" (two
items only by a word, "&" or "/": "ein Mann, Jesus Christus" is an apposition); when at least
half of its items are persons already and none is a finding of another type, each other item
that is a known name is one too. Pure: the name test is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

#: how sure the rule is: a known name among people
LIST_NAME_SCORE = 0.6
#: below this a place or an organisation the tagger read on a known name is a guess
UNSURE_SCORE = 0.6
_NER_KINDS = frozenset({"LOCATION", "ORGANIZATION"})

_ITEM = r"[A-ZÄÖÜ][\w'’-]*(?:[ \t]+[A-ZÄÖÜ][\w'’-]*){0,2}"
_SEPARATOR = r"[ \t]*(?:[,;/&]|[ \t]und|[ \t]and|[ \t]oder|[ \t]or)[ \t]*"
_LIST = re.compile(rf"{_ITEM}(?:{_SEPARATOR}{_ITEM})+")
_ITEMS = re.compile(_ITEM)
_APPOSITION = re.compile(r"[ \t]*[,;][ \t]*")


def list_names(
    text: str,
    findings: Sequence[tuple[int, int, str, float]],
    is_known_name: Callable[[str], bool],
) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of the known names in lists of people that no finding covers yet;
    ``findings``: ``(start, end, entity_type, score)`` of what was found so far. A place or
    an organisation read with a score below :data:`UNSURE_SCORE` on a known name counts as
    nothing found ("Klein" of "Sommer, Wolf, Klein", read as a company at 0.52)."""
    for found in _LIST.finditer(text):
        items = list(_ITEMS.finditer(text, found.start(), found.end()))
        if len(items) == 2 and _APPOSITION.fullmatch(text, items[0].end(), items[1].start()):
            continue  # "ein Mann, Jesus Christus": a comma between two is an apposition
        kinds = [_kind(item, findings, is_known_name) for item in items]
        if any(k not in ("PERSON", None) for k in kinds):
            continue  # a place, a company or an address among them: no list of people
        if 2 * kinds.count("PERSON") < len(items):
            continue
        for item, kind in zip(items, kinds, strict=True):
            if kind is None and all(is_known_name(w) for w in item.group().split()):
                yield item.span()


def _kind(
    item: re.Match[str],
    findings: Sequence[tuple[int, int, str, float]],
    is_known_name: Callable[[str], bool],
) -> str | None:
    """The type of the finding overlapping ``item`` (PERSON before others), or None."""
    start, end = item.span()
    known = all(is_known_name(w) for w in item.group().split())
    kinds = {
        kind
        for s, e, kind, score in findings
        if s < end and start < e and not (known and kind in _NER_KINDS and score < UNSURE_SCORE)
    }
    if not kinds:
        return None
    return "PERSON" if "PERSON" in kinds else sorted(kinds)[0]
