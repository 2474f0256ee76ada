"""What ingestion works on: loaded documents and their chunks (plain data, no I/O)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentUnit:
    """A piece of a document that carries its own citation: a PDF page, a section, a record."""

    text: str
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """A document ready to chunk: identity, citation fields and text units.

    ``key`` identifies the document in the index (absolute path, or ``record:<id>``);
    ``path`` is what citations show; ``origin`` groups documents for ``--sync`` (the JSONL
    file a record came from). ``presplit`` units are used as chunks as they are.
    """

    key: str
    title: str
    units: list[DocumentUnit]
    content_hash: str
    path: str | None = None
    origin: str | None = None
    record_id: str | None = None
    unit_ids: list[str] | None = None
    presplit: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def text_length(self) -> int:
        """Characters of text over all units."""
        return sum(len(u.text) for u in self.units)


@dataclass(frozen=True)
class Chunk:
    """One chunk of a document, in document order, with its citation fields."""

    text: str
    index: int
    page: int | None = None
    section: str | None = None
    chunk_id: str | None = None


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest of a file's bytes or a record's canonical JSON."""
    return hashlib.sha256(data).hexdigest()


def title_from_name(stem: str) -> str:
    """A readable title from a file name: ``quarterly_report-2024`` -> ``quarterly report 2024``."""
    cleaned = stem.replace("_", " ").replace("-", " ").strip()
    return " ".join(cleaned.split()) or stem
