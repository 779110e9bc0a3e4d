"""Typeset real report texts as PDF situation reports, OCHA style, with WeasyPrint.

We hold no PDF of these reports that we may redistribute, so the test PDFs are made here
from the reports' texts (bundled in sitroom's sample, see SOURCES.md): a title band, the
report's bullets as a list, the body in two columns, page numbers in the margin, and,
where given, a table of figures the text itself states. The words are the reports'; the
layout is ours. Run: python tests/data/documents/make_pdfs.py (writes the PDFs beside it).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).parent
SAMPLE = HERE.parents[2] / "src" / "sitroom" / "sample"

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-right { content: "Page " counter(page); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; }
header { background: #1f5a96; color: #fff; padding: 6mm; margin-bottom: 5mm; }
header h1 { font-size: 15pt; margin: 0; } header p { margin: 1mm 0 0; font-size: 9pt; }
.highlights { border: 1px solid #1f5a96; padding: 3mm 5mm; margin-bottom: 5mm; }
.highlights h2 { font-size: 10pt; color: #1f5a96; margin: 0 0 1mm; }
.columns { columns: 2; column-gap: 8mm; }
.highlights + .columns { break-before: page; }
h2 { font-size: 11pt; color: #1f5a96; }
table { border-collapse: collapse; margin: 3mm 0; break-inside: avoid; }
td, th { border: 1px solid #999; padding: 1mm 2mm; font-size: 8.5pt; text-align: left; }
"""


def _is_bullet(line: str) -> bool:
    return line[:1] in "•-"


def _is_heading(line: str) -> bool:
    return len(line) < 60 and not line.endswith((".", ":", ";", ","))


def _body(lines: list[str]) -> list[str]:
    """Each line of the text a paragraph, a heading or an item of a list (a run of bullets)."""
    html_blocks: list[str] = []
    items: list[str] = []
    for line in [*lines, ""]:
        if line and _is_bullet(line):
            items.append(f"<li>{html.escape(line[1:].strip())}</li>")
            continue
        if items:
            html_blocks.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if not line:
            continue
        tag = "h2" if _is_heading(line) else "p"
        html_blocks.append(f"<{tag}>{html.escape(line)}</{tag}>")
    return html_blocks


def sitrep_html(text: str, subtitle: str, table: list[tuple[str, str]] | None = None) -> str:
    """The report as an HTML page for WeasyPrint: each line of its text a paragraph, as
    the scraped texts have them; a short first line the title band; the bullets right
    after it the highlights box; the rest in two columns; `table` (label, figure) after
    the second paragraph of the body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = ""
    if lines and len(lines[0]) < 160 and not _is_bullet(lines[0]):
        title, lines = lines[0], lines[1:]
    highlights = []
    while lines and _is_bullet(lines[0]):
        highlights, lines = [*highlights, lines[0]], lines[1:]
    body = _body(lines)
    if table:
        rows = "".join(
            f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>" for a, b in table
        )
        body.insert(min(2, len(body)), f"<table><tbody>{rows}</tbody></table>")
    box = (
        f'<section class="highlights"><h2>Highlights</h2>{"".join(_body(highlights))}</section>'
        if highlights
        else ""
    )
    return (
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
        + (f"<header><h1>{html.escape(title)}</h1>" if title else "<header>")
        + (f"<p>{html.escape(subtitle)}</p></header>" if subtitle else "</header>")
        + f"{box}<div class='columns'>{''.join(body)}</div></body></html>"
    )


def write_pdf(html_text: str, path: Path) -> Path:
    from weasyprint import HTML

    HTML(string=html_text).write_pdf(path)
    return path


# The test fixtures: (file, report text, subtitle, table of the text's own figures)
FIXTURES = (
    (
        "ocha-aleppo-sitrep-07.pdf",
        SAMPLE / "reports" / "aleppo-2016-12-14-ocha-aleppo-sitrep-07.txt",
        "Issued by the UN Office for the Coordination of Humanitarian Affairs, 14 December 2016",
        None,
    ),
    (
        "iom-dtm-sudan-sitrep-13.pdf",
        SAMPLE / "world" / "reports" / "sudan-2023-07-18-iom-dtm-sitrep-13.txt",
        "IOM Displacement Tracking Matrix, 18 July 2023",
        [
            ("River Nile", "16.38%"),
            ("Northern", "13.73%"),
            ("White Nile", "10.25%"),
            ("Sennar", "8.08%"),
        ],
    ),
)


def main() -> None:
    for name, report, subtitle, table in FIXTURES:
        text = report.read_text(encoding="utf-8")
        path = write_pdf(sitrep_html(text, subtitle, table), HERE / name)
        print(path, path.stat().st_size, file=sys.stderr)


if __name__ == "__main__":
    main()
