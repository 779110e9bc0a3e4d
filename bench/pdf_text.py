"""Which PDF library keeps a situation report's text in reading order: pdfplumber or pypdf.

Every report text bundled with sitroom (Aleppo and world samples) is typeset as an
OCHA-style PDF (tests/data/documents/make_pdfs.py: title band, bullets in a highlights
box, body in two columns, a table in the DTM report), then read back by:

- sitroom: pdfplumber's words in the order the page writes them, joined into lines and
  paragraphs by their positions (ingest/documents.py), running page numbers dropped;
- pdfplumber: `page.extract_text()` as it comes (lines across the page, left to right);
- pypdf: `page.extract_text()` as it comes (the content stream's order).

Scores, per reader: the report's paragraphs found whole, in order (a paragraph is whole
when its words follow each other in the PDF's text, whitespace aside); claims extracted
from the PDF's text that equal those of the original text (indicator, value, place, window,
claimant, quote...: F1); seconds to read all PDFs (the first read loads the library).

Run: python bench/pdf_text.py
"""

from __future__ import annotations

import io
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "documents"))

from make_pdfs import sitrep_html  # noqa: E402

from sitroom.extract.pipeline import extract_claims  # noqa: E402
from sitroom.geo.bundled import bundled_gazetteer  # noqa: E402
from sitroom.ingest.documents import read_document  # noqa: E402
from sitroom.ingest.reports import read_report  # noqa: E402
from sitroom.ingest.sample import samples  # noqa: E402

FIELDS = ("indicator", "value", "unit", "group", "place", "window", "claimant", "quote")


def sitroom_reader(raw: bytes) -> str:
    return read_document(Path("x.pdf"), raw).text


def pdfplumber_reader(raw: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return "\n\n".join(page.extract_text() or "" for page in pdf.pages)


def pypdf_reader(raw: bytes) -> str:
    from pypdf import PdfReader

    return "\n\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


READERS: dict[str, Callable[[bytes], str]] = {
    "sitroom (pdfplumber, positions)": sitroom_reader,
    "pdfplumber extract_text": pdfplumber_reader,
    "pypdf extract_text": pypdf_reader,
}


def _words(text: str) -> str:
    return " ".join(text.replace("•", " ").split()).removeprefix("- ")


def paragraphs_in_order(original: str, read: str) -> tuple[int, int]:
    """(paragraphs found whole and after the one before, paragraphs)."""
    flat, at, found = _words(read), 0, 0
    paragraphs = [p for p in original.splitlines() if p.strip()]  # a line is a paragraph
    for paragraph in paragraphs:
        words = _words(paragraph)
        where = flat.find(words, at)
        if where >= 0:
            found += 1
            at = where + len(words)
    return found, len(paragraphs)


def readings(text: str, day: date) -> Counter[tuple[object, ...]]:
    claims = extract_claims(text, day, bundled_gazetteer())
    return Counter(tuple(_words(str(getattr(c, f))) for f in FIELDS) for c in claims)


def main() -> None:
    from weasyprint import HTML

    reports = sorted(p for s in samples() for p in (s.folder / "reports").glob("*.txt"))
    made: list[tuple[str, date, bytes]] = []
    for path in reports:
        text = path.read_text(encoding="utf-8")
        day = read_report(path).published_at
        pdf = HTML(string=sitrep_html(text, "")).write_pdf()
        made.append((text, day, pdf))
    print(f"{len(made)} reports typeset as PDF, {sum(len(m[2]) for m in made):,} bytes\n")
    print("| reader | paragraphs whole, in order | claims as from the text (F1) | seconds |")
    print("|---|---:|---:|---:|")
    for name, reader in READERS.items():
        found = total = 0
        same = got = want = 0
        seconds = 0.0
        for text, day, pdf in made:
            start = time.perf_counter()
            read = reader(pdf)
            seconds += time.perf_counter() - start
            f, t = paragraphs_in_order(text, read)
            found, total = found + f, total + t
            a, b = readings(text, day), readings(read, day)
            same, want, got = (
                same + sum((a & b).values()),
                want + sum(a.values()),
                got + sum(b.values()),
            )
        f1 = 2 * same / (want + got) if want + got else 0.0
        print(
            f"| {name} | {found}/{total} ({found / total:.1%}) | {f1:.3f} ({same} of {want}) "
            f"| {seconds:.3f} |"
        )


if __name__ == "__main__":
    main()
