"""Loaders for the labelled development data under ``../shared/data/pii/``.

Every source becomes a list of :class:`Example` (text plus gold person and place character
spans). Sources and licenses:

* ``germeval2014-de-dev.tsv`` - GermEval 2014 German NER dev set (NoSta-D,
  Benikova et al.), CC BY 4.0. Outer ``PER``, ``LOC`` and ``ORG`` only (``PERderiv``/``LOCderiv``
  such as "Fontane-Lesungen" or "deutschen" are neither persons nor places). Tokens are
  joined with single spaces.
* ``extra/enp_DE.*.bio`` - Europeana Newspapers German NER corpora, CC0 (attribution
  requested: "Europeana Newspapers NER corpora, Europeana Newspapers Project, 2012-2015").
  Historic OCR text without sentence boundaries: split on ``. ! ?`` (at most 60 tokens).
* ``presidio-generated-large-en.json`` - presidio-research generated sentences, MIT;
  ``PERSON``, ``LOCATION`` and ``ORGANIZATION`` spans are kept; ``ADDRESS`` spans are masked (not trained
  on: the town in an address is a place, but the file does not mark it).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guardrails.ner.spans import Span, bio_to_spans, join_tokens, token_spans_to_chars

_MAX_PSEUDO_SENTENCE = 60
_SENTENCE_END = {".", "!", "?"}


@dataclass(frozen=True)
class Example:
    """One text with its gold person spans (``spans``), place spans (``locations``) and
    organisation spans (``organizations``); ``masked`` spans are left out of training;
    ``group`` keys the held-out split."""

    text: str
    spans: tuple[Span, ...]
    source: str
    lang: str
    group: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)
    locations: tuple[Span, ...] = ()
    masked: tuple[Span, ...] = ()
    organizations: tuple[Span, ...] = ()


def _example_from_tokens(
    tokens: Sequence[str], tags: Sequence[str], source: str, lang: str, group: str
) -> Example:
    text, offsets = join_tokens(tokens)
    spans = token_spans_to_chars(bio_to_spans(tags), offsets)
    places = token_spans_to_chars(bio_to_spans(tags, "LOC"), offsets)
    orgs = token_spans_to_chars(bio_to_spans(tags, "ORG"), offsets)
    return Example(
        text, tuple(spans), source, lang, group, locations=tuple(places), organizations=tuple(orgs)
    )


def load_germeval(path: Path) -> list[Example]:
    """GermEval 2014 TSV (``idx token outer nested``, ``#`` comments, blank line = end)."""
    examples: list[Example] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                group = f"germeval:{len(examples)}"
                examples.append(_example_from_tokens(tokens, tags, "germeval", "de", group))
            tokens, tags = [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        tags.append(cols[2])
    return examples


def _normalise_enp_tag(tag: str) -> str:
    tag = tag.replace("_", "-").replace(".", "-")
    prefix, _, kind = tag.partition("-")
    if prefix.upper() in ("B", "I") and kind.upper() in ("PER", "LOC", "ORG"):
        return f"{prefix.upper()}-{kind.upper()}"
    return "O"


def _pseudo_sentences(lines: Iterable[str]) -> Iterator[tuple[list[str], list[str]]]:
    """Cut a ``TOKEN TAG`` stream at sentence ends, comments and blank lines."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        token, _, tag = line.strip().rpartition(" ")
        if not token.strip():
            continue
        tokens.append(token.strip())
        tags.append(_normalise_enp_tag(tag.strip()))
        # a person name may continue after an initial ("J. Müller"), so only cut at O
        if (token in _SENTENCE_END and tags[-1] == "O") or len(tokens) >= _MAX_PSEUDO_SENTENCE:
            yield tokens, tags
            tokens, tags = [], []
    if tokens:
        yield tokens, tags


def load_europeana(paths: Iterable[Path]) -> list[Example]:
    """Europeana ``TOKEN TAG`` files cut into pseudo-sentences; stray tags become ``O``."""
    examples: list[Example] = []
    for path in sorted(paths):
        lines = path.read_text(encoding="utf-8").splitlines()
        for tokens, tags in _pseudo_sentences(lines):
            group = f"{path.name}:{len(examples)}"
            examples.append(_example_from_tokens(tokens, tags, "europeana", "de", group))
    return examples


def load_presidio(path: Path) -> list[Example]:
    """presidio-research JSON; keeps ``PERSON``, ``LOCATION`` and ``ORGANIZATION`` spans
    (``ADDRESS`` masked),
    groups by sentence index."""
    records = json.loads(path.read_text(encoding="utf-8"))
    examples: list[Example] = []

    def of(rec: dict[str, object], kind: str) -> tuple[Span, ...]:
        spans = rec["spans"]
        assert isinstance(spans, list)
        return tuple(
            sorted((s["start_position"], s["end_position"]) for s in spans
                   if s["entity_type"] == kind)
        )  # fmt: skip

    for i, rec in enumerate(records):
        template = str(rec.get("template_id", ""))
        examples.append(
            Example(
                rec["full_text"],
                of(rec, "PERSON"),
                "presidio",
                "en",
                f"presidio:{i}",
                {"template": template},
                locations=of(rec, "LOCATION"),
                masked=of(rec, "ADDRESS"),
                organizations=of(rec, "ORGANIZATION"),
            )
        )
    return examples


def holdout_split(
    examples: Sequence[Example], fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """Seeded split by ``group``: returns ``(train, held_out)`` with ~``fraction`` held out."""
    groups = sorted({e.group for e in examples})
    rng = random.Random(seed)
    rng.shuffle(groups)
    held = set(groups[: round(len(groups) * fraction)])
    train = [e for e in examples if e.group not in held]
    test = [e for e in examples if e.group in held]
    return train, test
