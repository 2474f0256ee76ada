"""JSONL records for bulk ingestion: one ``{"id", "text", "metadata"}`` object per line.

A record's id becomes its document key (``record:<id>``) and is returned by search; metadata
``title``, ``path``, ``page`` and ``section`` become citation fields, the rest is kept as is.
Malformed lines raise :class:`~rag.loaders.LoadError` with a reason that never quotes the text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rag.documents import DocumentUnit, SourceDocument, content_hash
from rag.loaders import LoadError


@dataclass
class RecordScan:
    """The ids met while reading one JSONL file, for duplicate checks and ``sync``.

    ``first_line``: each id's document key and the line it first appeared on, kept even when
    the record is invalid otherwise (so ``sync`` keeps its indexed version); ``unknown``:
    lines whose id could not be read at all.
    """

    first_line: dict[str, int] = field(default_factory=dict)
    unknown: int = 0

    def document(self, line: str, number: int, origin: str) -> SourceDocument:
        """The line's record as a document; :class:`LoadError` if malformed or a repeated id."""
        try:
            record = parse_record(line)
        except LoadError:
            self.unknown += 1
            raise
        key = record_key(record)
        if key is None:
            self.unknown += 1
        elif key in self.first_line:
            raise LoadError(f"duplicate id (first on line {self.first_line[key]})")
        else:
            self.first_line[key] = number
        return record_to_document(record, origin)


def parse_record(line: str) -> dict[str, Any]:
    """The JSON object on one JSONL line (:class:`LoadError` if it is not one)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise LoadError("invalid JSON") from None
    if not isinstance(record, dict):
        raise LoadError("record is not an object")
    return record


def record_key(record: Mapping[str, Any]) -> str | None:
    """The document key ``record:<id>`` of a parsed record; None if its id is missing or invalid."""
    record_id = record.get("id")
    if not isinstance(record_id, (str, int)) or isinstance(record_id, bool) or str(record_id) == "":
        return None
    return f"record:{record_id}"


def record_to_document(record: Mapping[str, Any], origin: str) -> SourceDocument:
    """A parsed record as a document (:class:`LoadError` if a field is missing or malformed).

    Metadata ``title``, ``path`` and ``page`` become citation fields; the rest is kept as is.
    """
    key = record_key(record)
    text = record.get("text")
    metadata = record.get("metadata") or {}
    if key is None:
        raise LoadError("missing or invalid id")
    if not isinstance(text, str) or not text.strip():
        raise LoadError("missing or empty text")
    if not isinstance(metadata, dict):
        raise LoadError("metadata is not an object")
    record_id = str(record["id"])
    page = metadata.get("page")
    return SourceDocument(
        key=key,
        title=str(metadata.get("title") or record_id),
        units=[DocumentUnit(text=text, page=page if isinstance(page, int) else None,
                            section=metadata.get("section") if isinstance(metadata.get("section"), str) else None)],
        content_hash=content_hash(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()),
        path=metadata.get("path") if isinstance(metadata.get("path"), str) else None,
        origin=origin,
        record_id=record_id,
        metadata=metadata,
    )
