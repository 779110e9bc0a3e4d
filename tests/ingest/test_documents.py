"""Web pages and PDFs in: their main text, their own metadata, their pages, the original."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.domain import InputError
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.documents import HTML, PDF, read_document
from sitroom.ingest.reports import import_reports, read_report
from sitroom.report.build import briefing_for
from sitroom.report.markdown import render_markdown
from sitroom.store.database import Store
from sitroom.store.sources import get_original, get_source

SAMPLE = Path(__file__).parents[2] / "src" / "sitroom" / "sample"
RUDSKOY = SAMPLE / "reports" / "aleppo-2016-12-09-rudskoy"
DOCUMENTS = Path(__file__).parents[1] / "data" / "documents"
OCHA_PDF = DOCUMENTS / "ocha-aleppo-sitrep-07.pdf"
OCHA_TXT = SAMPLE / "reports" / "aleppo-2016-12-14-ocha-aleppo-sitrep-07.txt"
DTM_PDF = DOCUMENTS / "iom-dtm-sudan-sitrep-13.pdf"
DTM_TXT = SAMPLE / "world" / "reports" / "sudan-2023-07-18-iom-dtm-sitrep-13.txt"
# the furniture the scraped text holds, and more the page around it holds
SCRAPED_FURNITURE = ("Add new comment", "Read our comment policy")
PAGE_FURNITURE = ("Related news", "Share on", "Search this site", "All rights reserved")
CAPTION = "A Russian specialist clearing Aleppo of mines"
READING = (  # what a claim is, offsets aside
    "indicator", "value", "qualifier", "unit", "group", "place", "origin", "destination",
    "subject", "window", "window_start", "window_end", "claimant", "quote",
)  # fmt: skip


def _readings(text: str, published: date) -> list[tuple[object, ...]]:
    claims = extract_claims(text, published, bundled_gazetteer())
    return [tuple(getattr(c, name) for name in READING) for c in claims]


def test_the_rudskoy_page_gives_todays_claims_without_its_furniture() -> None:
    scraped = RUDSKOY.with_suffix(".txt").read_text(encoding="utf-8")
    page = read_report(RUDSKOY.with_suffix(".html"))
    assert page.media_type == HTML and page.text
    raw = RUDSKOY.with_suffix(".html").read_text(encoding="utf-8")
    for words in SCRAPED_FURNITURE:
        assert words in scraped and words not in page.text, words
    for words in PAGE_FURNITURE:
        assert words in raw and words not in page.text, words
    assert CAPTION + CAPTION in scraped and CAPTION not in page.text
    assert page.title == "93% of Aleppo in Syrian Control"
    assert page.published_at == date(2016, 12, 9)
    day = date(2016, 12, 9)
    assert _readings(page.text, day) == _readings(scraped, day)
    assert page.original == RUDSKOY.with_suffix(".html").read_bytes()
    assert page.sha256 == hashlib.sha256(page.original).hexdigest()


def test_a_page_without_meta_json_gives_its_own_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copyfile(RUDSKOY.with_suffix(".html"), page)
    source = read_report(page)
    assert (source.title, source.published_at, source.language) == (
        "93% of Aleppo in Syrian Control",
        date(2016, 12, 9),
        "en",
    )
    (tmp_path / "page.meta.json").write_text(
        json.dumps({"title": "Rudskoy briefing", "published_at": "2016-12-10"}), "utf-8"
    )
    own = read_report(page)  # the file's own .meta.json wins
    assert (own.title, own.published_at) == ("Rudskoy briefing", date(2016, 12, 10))


def test_a_page_without_a_date_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><body><article><h1>Update</h1><p>Some 4,000 people were displaced from "
        "the city over the past week, the agency said in its update.</p></article>"
        "</body></html>",
        "utf-8",
    )
    with pytest.raises(InputError) as refused:
        read_report(page)
    assert refused.value.field == "published_at" and "no publication date" in str(refused.value)


def test_a_pdf_keeps_its_reading_order_and_its_pages() -> None:
    document = read_document(OCHA_PDF, OCHA_PDF.read_bytes())
    assert document.media_type == PDF and len(document.pages) == 2
    page_two = document.text[document.pages[1] :]
    assert page_two.startswith("Situation Overview")
    # each paragraph of the report, whole and in order, across the two columns
    at = 0
    for paragraph in OCHA_TXT.read_text(encoding="utf-8").split("\n\n")[1:]:
        words = " ".join(paragraph.replace("•", "").split())
        found = document.text.find(words, at)
        assert found >= at, words
        at = found + len(words)
    assert _readings(document.text, date(2016, 12, 14)) == _readings(
        OCHA_TXT.read_text(encoding="utf-8"), date(2016, 12, 14)
    )


def test_a_table_reads_row_by_row_and_columns_in_order() -> None:
    text = read_document(DTM_PDF, DTM_PDF.read_bytes()).text
    assert "\n\nRiver Nile 16.38%\n\nNorthern 13.73%\n\n" in text
    original = " ".join(DTM_TXT.read_text(encoding="utf-8").split())
    for sentence in (
        "The current total estimate of recently displaced individuals across Sudan has "
        "reached 2,613,036 Individuals (523,142 Households).",
        "DTM Sudan also estimates that approximately 3.84% of the IDP caseload are "
        "non-Sudanese nationals.*",
    ):
        assert sentence in original and sentence in text


def test_footnotes_of_a_pdf_name_the_page(store: Store) -> None:
    import_reports(store, [OCHA_PDF], given=_given(date(2016, 12, 14), "UN OCHA"))
    briefing = briefing_for(store, "Aleppo", date(2016, 12, 14))
    pages = {e.quote: e.page for note in briefing.footnotes for e in note.evidence}
    assert pages["5 per cent"] == 2 and pages["at least 39,250 IDPs"] == 1
    assert "“5 per cent”, p. 2" in render_markdown(briefing)
    with store.session() as session:
        source = get_source(session, 1)
        media_type, original = get_original(session, 1) or ("", b"")
    assert (source.media_type, media_type) == (PDF, PDF)
    assert (
        original == OCHA_PDF.read_bytes() and source.sha256 == hashlib.sha256(original).hexdigest()
    )
    assert source.pages == (0, source.text.index("Situation Overview") if source.text else -1)


def _given(day: date, publisher: str):  # type: ignore[no-untyped-def]
    from sitroom.ingest.reports import Metadata

    return Metadata(published_at=day, publisher=publisher)


def test_a_scan_without_text_is_refused_with_that_reason(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scan.open("wb") as out:
        writer.write(out)
    with pytest.raises(InputError) as refused:
        read_document(scan, scan.read_bytes())
    assert "no text layer" in str(refused.value) and "OCR" in str(refused.value)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    with pytest.raises(InputError) as bad:
        read_document(broken, broken.read_bytes())
    assert "broken.pdf" in str(bad.value)


def test_import_takes_a_folder_of_pages_and_pdfs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(RUDSKOY.with_suffix(".html"), folder / "rudskoy.html")
    shutil.copyfile(OCHA_PDF, folder / "ocha.pdf")
    (folder / "ocha.meta.json").write_text(
        json.dumps({"published_at": "2016-12-14", "publisher": "UN OCHA"}), "utf-8"
    )
    (folder / "notes.md").write_text("not a report", "utf-8")
    url = f"sqlite:///{tmp_path / 'f.db'}"
    runner = CliRunner()
    done = runner.invoke(app, ["import", "-q", str(folder), "--db", url])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("2 new, 0 unchanged")
    again = runner.invoke(app, ["import", "-q", str(folder), "--db", url])
    assert again.output.startswith("0 new, 2 unchanged")
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = runner.invoke(app, ["import", str(empty), "--db", url])
    assert refused.exit_code == 1 and "holds no report" in refused.output


def test_bytes_that_are_not_what_the_suffix_says_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(io.BytesIO(b"<html>hello</html>").getvalue())
    with pytest.raises(InputError) as refused:
        read_document(fake, fake.read_bytes())
    assert "fake.pdf" in str(refused.value)
