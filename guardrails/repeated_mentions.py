"""Other mentions of a person or a personal place in the same text (and, through
:meth:`guardrails.protector.TextProtector.spread_mentions`, in the other texts of a request).

A detector may find a name or a place where a cue marks it ("Ich wohne in Leipzig", "Herr
Meier") and miss the same word a sentence later ("Leipzig ist schön", "Meier kommt morgen").
Rewriting one mention and leaving the other gives the value away, so every other mention of
the exact value (same spelling and case, whole words) that no other finding covers becomes a
finding of the same type and score. Places the policy allows (LOCATION) give way: "Leipzig"
read as a city elsewhere in the text is the person's place too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

import regex

from guardrails.findings import Finding
from guardrails.honorifics import honorific_length
from guardrails.name_aliases import name_parts

#: Types whose other mentions are found too.
REPEATED_TYPES = frozenset({"PERSON", "PERSONAL_LOCATION"})
#: Recognizer name of the findings added here (audit, ``tresor policy test``).
REPEATED_MENTION = "RepeatedMention"
#: Shorter values are left alone ("Chr" of "n. Chr.", "Bo": abbreviations and syllables more
#: often than names; the tagger still finds "Tom" and "Eva" on its own).
MIN_LENGTH = 4
#: Types a repeated mention may replace where they overlap it (allowed by the shipped policy).
_YIELDING = frozenset({"LOCATION"})
#: Recognizer name of a full name's first name or surname found alone (:func:`name_part_mentions`).
NAME_PART_MENTION = "NamePartMention"
#: A first name or surname of a full name counts from three letters ("Ute" of "Ute Brenner").
MIN_PART_LENGTH = 3


def mention_value(text: str, finding: Finding) -> str:
    """What other mentions of ``finding`` look like: its text, a person's without honorifics
    ("Dr. Meier": "Meier"); "" when too short to look for."""
    start = finding.start
    if finding.entity_type == "PERSON":
        start += honorific_length(text[finding.start : finding.end])
    value = text[start : finding.end]
    return value if len(value) >= MIN_LENGTH else ""


class Taken:
    """The characters of a text that findings already cover: a mask, so that looking a
    mention up costs the same however many findings a long document has."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(length)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)``."""
        self._mask[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """Whether no character of ``[start, end)`` is covered."""
        return 1 not in self._mask[start:end]


def free_mentions(text: str, value: str, taken: Taken) -> Iterator[tuple[int, int]]:
    """Where ``value`` stands in ``text`` as whole words, same spelling and case, outside the
    ``taken`` spans; each span yielded is added to ``taken``."""
    # str.find, not a regex: every value is new, and compiling a pattern per value cost more
    # than the search (``re``'s cache holds 512 patterns)
    start = text.find(value)
    while start >= 0:
        end = start + len(value)
        if _word_edge(text, start - 1) and _word_edge(text, end):
            if taken.free(start, end):
                taken.add(start, end)
                yield start, end
            start = text.find(value, end)
        else:
            start = text.find(value, start + 1)


def _word_edge(text: str, index: int) -> bool:
    """Whether ``text[index]`` is outside the text or no word character (``re``'s ``\\w``)."""
    if index < 0 or index >= len(text):
        return True
    char = text[index]
    return not (char.isalnum() or char == "_")


def _taken(text: str, findings: Sequence[Finding]) -> Taken:
    """The characters ``findings`` cover, but for the types a mention may replace."""
    return Taken(len(text), ((f.start, f.end) for f in findings if f.entity_type not in _YIELDING))


def _persons(text: str, findings: Sequence[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each person among ``findings`` with its mention's value, once per value (a long
    document names its people many times)."""
    seen: set[str] = set()
    for finding in findings:
        if finding.entity_type != "PERSON":
            continue
        value = mention_value(text, finding)
        if value and value not in seen:
            seen.add(value)
            yield finding, value


def repeated_mentions(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Findings for the other mentions of the persons and personal places in ``findings``."""
    taken = _taken(text, findings)
    added: list[Finding] = []
    seen: set[str] = set()
    for finding in findings:
        if finding.entity_type not in REPEATED_TYPES:
            continue
        value = mention_value(text, finding)
        if not value or value in seen:
            continue
        seen.add(value)
        for start, end in free_mentions(text, value, taken):
            added.append(replace(finding, start=start, end=end, recognizer=REPEATED_MENTION))
    return added


def name_part_mentions(
    text: str,
    findings: Sequence[Finding],
    is_ordinary: Callable[[str, int, int], bool] = lambda _text, _start, _end: False,
) -> list[Finding]:
    """Findings for the first names and surnames of the full names in ``findings`` standing
    alone where nothing found them: the minutes that list "Dr. Ute Brenner" and end "AP: Jens
    schickt die Folien an Ute." give her away through "Ute". A part counts written as a name
    (a capital, then small letters; same spelling), not inside a hyphenated compound and not
    where ``is_ordinary`` reads the word as a thing ("Anna Koch ... der Koch").
    """
    taken = _taken(text, findings)
    added: list[Finding] = []
    seen: set[str] = set()
    for finding, value in _persons(text, findings):
        for part in name_parts(value) or ():
            if part in seen or len(part) < MIN_PART_LENGTH or not _name_shaped(part):
                continue
            seen.add(part)
            for start, end in free_mentions(text, part, taken):
                if _in_compound(text, start, end) or is_ordinary(text, start, end):
                    continue
                added.append(replace(finding, start=start, end=end, recognizer=NAME_PART_MENTION))
    return added


def handle_mentions(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Findings for the logins, mentions and device names made from the full names in
    ``findings``: a ticket from "Yvonne Gänsler" about "LT-GAENSLER-02", minutes naming
    "Rebecca Thornbury" and asking "@rthornbury" give the person away through the handle.

    Looked for, without regard to case and with umlauts also written out ("ä" -> "ae"):
    first and last name joined ("rebecca.thornbury", "rebecca_thornbury", "rebeccathornbury",
    "thornbury.rebecca"), the first initial before or after the surname ("rthornbury",
    "r.thornbury", "thornburyr"), standing where no letter runs on (digits may: "jsmith2");
    the surname alone only inside an identifier, joined to it by "-", "_", "." or digits
    ("LT-GAENSLER-02"), and from five letters.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return []  # lower-casing changed the length ("İ"): offsets would not match
    taken = _taken(text, findings)
    added: list[Finding] = []
    seen: set[str] = set()
    for finding, value in _persons(text, findings):
        parts = name_parts(value)
        if parts is None or len(parts[1]) < MIN_LENGTH:
            continue
        surname = parts[1].lower()
        if not any(
            _free_somewhere(lowered, s, taken) for s in {surname, surname.translate(_WRITTEN_OUT)}
        ):
            continue  # every handle holds the surname: none outside the findings, no handle
        for form, alone in _handle_forms(*parts):
            if form in seen:
                continue
            seen.add(form)
            for start, end in _free_handles(lowered, form, taken):
                if alone and not _in_identifier(text, start, end):
                    continue
                taken.add(start, end)
                added.append(replace(finding, start=start, end=end, recognizer=HANDLE_MENTION))
    return added


#: Recognizer name of a login or device name made from a full name (:func:`handle_mentions`).
HANDLE_MENTION = "HandleMention"
#: Umlauts as logins and host names write them.
_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
#: A surname alone counts inside an identifier from this length ("GAENSLER", not "KOCH").
MIN_SURNAME_IN_IDENTIFIER = 5


def _handle_forms(first: str, last: str) -> Iterator[tuple[str, bool]]:
    """The handles made of ``first`` and ``last`` (lower case), and whether each is the
    surname alone."""
    for variant in ({}, _WRITTEN_OUT):
        f = first.lower().translate(variant)
        l_ = last.lower().translate(variant)
        if not (f.isalpha() and l_.replace("-", "").isalpha()):
            continue
        for joint in (".", "_", "-", ""):
            yield f + joint + l_, False
            yield l_ + joint + f, False
        for joint in (".", "_", ""):
            yield f[0] + joint + l_, False
        yield l_ + f[0], False
        if len(l_) >= MIN_SURNAME_IN_IDENTIFIER:
            yield l_, True


def _free_handles(lowered: str, form: str, taken: Taken) -> Iterator[tuple[int, int]]:
    """Where ``form`` stands in ``lowered`` with no letter running on at either side."""
    start = lowered.find(form)
    while start >= 0:
        end = start + len(form)
        before = lowered[start - 1] if start else ""
        after = lowered[end] if end < len(lowered) else ""
        if not before.isalpha() and not after.isalpha() and taken.free(start, end):
            yield start, end
        start = lowered.find(form, start + 1)


def _free_somewhere(lowered: str, word: str, taken: Taken) -> bool:
    """Whether ``word`` stands in ``lowered`` anywhere outside the ``taken`` spans."""
    start = lowered.find(word)
    while start >= 0:
        if taken.free(start, start + len(word)):
            return True
        start = lowered.find(word, start + 1)
    return False


def _in_identifier(text: str, start: int, end: int) -> bool:
    """Whether the word is joined to an identifier's other parts ("LT-GAENSLER-02",
    "srv_gaensler", "gaensler01"): a digit, "-", "_" or "." touching it, with a word
    character past the separator."""
    before, after = text[start - 2 : start], text[end : end + 2]
    return (
        (len(before) == 2 and before[1] in "-_." and before[0].isalnum())
        or (after[:1] in ("-", "_", ".") and after[1:2].isalnum())
        or before[-1:].isdigit()
        or after[:1].isdigit()
    )


def _in_compound(text: str, start: int, end: int) -> bool:
    """Whether the word is joined to another by a hyphen ("Tabarz-Cabarz", "Müller-Straße")."""
    return text[start - 1 : start] == "-" or text[end : end + 1] == "-"


def _name_shaped(word: str) -> bool:
    """A capital and then small letters, hyphenated parts alike ("Ute", "Müller-Lüdenscheidt")."""
    return all(p[:1].isupper() and p[1:].islower() for p in word.split("-"))


#: a nickname in quotes between a first name and a surname: ' "Seun" ', " „Kathi“ "
_QUOTED_NICKNAME = regex.compile(
    r"[ \t]+[\"„“”'‚‘’»«]\p{Lu}[\p{L}\p{M}'’.-]{0,24}[\"“”'‘’«»][ \t]+"
)
_LONGEST_NICKNAME_GAP = 32
#: Recognizer name of a full name holding a quoted nickname (:func:`quoted_nicknames`).
NICKNAME_MENTION = "QuotedNickname"


def quoted_nicknames(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Findings for full names holding a nickname in quotes between two persons found
    around it ('Oluwaseun "Seun" Bakare-Ellis', 'Katharina „Kathi“ Brandt'): the nickname
    names the person as the name does, and the three go to the model as one."""
    persons = sorted((f for f in findings if f.entity_type == "PERSON"), key=lambda f: f.start)
    added: list[Finding] = []
    for i, left in enumerate(persons):
        # the right one is the first person past the nickname (the tagger may have read the
        # nickname as a person of its own)
        for right in persons[i + 1 :]:
            if right.start - left.end > _LONGEST_NICKNAME_GAP:
                break
            if right.start > left.end and _QUOTED_NICKNAME.fullmatch(text, left.end, right.start):
                added.append(
                    replace(left, end=right.end, score=max(left.score, right.score),
                            recognizer=NICKNAME_MENTION)
                )  # fmt: skip
                break
    return added
