"""Read files into :class:`SourceDocument` units with citation fields (title, page, section).

PDF (``pypdf``: one unit per page), DOCX (``python-docx``: one unit per heading section,
tables included), HTML (BeautifulSoup: sections by ``h1``-``h6``), Markdown (LangChain's
header splitter) and plain text. A file that cannot be read raises :class:`LoadError` with a
short reason for the ingest summary; the reason never contains document text.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

from rag.documents import DocumentUnit, SourceDocument, content_hash, title_from_name

log = logging.getLogger(__name__)

PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".rst", ".csv", ".log"})
SUPPORTED_SUFFIXES = PDF_SUFFIXES | DOCX_SUFFIXES | HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIPPED_HTML = ("script", "style", "noscript", "template", "svg", "head")


class LoadError(Exception):
    """A file that cannot be ingested; ``reason`` is a short, text-free explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_supported(path: Path) -> bool:
    """True for file types ingestion can read."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise LoadError("binary content")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _load_pdf(data: bytes, path: Path) -> tuple[str, list[DocumentUnit]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError("encrypted PDF")
        units = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if text.strip():
                units.append(DocumentUnit(text=text, page=number))
        meta_title = reader.metadata.title if reader.metadata else None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise LoadError(f"unreadable PDF ({type(exc).__name__})") from None
    title = str(meta_title).strip() if meta_title and str(meta_title).strip() else title_from_name(path.stem)
    return title, units


def _load_docx(data: bytes, path: Path) -> tuple[str, list[DocumentUnit]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"unreadable DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # python-docx raises assorted zipfile/lxml errors on broken files
        raise LoadError(f"unreadable DOCX ({type(exc).__name__})") from None
    title = (document.core_properties.title or "").strip()
    units: list[DocumentUnit] = []
    section: str | None = None
    lines: list[str] = []

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            units.append(DocumentUnit(text=text, section=section))
        lines.clear()

    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if not text:
            continue
        if style == "Title":
            title = title or text
            continue
        if style.startswith("Heading"):
            flush()
            section = text
            continue
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                lines.append(" | ".join(cells))
    flush()
    return title or title_from_name(path.stem), units


def _load_html(data: bytes, path: Path) -> tuple[str, list[DocumentUnit]]:
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment

    soup = BeautifulSoup(_decode(data), "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup.find_all(_SKIPPED_HTML):
        tag.decompose()
    units: list[DocumentUnit] = []
    section: str | None = None
    parts: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(parts).split())
        if text:
            units.append(DocumentUnit(text=text, section=section))
        parts.clear()

    root = soup.body or soup
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        text = str(node).strip()
        if not text:
            continue
        heading = node.find_parent(_HEADINGS)
        if heading is not None:
            heading_text = heading.get_text(" ", strip=True)
            if heading_text != section or parts:
                flush()
                section = heading_text
                title = title or heading_text
            continue
        parts.append(text)
    flush()
    return title or title_from_name(path.stem), units


def _load_markdown(data: bytes, path: Path) -> tuple[str, list[DocumentUnit]]:
    from langchain_text_splitters import MarkdownHeaderTextSplitter

    levels = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
    splitter = MarkdownHeaderTextSplitter(levels, strip_headers=True)
    units = []
    title = ""
    for doc in splitter.split_text(_decode(data)):
        headers = [doc.metadata[k] for _, k in levels if k in doc.metadata]
        title = title or (doc.metadata.get("h1") or "")
        text = doc.page_content.strip()
        if text:
            units.append(DocumentUnit(text=text, section=" > ".join(headers) or None))
    return title or title_from_name(path.stem), units


def _load_text(data: bytes, path: Path) -> tuple[str, list[DocumentUnit]]:
    text = _decode(data)
    return title_from_name(path.stem), ([DocumentUnit(text=text)] if text.strip() else [])


_LOADERS: dict[frozenset[str], Callable[[bytes, Path], tuple[str, list[DocumentUnit]]]] = {
    PDF_SUFFIXES: _load_pdf,
    DOCX_SUFFIXES: _load_docx,
    HTML_SUFFIXES: _load_html,
    MARKDOWN_SUFFIXES: _load_markdown,
    TEXT_SUFFIXES: _load_text,
}


def read_file(path: Path) -> bytes:
    """The file's bytes; :class:`LoadError` when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or type(exc).__name__})") from None


def parse_file(path: Path, data: bytes, *, display_path: str | None = None) -> SourceDocument:
    """Parse a file's bytes by its suffix; :class:`LoadError` for unreadable or empty files."""
    suffix = path.suffix.lower()
    loader = next((fn for suffixes, fn in _LOADERS.items() if suffix in suffixes), None)
    if loader is None:
        raise LoadError(f"unsupported file type '{suffix or '(none)'}'")
    title, units = loader(data, path)
    if not units:
        raise LoadError("no extractable text")
    return SourceDocument(
        key=path.resolve().as_posix(),
        title=title,
        units=units,
        content_hash=content_hash(data),
        path=display_path or path.as_posix(),
    )


def load_file(path: Path, *, display_path: str | None = None) -> SourceDocument:
    """Read and parse one file (see :func:`parse_file`)."""
    return parse_file(path, read_file(path), display_path=display_path)
