"""The recipient of a postal address block: the name on the line right above its street line.

Letters, envelopes and signatures write the person above the street ("Jason Uenk\\n73
Lozerlaan 172\\nDen Haag", ">Lauren Napolitano\\n>81 Duizendmonnikenstraat 189"). Such a line
on its own gives a tagger little context (the words were read as places or a company), while
its position says what it is. A line counts when it is only a name: an optional form of
address, then a known first name and one or two capitalised words (particles allowed), the
street line starting the next line (after quote or list marks). Pure: the first-name test is
passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

from guardrails.name_rules import CAPITALISED_WORD, NAME_PARTICLES, TITLES

#: How sure the rule is: a known first name in a recipient's place.
RECIPIENT_SCORE = 0.8
#: Quote and list marks that may open a line of the block (">", "-", "*", "•", "|").
_MARKS = " \t>*•|-"
_NAME_LINE = regex.compile(
    rf"(?:{TITLES}[ \t]+)?(?P<name>(?P<first>{CAPITALISED_WORD})"
    rf"(?:[ \t]+(?:{NAME_PARTICLES}[ \t]+)*{CAPITALISED_WORD}){{1,2}})[ \t,]*"
)


def recipient_names(
    text: str, address_spans: Iterable[tuple[int, int]], is_first_name: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Name spans on the line above each address that begins a line."""
    found: set[tuple[int, int]] = set()
    for start, _end in address_spans:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start == 0 or text[line_start:start].strip(_MARKS):
            continue  # the address does not begin a line, or nothing is above it
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        above = text[above_start : line_start - 1]
        offset = len(above) - len(above.lstrip(_MARKS))
        m = _NAME_LINE.fullmatch(above.rstrip(), offset)
        if m is not None and is_first_name(m.group("first")):
            found.add((above_start + m.start("name"), above_start + m.end("name")))
    return sorted(found)
