"""The PDF briefing: WeasyPrint on the standalone HTML, checked through pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
# skipped on a developer's machine without poppler; CI (.ci/run installs it) never skips
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="pdftotext (poppler-utils) not installed",
)


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    db = f"sqlite:///{folder / 's.db'}"
    loaded = runner.invoke(app, ["sample", "load", "--db", db])
    assert loaded.exit_code == 0, loaded.output
    out = folder / "b.pdf"
    result = runner.invoke(
        app,
        [
            "briefing",
            "--place",
            "Aleppo",
            "--date",
            "2016-12-09",
            "--format",
            "pdf",
            "-o",
            str(out),
            "--db",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@needs_pdftotext
def test_pdf_text_holds_the_93_percent_figure_and_its_footnotes(pdf_path: Path) -> None:
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Briefing: Aleppo, 2016-12-09" in text
    assert "93%" in text
    assert "Sources" in text and "The sources" in text
    assert "“93% of Aleppo in Syrian Control”" in text  # the footnote names the source
    assert re.search(r"\[1\]", text)
    assert "reliability not graded" in text  # once, with the source


@needs_pdftotext
def test_pdf_holds_the_failed_checks(pdf_path: Path) -> None:
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "Where sources disagree: none" in text
    checks = text[text.index("Checks that failed") :]
    # the source that contradicts itself is a failed check, quoting both figures
    assert "inconsistent within one source" in checks
    assert "“More than two dozen facilities” and “21 sites”" in checks
    assert "territory_share_vs_mapped" in text
    assert "claimed 93%, mapped 80.7% held" in text
    pages = int(re.search(r"Pages:\s+(\d+)", _info(pdf_path)).group(1))
    # each page's footer says which briefing it belongs to
    assert text.count("Briefing: Aleppo, 2016-12-09 · sitroom") == pages


def _info(pdf_path: Path) -> str:
    return subprocess.run(
        ["pdfinfo", str(pdf_path)], check=True, capture_output=True, text=True
    ).stdout


@needs_pdftotext
def test_pdf_links_footnotes_to_the_excerpts_inside_the_document(pdf_path: Path) -> None:
    dests = subprocess.run(
        ["pdfinfo", "-dests", str(pdf_path)], check=True, capture_output=True, text=True
    ).stdout
    assert '"fn-1"' in dests
    assert re.search(r'"claim-\d+"', dests)  # quotes marked in the appended source texts
    # pdftohtml -xml writes each link annotation as <a href="...#page">
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", str(pdf_path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert len(re.findall(r'<a href="[^"]*#\d+"', xml)) > 10


def test_pdf_needs_an_output_file() -> None:
    result = runner.invoke(
        app, ["briefing", "--place", "Aleppo", "--date", "2016-12-09", "--format", "pdf"]
    )
    assert result.exit_code == 2
    assert "PDF needs a file: add -o FILE.pdf" in result.output


@needs_pdftotext
def test_page_one_holds_the_key_figures_and_the_map(pdf_path: Path) -> None:
    first = " ".join(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf_path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    assert "Window: sources published 3–9 December 2016" in first
    assert "Key figures" in first and "93%, Aleppo, held by Government" in first
    assert "Then: no disagreement and" in first
    assert "Control of Aleppo on 2016-12-09 (mapped)" in first  # the map, on the same page
