"""Cut documents into chunks with LangChain's recursive splitter (pure, no I/O).

Chunks never cross a unit boundary, so each keeps its unit's page and section for citations.
Separators prefer paragraph, line and sentence ends over words, for German and English alike.
"""

from __future__ import annotations

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.documents import Chunk, SourceDocument
from rag.settings import ChunkingSettings

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "。", "; ", ": ", ", ", " ", ""]


def make_splitter(settings: ChunkingSettings) -> RecursiveCharacterTextSplitter:
    """The LangChain splitter configured for ``settings`` (sizes in characters)."""
    return RecursiveCharacterTextSplitter(
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        separators=SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def split_document(
    doc: SourceDocument, settings: ChunkingSettings, splitter: RecursiveCharacterTextSplitter | None = None
) -> list[Chunk]:
    """The document's chunks in order; presplit units become one chunk each, ids kept."""
    chunks: list[Chunk] = []
    if doc.presplit:
        for i, unit in enumerate(doc.units):
            if unit.text.strip():
                unit_id = doc.unit_ids[i] if doc.unit_ids else None
                chunks.append(Chunk(unit.text.strip(), len(chunks), unit.page, unit.section, unit_id))
        return chunks
    splitter = splitter or make_splitter(settings)
    for unit in doc.units:
        for piece in splitter.split_text(unit.text):
            text = piece.strip()
            if text:
                chunks.append(Chunk(text, len(chunks), unit.page, unit.section, doc.record_id))
    return chunks


def embedding_text(title: str | None, section: str | None, text: str) -> str:
    """What the embedder sees: the chunk under its title and section heading.

    A short heading line places a chunk in its document, which lifts retrieval of chunks that
    never name their subject (measured in docs/retrieval.md).
    """
    heading = " / ".join(h for h in (title, section) if h and h.strip())
    if not heading or text.startswith(heading):
        return text
    return f"{heading}. {text}"
