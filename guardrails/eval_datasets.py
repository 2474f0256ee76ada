"""Readers for the PII evaluation sets (``../shared/data/pii/``) with labels mapped to ours.

Formats:
- presidio-research JSON (``presidio-generated-large-en.json``): a list of
  ``{"full_text", "spans": [{"entity_type", "start_position", "end_position"}]}``.
- GermEval 2014 TSV (``germeval2014-de-dev.tsv``): ``#`` source lines, then one token per
  line ``index<TAB>token<TAB>outer-BIO<TAB>inner-BIO``, a blank line between sentences. The
  text is rebuilt by joining tokens with single spaces; outer tags only.

Label mapping (dataset -> Tresor entity type); labels not listed are not evaluated:

=====================  =================  ==============================================
dataset label          Tresor type        note
=====================  =================  ==============================================
PERSON, PER            PERSON
ADDRESS                STREET_ADDRESS     street, house number, unit, postcode parts
LOCATION, LOC          LOCATION           countries and cities (``allow`` by default)
ORGANIZATION, ORG      ORGANIZATION       (``allow`` by default)
PHONE_NUMBER           PHONE_NUMBER
EMAIL_ADDRESS          EMAIL_ADDRESS
IBAN_CODE              IBAN_CODE
CREDIT_CARD            CREDIT_CARD
IP_ADDRESS             IP_ADDRESS
US_SSN                 US_SSN
US_DRIVER_LICENSE      US_DRIVER_LICENSE
DATE_TIME              DATE_TIME          (``allow`` by default)
DOMAIN_NAME            URL                (``allow`` by default)
TAX_ID, STEUER_ID      DE_TAX_ID
=====================  =================  ==============================================

Predictions are scored under their own type, except ``PERSONAL_LOCATION`` (a place tied to a
person: residence cues, the town line of an address), which is a ``LOCATION`` of the datasets,
``DATE_OF_BIRTH`` (a date after a birth cue), which is one of their ``DATE_TIME`` spans, and
``PERSONAL_URL`` (someone's own website), which is a ``URL``.

GermEval ``OTH`` and the ``*deriv``/``*part`` tags (``deutsche``, ``EU-weit``) are not
entities of ours and are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from guardrails.evaluation import Example, Span
from guardrails.honorifics import name_part

if TYPE_CHECKING:
    from guardrails.engine import Analysis

LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON", "PER": "PERSON",
    "ADDRESS": "STREET_ADDRESS",
    "LOCATION": "LOCATION", "LOC": "LOCATION",
    "ORGANIZATION": "ORGANIZATION", "ORG": "ORGANIZATION",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IP_ADDRESS": "IP_ADDRESS",
    "US_SSN": "US_SSN",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "DATE_TIME": "DATE_TIME",
    "DOMAIN_NAME": "URL",
    "TAX_ID": "DE_TAX_ID", "STEUER_ID": "DE_TAX_ID",
}  # fmt: skip


#: Tresor types scored as a dataset type (see the module docstring).
PREDICTED_AS: dict[str, str] = {
    "PERSONAL_LOCATION": "LOCATION", "DATE_OF_BIRTH": "DATE_TIME", "PERSONAL_URL": "URL",
}  # fmt: skip


def scored_type(entity_type: str) -> str:
    """The dataset type a prediction of ``entity_type`` is scored as."""
    return PREDICTED_AS.get(entity_type, entity_type)


def predicted_spans(analysis: Analysis) -> list[Span]:
    """What the guard detected in one text (everything ``tresor pii analyze`` reports), as
    spans of the types they are scored as."""
    return [
        Span(d.finding.start, d.finding.end, scored_type(d.finding.entity_type))
        for d in analysis.reported()
    ]


def rewritten_spans(text: str, analysis: Analysis) -> list[Span]:
    """What the guard rewrites in ``text``: the detections it acts on, without a person's
    honorifics (they stay visible, see :mod:`guardrails.honorifics`)."""
    spans = []
    for d in analysis.decisions:
        f = d.finding
        rewritten = name_part(f.entity_type, text[f.start : f.end])
        spans.append(Span(f.end - len(rewritten), f.end, scored_type(f.entity_type)))
    return spans


class DatasetError(ValueError):
    """A dataset file that cannot be read; names the file and line."""


def read_presidio_json(path: Path) -> Iterator[Example]:
    """Examples of a presidio-research JSON file."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DatasetError(f"{path}: not JSON ({exc.__class__.__name__})") from None
    if not isinstance(records, list):
        raise DatasetError(f"{path}: expected a list of examples")
    for i, record in enumerate(records):
        try:
            text = record["full_text"]
            spans = tuple(
                Span(int(s["start_position"]), int(s["end_position"]), LABEL_MAP[s["entity_type"]])
                for s in record.get("spans") or []
                if s["entity_type"] in LABEL_MAP
            )
        except (KeyError, TypeError, ValueError):
            raise DatasetError(f"{path}: example {i}: missing full_text or span fields") from None
        yield Example(text, spans)


def read_germeval_tsv(path: Path) -> Iterator[Example]:
    """Sentences of a GermEval 2014 TSV file."""
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    yield _germeval_example(tokens)
                    tokens = []
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise DatasetError(f"{path}: line {line_no}: expected index, token, tag")
            tokens.append((cols[1], cols[2]))
    if tokens:
        yield _germeval_example(tokens)


def _germeval_example(tokens: list[tuple[str, str]]) -> Example:
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    current: tuple[int, int, str] | None = None
    for token, tag in tokens:
        start = offset
        end = start + len(token)
        prefix, _, label = tag.partition("-")
        mapped = (
            LABEL_MAP.get(label) if label and "deriv" not in label and "part" not in label else None
        )
        if prefix == "I" and current is not None and mapped == current[2]:
            current = (current[0], end, current[2])
        else:
            if current is not None:
                spans.append(Span(*current))
            current = (start, end, mapped) if mapped and prefix in ("B", "I") else None
        parts.append(token)
        offset = end + 1
    if current is not None:
        spans.append(Span(*current))
    return Example(" ".join(parts), tuple(spans))


def read_dataset(path: Path) -> list[Example]:
    """Examples of either format, chosen by the file extension (.json or .tsv)."""
    if path.suffix.lower() == ".json":
        return list(read_presidio_json(path))
    if path.suffix.lower() in (".tsv", ".txt", ".conll"):
        return list(read_germeval_tsv(path))
    raise DatasetError(f"{path}: unknown dataset format (expected .json or .tsv)")
