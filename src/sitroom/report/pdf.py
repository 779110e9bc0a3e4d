"""The briefing as PDF: WeasyPrint lays out the standalone HTML briefing.

Footnotes link inside the document to the appendix of source texts, where the quote is
highlighted; WeasyPrint turns those fragment links into PDF internal links. WeasyPrint
needs pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); it fetches nothing, since the
HTML inlines its stylesheet and names no external resource.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitroom.report.html import appendix_url, render_html
from sitroom.report.model import Briefing


def render_pdf(briefing: Briefing, texts: Mapping[int, str] | None = None) -> bytes:
    """The briefing as the bytes of a PDF file (A4, page numbers, linked footnotes), ending
    with the sources' `texts` (see `render_html`)."""
    from weasyprint import HTML  # imported here: loading pango costs a second per process

    html = render_html(briefing, standalone=True, source_url=appendix_url, texts=texts)
    pdf: bytes = HTML(string=html, base_url=None).write_pdf()
    return pdf
