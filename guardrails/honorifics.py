"""Honorifics before a name ("Mr.", "Dr.", "Prof."): part of the person mention, kept visible.

Readers, and annotated English data such as presidio-research's, count the honorific of
"Mr. Eric Costa" as part of the mention of that person. Detection therefore reports a PERSON
from its honorific on (:func:`extend_to_honorific`), while every action replaces only the name
after it (:func:`honorific_length`): an honorific identifies no one, and it keeps the form of
address and the grammatical gender the model needs ("Mr. <PERSON_1>"). German forms of address
(Herr, Frau) are not honorifics here: GermEval leaves them outside the name. Academic degrees
after a title ("Dr. med.", "Prof. Dr. rer. nat.") belong to it, and so do German and Austrian
degrees written before a name ("Herr Dipl.-Ing. Thomas Krüger", "Frau Mag. Eva Huber"). Pure.
"""

from __future__ import annotations

import re

#: German and Austrian degrees written before a name ("Dipl.-Ing.", "Dipl.-Kffr.", "Dr.-Ing.",
#: "Mag.", "Ing."), with a school's mark ("Dipl.-Inf. (FH)"), and Bachelor's and Master's of
#: science or engineering ("M.Sc."); "M.A." is left out, as it reads as two initials
_DEGREE_TITLE = (
    r"(?:(?:Dipl|Dr)\.-[A-ZÄÖÜ][a-zäöüß]*\.(?:-[A-ZÄÖÜ][a-zäöüß]*\.)*|Mag\.|Ing\."
    r"|[BM]\.[ \t]?(?:Sc|Eng)\.)(?:[ \t]*\((?:FH|TU|Univ\.?|BA|DH)\))?"
)
#: abbreviations in any case ("mr.", "Dr."); spelled-out forms only capitalised ("I miss Anna")
_HONORIFIC = (
    rf"(?:{_DEGREE_TITLE}|(?i:mrs|mr|ms|mx|dr|prof)\.|(?:Mrs|Mr|Ms|Mx|Dr|Prof|Miss|Sir|Dame)(?!\.))"
)
#: German academic degrees after "Dr." or "Prof.": "Dr. med.", "Dr. rer. nat.", "Dr. h. c."
_DEGREE_WORDS = ("med", "dent", "vet", "rer", "nat", "pol", "oec", "phil", "jur", "habil",
                 "mult", "techn", "sc", "ing", "h", "c")  # fmt: skip
_DEGREE_WORD = rf"(?:{'|'.join(_DEGREE_WORDS)})"
_DEGREE = rf"{_DEGREE_WORD}\."
_TITLE = rf"{_HONORIFIC}(?:[ \t]*{_DEGREE})*"
_ENDING_BEFORE_NAME = re.compile(rf"(?<![\w.])(?:{_TITLE}[ \t]+)+\Z")
_LEADING = re.compile(rf"(?:{_TITLE}[ \t]+)+")
#: A span of titles only, its last degree's full stop perhaps outside it ("Dr. med").
_TITLES_ONLY = re.compile(rf"(?:{_TITLE}[ \t]*)*(?:{_DEGREE}[ \t]*)*{_DEGREE_WORD}?")
_HONORIFIC_ONLY = re.compile(rf"(?:{_HONORIFIC}[ \t]*)+")
_DEGREE_TITLES = re.compile(rf"(?<![\w.-]){_DEGREE_TITLE}")
#: how far back honorifics are looked for ("Prof. Dr. med. " fits easily)
_LOOK_BACK = 40


def extend_to_honorific(text: str, start: int) -> int:
    """Where the mention of a name starting at ``start`` begins: at the first of the
    honorifics right before it, else ``start``."""
    window_start = max(0, start - _LOOK_BACK)
    match = _ENDING_BEFORE_NAME.search(text[window_start:start])
    return window_start + match.start() if match else start


def is_titles_only(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds titles and degrees but no name: a tagger reading
    "med" of "Dr. med. Hanna Lindqvist" as a name. A degree there must be abbreviated ("Dr.
    Nat Turner" names Nat)."""
    value = text[start:end]
    if value.strip() and _in_degree_title(text, start, end):
        return True  # "Dipl" of "Dipl.-Ing.", "Ing" of "Dr.-Ing."
    if not value.strip() or _TITLES_ONLY.fullmatch(value) is None:
        return False
    abbreviated = value.endswith(".") or text.startswith(".", end)
    return abbreviated or _HONORIFIC_ONLY.fullmatch(value) is not None


def _in_degree_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a degree written before names ("Dipl.-Ing.")."""
    window = max(0, start - 12)
    return any(
        m.start() <= start and end <= m.end()
        for m in _DEGREE_TITLES.finditer(text, window, min(len(text), end + 20))
    )


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
