"""A report file's text and its own metadata, by file type: text, web page, PDF.

A text file is its text. A web page's main text is what trafilatura, made for this, takes
from it: navigation, comments, related links, share buttons and captions repeated as text
are left out; its title, date, site name and address come from the page's markup (a date
only from markup made for it, never guessed from the text). A PDF's text is read page by
page with pdfplumber (bench/pdf_text.py measured it against pypdf), in the order the page
is written, lines joined into paragraphs where the spacing says so, running page numbers
left out; where each page starts is kept so a footnote can say "p. 3". A PDF without a
text layer (a scan) is refused: there is no OCR here.

Paragraphs are separated by a blank line in every case: the extractor's sentence and
heading boundaries follow them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.domain import InputError

TEXT, HTML, PDF = "text/plain", "text/html", "application/pdf"
CSV, XLSX = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {".txt": TEXT, ".html": HTML, ".htm": HTML, ".pdf": PDF, ".csv": CSV, ".xlsx": XLSX}
DATASETS = (CSV, XLSX)  # spreadsheets: their claims are their cells (ingest/datasets.py)


@dataclass(frozen=True)
class Document:
    """What a file says: its text and what it says of itself (None where it is silent)."""

    text: str
    media_type: str
    title: str | None = None
    published_at: date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    pages: tuple[int, ...] = ()  # offset in `text` where each page starts


def media_type_of(path: Path) -> str | None:
    """The media type sitroom reads `path` as, by its suffix; None for one it does not read."""
    return MEDIA_TYPES.get(path.suffix.lower())


def require_readable(path: Path) -> str:
    """The media type sitroom reads `path` as; InputError for a type it does not read."""
    kind = media_type_of(path)
    if kind is None:
        raise InputError(
            path,
            None,
            None,
            f'"{path.suffix}" is not a report type sitroom reads',
            hint="give a .txt, .html or .pdf report, or a .csv or .xlsx HXL dataset",
        )
    return kind


def read_document(path: Path, raw: bytes) -> Document:
    """The text and own metadata of the file `path` whose bytes are `raw`.

    Raises InputError naming the file for bytes that are not what the suffix says, or
    that hold no text."""
    document = _READERS[require_readable(path)](path, raw)
    if not document.text.strip():
        raise InputError(path, None, None, "no text", hint="the file is empty or only blanks")
    return document


def _read_text(path: Path, raw: bytes) -> Document:
    return Document(_decoded(path, raw), TEXT)


def _decoded(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            path, None, None, f"is not UTF-8 text (byte {err.start})", hint="convert it to UTF-8"
        ) from err
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(path, line, None, "holds a NUL byte", hint="is it a text file?")
    return text


def _read_html(path: Path, raw: bytes) -> Document:
    import trafilatura
    import trafilatura.settings

    if b"\x00" in raw:
        raise InputError(path, None, None, "holds a NUL byte", hint="is it a web page?")
    found = trafilatura.bare_extraction(
        raw,
        url=None,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        # the date from the markup made for it (meta tags, <time>), not guessed from text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(found, trafilatura.settings.Document) or not (found.text or "").strip():
        raise InputError(
            path, None, None, "holds no main text a reader would see", hint="is it a web page?"
        )
    paragraphs = [line.strip() for line in (found.text or "").splitlines() if line.strip()]
    return Document(
        text="\n\n".join(paragraphs) + "\n",
        media_type=HTML,
        title=_clean(found.title),
        published_at=_day(found.date),
        publisher=_clean(found.sitename),
        url=_clean(found.url),
        language=_html_language(raw),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _html_language(raw: bytes) -> str | None:
    found = _LANG.search(raw[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def _read_pdf(path: Path, raw: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            meta = dict(pdf.metadata or {})
            page_lines = [
                _lines(page.extract_words(use_text_flow=True, extra_attrs=["size"]))
                for page in pdf.pages
            ]
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as err:
        raise InputError(path, None, None, f"is not a PDF sitroom can read ({err})") from err
    if not any(page_lines):
        raise InputError(
            path,
            None,
            None,
            "has no text layer (a scanned PDF?)",
            hint="sitroom does no OCR: run OCR first (ocrmypdf) and import its output",
        )
    text, pages = "", []
    for lines in _without_running_lines(page_lines):
        paragraphs = _paragraphs(lines)
        if text and paragraphs:  # a sentence going on over the page joins with a space
            text += " " if _continues(text, paragraphs[0]) else "\n\n"
        pages.append(len(text))
        text += "\n\n".join(paragraphs)
    return Document(
        text=text + "\n",
        media_type=PDF,
        title=_clean(meta.get("Title")),
        published_at=_pdf_day(meta.get("CreationDate")),
        publisher=None,  # a PDF's Author is a person or a program more often than a publisher
        url=None,
        language=None,
        pages=tuple(pages),
    )


def _pdf_day(value: Any) -> date | None:
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if not isinstance(text, str):
        return None
    found = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", text)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    bottom: float
    size: float
    x0: float = 0.0
    x1: float = 0.0
    marker: bool = False  # a list marker drawn on its own, before or after its item


# Glyphs a list draws before its items; a line of nothing else is the marker alone.
_MARKERS = frozenset("•◦▪▫■□●○‣⁃-–—*·")


def _lines(words: Sequence[dict[str, Any]]) -> list[_Line]:
    """Words in the order the page writes them, grouped into lines."""
    lines: list[_Line] = []
    current: list[dict[str, Any]] = []

    def close() -> None:
        if current:
            text = " ".join(w["text"] for w in current)
            if text.strip():
                lines.append(
                    _Line(
                        text,
                        min(w["top"] for w in current),
                        max(w["bottom"] for w in current),
                        max(float(w.get("size", 0)) for w in current),
                        min(w["x0"] for w in current),
                        max(w["x1"] for w in current),
                        marker=set(text.replace(" ", "")) <= _MARKERS,
                    )
                )
            current.clear()

    for word in words:
        if current and abs(word["top"] - current[-1]["top"]) > 0.5 * float(word.get("size") or 1):
            close()
        current.append(word)
    close()
    return lines


def _paragraphs(lines: Sequence[_Line]) -> list[str]:
    """Lines joined into paragraphs: a new one where the gap above a line is wider than a
    line's spacing, where the text goes back up (a new column or frame) other than in the
    middle of a sentence, where the type size changes (a heading) or where a list marker
    stands before the line (in it, or drawn on its own)."""
    markers = [line for line in lines if line.marker]
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in (line for line in lines if not line.marker):
        height = max(line.bottom - line.top, 1.0)
        new = (
            previous is None
            or (line.top < previous.top and not _continues(previous.text, line.text))
            or line.top - previous.bottom > 0.6 * height
            or abs(line.size - previous.size) > 0.5
            or line.text[:1] in _MARKERS
            or any(_marks(marker, line, height) for marker in markers)
        )
        if new:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        previous = line
    return [_joined(p) for p in paragraphs]


def _marks(marker: _Line, line: _Line, height: float) -> bool:
    """Whether a list marker stands just before the line, on its height."""
    return abs(marker.top - line.top) < 0.5 * height and 0 <= line.x0 - marker.x1 < 3 * height


def _continues(before: str, after: str) -> bool:
    """Whether text going on at the top of a new column or frame goes on a sentence."""
    return not before.rstrip().endswith((".", "!", "?", ":", ";", "”", '"', "’")) and bool(after)


def _joined(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # a line ending in a hyphen continues the word ("Al-" "Amriyeh", "self-" "reliance")
        text += line if text.endswith("-") else " " + line
    return text


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without their running lines: a page's first or last line that recurs on
    every page once its digits are set aside ("Page 3", "OCHA Situation Report | 2"), and
    a last line that is little more than the page's number."""

    def shape(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    running: set[str] = set()
    if len(pages) > 1:
        for where in (0, -1):
            shapes = {shape(p[where]) for p in pages if p}
            if len(shapes) == 1 and all(p for p in pages):
                running |= shapes
    kept = []
    for number, lines in enumerate(pages, start=1):
        lines = [
            line
            for n, line in enumerate(lines)
            if not ((n == 0 or n == len(lines) - 1) and shape(line) in running)
        ]
        if lines and _is_page_number(lines[-1].text, number, len(pages)):
            lines = lines[:-1]
        kept.append(lines)
    return kept


def _is_page_number(text: str, number: int, count: int) -> bool:
    """Whether a line is a page's number: "3", "Page 3", "3 / 12", "Seite 3 von 12"."""
    words = text.split()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return 0 < len(words) <= 4 and numbers in ([number], [number, count])


def _read_sheet(path: Path, raw: bytes) -> Document:
    from sitroom.ingest.datasets import sheet_text

    return Document(sheet_text(path, raw), media_type_of(path) or CSV)


_READERS: dict[str, Callable[[Path, bytes], Document]] = {
    TEXT: _read_text,
    HTML: _read_html,
    PDF: _read_pdf,
    CSV: _read_sheet,
    XLSX: _read_sheet,
}
