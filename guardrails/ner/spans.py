"""Pure span helpers: BIO tags, character spans, token labels and word-level decoding.

No I/O and no heavy imports, so the unit tests exercise them directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrails.name_rules import NAME_PARTICLES
from guardrails.ordinary_vocabulary import SALUTATIONS

Span = tuple[int, int]

OUTSIDE, B_PER, I_PER, B_LOC, I_LOC, B_ORG, I_ORG = 0, 1, 2, 3, 4, 5, 6
#: Label id of a token that training leaves out (torch's cross-entropy ``ignore_index``).
IGNORE = -100

# A "word" is a run of letters/digits, joined across inner hyphens and apostrophes
# (Müller-Lüdenscheidt, O'Brien); an English possessive "'s" is matched but not part of
# the word. Person decisions are made per word so that a name is never tagged as a
# fragment of itself.
_WORD = re.compile(r"(\w+(?:-\w+|['’](?!s\b)\w+)*)(?:['’]s\b)?")
_INITIAL_GAP = re.compile(r"\.[ \t]*")
#: Titles and salutations are never part of a name span ("Mr. Thompson" -> "Thompson").
_TITLES = frozenset(w.rstrip(".") for w in SALUTATIONS)
_TRAILING_PARTICLE = re.compile(rf"(?<![\w']){NAME_PARTICLES}$")
_LONGEST_PARTICLE = 5
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-ZÄÖÜÀ-Þ][\w'’\-]*(?<!['’\-])")
_CLOSING_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-ZÄÖÜ]|[IVX]{2,4})$")
#: what joins the members of a list: a comma, "and"/"or" (German "und"/"oder"/"sowie"), "&"
_LIST_JOIN = re.compile(
    r"[ \t]*,[ \t]*(?:(?:and|or|und|oder|sowie)[ \t]+)?|[ \t]+(?:and|or|&|und|oder|sowie)[ \t]+"
)
_JOINING_WORDS = frozenset({"and", "or", "und", "oder", "sowie"})
#: lower-case words that never begin or end a place's or organisation's name
_EDGE_WORDS = _JOINING_WORDS | frozenset(
    {"the", "of", "for", "from", "in", "at", "with", "der", "die", "das", "den", "dem", "des",
     "von", "vom", "für", "aus", "bei", "mit", "im", "am", "zum", "zur"}
)  # fmt: skip
#: what joins the parts of one place name ("Frankfurt am Main", "Halle an der Saale",
#: "Rothenburg ob der Tauber", "Newcastle upon Tyne", "Châlons-sur-Marne" with spaces); not
#: "im" or "in der", which join a place and its region in prose as often ("Modrava im
#: Luzenské údolí")
_PLACE_PARTICLE = re.compile(r"[ \t]+(?:am|an der|ob der|vor der|upon|on|sur)[ \t]+")
#: a word listed with a tagged one needs this share of the threshold ("Sousa and Ball")
LISTED_SHARE = 0.5


def bio_to_spans(tags: Sequence[str], entity: str = "PER") -> list[Span]:
    """Token-index spans ``[start, end)`` of ``entity`` in a BIO tag sequence.

    Only the exact type counts (``B-PERderiv``/``B-PERpart`` are not persons);
    an ``I-`` tag without a preceding entity of the same type opens a new span.
    """
    spans: list[Span] = []
    start: int | None = None
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        inside = kind == entity and prefix in ("B", "I")
        if start is not None and (not inside or prefix == "B"):
            spans.append((start, i))
            start = None
        if inside and start is None:
            start = i
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[Span]]:
    """Join tokens with single spaces; return the text and each token's character span."""
    parts: list[str] = []
    offsets: list[Span] = []
    pos = 0
    for token in tokens:
        if parts:
            pos += 1
        offsets.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return " ".join(parts), offsets


def token_spans_to_chars(token_spans: Sequence[Span], offsets: Sequence[Span]) -> list[Span]:
    """Convert token-index spans to character spans using per-token offsets."""
    return [(offsets[a][0], offsets[b - 1][1]) for a, b in token_spans]


def char_spans_to_labels(
    offsets: Sequence[Span],
    spans: Sequence[Span],
    locations: Sequence[Span] = (),
    masked: Sequence[Span] = (),
    organizations: Sequence[Span] = (),
) -> list[int]:
    """BIO label id per subword token from gold character spans.

    A token is inside a span when it overlaps it; the first such token of each person span
    is ``B_PER``, of each place span ``B_LOC``, of each organisation ``B_ORG`` (a person wins
    where spans overlap, then a place). Tokens overlapping a ``masked`` span are ``IGNORE``
    unless they belong to a person, place or organisation. Empty tokens (a bare ``▁``) stay
    ``O``.
    """
    labels = [OUTSIDE] * len(offsets)
    for group, begin, inside in ((masked, IGNORE, IGNORE), (organizations, B_ORG, I_ORG),
                                 (locations, B_LOC, I_LOC), (spans, B_PER, I_PER)):  # fmt: skip
        for start, end in group:
            first = True
            for i, (a, b) in enumerate(offsets):
                if b > a and a < end and b > start:
                    labels[i] = begin if first else inside
                    first = False
    return labels


def word_spans(text: str) -> list[Span]:
    """Character spans of the words in ``text`` (see ``_WORD``)."""
    return [m.span(1) for m in _WORD.finditer(text)]


def decode_person_spans(
    text: str,
    offsets: Sequence[Span],
    p_begin: Sequence[float],
    p_inside: Sequence[float],
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Turn per-token ``B``/``I`` probabilities into person character spans with scores.

    Each word gets the mean person probability (``B + I``) of the tokens overlapping it;
    words with a letter and at or above ``threshold`` are person words. Neighbouring
    person words on one line separated only by spaces (or an initial's dot) form one span
    unless the later word looks like a new name (``B > I``). A word listed with a person
    word ("Sousa and Ball") needs only :data:`LISTED_SHARE` of the threshold. A possessive
    ``'s`` is never part of a span, nor is a title or salutation ("Mr", "Frau", "Dr"); the
    dot after a closing initial or regnal number is.
    """
    spans = _decode_words(text, offsets, p_begin, p_inside, threshold, skip_titles=True)
    return [
        (start, _with_initial_dot(text, start, _past_particle(text, end)), p)
        for start, end, p in spans
    ]


def decode_place_spans(
    text: str,
    offsets: Sequence[Span],
    p_begin: Sequence[float],
    p_inside: Sequence[float],
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Place character spans with scores, decoded per word like persons ("Las Toscas"),
    without the name-only rules (titles, particles, initials). Two places joined by a place
    name's particle are one place ("Frankfurt am Main", "Halle an der Saale", "Newcastle
    upon Tyne"): the model often leaves the particle just below the threshold."""
    spans = _decode_words(text, offsets, p_begin, p_inside, threshold, skip_titles=False)
    spans = [s for s in (_without_edge_words(text, *span) for span in spans) if s is not None]
    joined: list[tuple[int, int, float]] = []
    for start, end, score in spans:
        if joined and _PLACE_PARTICLE.fullmatch(text, joined[-1][1], start):
            first_start, _, first_score = joined[-1]
            joined[-1] = (first_start, end, (first_score + score) / 2)
        else:
            joined.append((start, end, score))
    return joined


def _without_edge_words(
    text: str, start: int, end: int, score: float
) -> tuple[int, int, float] | None:
    """A place's or organisation's span without a lower-case joining word or article at
    either end ("Acme Corp and" -> "Acme Corp"); None when nothing else is left."""
    words = [m.span(1) for m in _WORD.finditer(text, start, end)]
    while words and text[slice(*words[-1])] in _EDGE_WORDS:
        words.pop()
    while words and text[slice(*words[0])] in _EDGE_WORDS:
        words.pop(0)
    return (words[0][0], words[-1][1], score) if words else None


def _decode_words(
    text: str,
    offsets: Sequence[Span],
    p_begin: Sequence[float],
    p_inside: Sequence[float],
    threshold: float,
    *,
    skip_titles: bool,
) -> list[tuple[int, int, float]]:
    words = word_spans(text)
    # per word: mean probability, and B vs I of its first token
    probs: list[tuple[float, bool]] = []
    t = 0
    for ws, we in words:
        while t < len(offsets) and offsets[t][1] <= ws:
            t += 1
        k, total, count, starts_new = t, 0.0, 0, False
        while k < len(offsets) and offsets[k][0] < we:
            if offsets[k][1] > offsets[k][0]:
                if count == 0:
                    starts_new = p_begin[k] > p_inside[k]
                total += p_begin[k] + p_inside[k]
                count += 1
            k += 1
        word = text[ws:we]
        name_like = any(c.isalpha() for c in word) and not (
            skip_titles and word.casefold().rstrip(".") in _TITLES
        )
        probs.append((total / count if count and name_like else 0.0, starts_new))

    taken = _listed_with_taken(text, words, [p for p, _ in probs], threshold)
    spans: list[tuple[int, int, float]] = []
    current: list[float] = []
    cur_start = cur_end = 0
    for (ws, we), (p, starts_new), keep in zip(words, probs, taken, strict=True):
        if not keep:
            if current:
                spans.append((cur_start, cur_end, sum(current) / len(current)))
                current = []
            continue
        p = max(p, threshold)  # a listed word scores as taken at the threshold
        contiguous = bool(current) and _joins(text, cur_end, ws)
        if contiguous and not starts_new:
            cur_end = we
            current.append(p)
            continue
        if current:
            spans.append((cur_start, cur_end, sum(current) / len(current)))
        cur_start, cur_end, current = ws, we, [p]
    if current:
        spans.append((cur_start, cur_end, sum(current) / len(current)))
    return spans


def _listed_with_taken(
    text: str, words: Sequence[Span], probs: Sequence[float], threshold: float
) -> list[bool]:
    """Which words are taken: those at ``threshold``, and those at :data:`LISTED_SHARE` of
    it that are listed with a taken word ("Sousa and Ball", "Berlin, Hamburg und Bonn"):
    a list's members are of one kind, so the model's weaker guess is believed there."""
    taken = [p >= threshold for p in probs]
    weaker = threshold * LISTED_SHARE
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(probs):
            if taken[i] or p < weaker:
                continue
            for step in (-1, 1):
                j = i + step
                if 0 <= j < len(words) and text[slice(*words[j])].casefold() in _JOINING_WORDS:
                    j += step  # "Sousa and Ball": the neighbour past the "and"
                if not 0 <= j < len(words) or not taken[j]:
                    continue
                left, right = (words[j], words[i]) if j < i else (words[i], words[j])
                if _LIST_JOIN.fullmatch(text, left[1], right[0]):
                    taken[i] = changed = True
                    break
    return taken


def _past_particle(text: str, end: int) -> int:
    """A name never ends in a nobiliary particle: "Jean de | Surville" -> "Jean de Surville"
    (the capitalised word after the particle, on the same line, joins the span)."""
    # particles are short: look at the last few characters only, not the whole text before
    if _TRAILING_PARTICLE.search(text, max(0, end - _LONGEST_PARTICLE), end) is None:
        return end
    after = _NEXT_CAPITALISED.match(text, end)
    return after.end() if after is not None else end


def _with_initial_dot(text: str, start: int, end: int) -> int:
    """``end`` past the dot of a closing initial or regnal number ("Claudia B.",
    "Elisabeth II."): the dot belongs to the name, not to the sentence."""
    if text.startswith(".", end) and _CLOSING_ABBREVIATION.search(text, start, end):
        return end + 1
    return end


def _joins(text: str, prev_end: int, start: int) -> bool:
    """Whether two person words belong to one name: only spaces between them (no line break,
    no tab: a table's next cell is another value), or the dot of an initial ("J. Smith")."""
    gap = text[prev_end:start]
    if gap and not gap.strip() and "\n" not in gap and "\t" not in gap:
        return True
    return (
        bool(_INITIAL_GAP.fullmatch(gap))
        and prev_end >= 1
        and (prev_end < 2 or not text[prev_end - 2].isalnum())
    )
