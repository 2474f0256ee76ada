"""Honorifics before a name ("Mr.", "Dr.", "Prof."): part of the person mention, kept visible.

Readers, and annotated English data such as presidio-research's, count the honorific of
"Mr. Eric Costa" as part of the mention of that person. Detection therefore reports a PERSON
from its honorific on (:func:`extend_to_honorific`), while every action replaces only the name
after it (:func:`honorific_length`): an honorific identifies no one, and it keeps the form of
address and the grammatical gender the model needs ("Mr. <PERSON_1>"). German forms of address
(Herr, Frau) are not honorifics here: GermEval leaves them outside the name. Pure.
"""

from __future__ import annotations

import re

#: abbreviations in any case ("mr.", "Dr."); spelled-out forms only capitalised ("I miss Anna")
_HONORIFIC = r"(?:(?i:mrs|mr|ms|mx|dr|prof)\.|(?:Mrs|Mr|Ms|Mx|Dr|Prof|Miss|Sir|Dame)(?!\.))"
_ENDING_BEFORE_NAME = re.compile(rf"(?<![\w.])(?:{_HONORIFIC}[ \t]+)+\Z")
_LEADING = re.compile(rf"(?:{_HONORIFIC}[ \t]+)+")
#: how far back honorifics are looked for ("Prof. Dr. med. " fits easily)
_LOOK_BACK = 40


def extend_to_honorific(text: str, start: int) -> int:
    """Where the mention of a name starting at ``start`` begins: at the first of the
    honorifics right before it, else ``start``."""
    window_start = max(0, start - _LOOK_BACK)
    match = _ENDING_BEFORE_NAME.search(text[window_start:start])
    return window_start + match.start() if match else start


def honorific_length(value: str) -> int:
    """Characters of leading honorifics (with their spaces) in a person value; 0 if none.
    A value that is nothing but honorifics has none (there would be no name left)."""
    match = _LEADING.match(value)
    if match is None or match.end() >= len(value.rstrip()):
        return 0
    return match.end()


def name_part(entity_type: str, value: str) -> str:
    """``value`` without the honorifics of a person (what actions and the vault work on)."""
    return value[honorific_length(value) :] if entity_type == "PERSON" else value
