"""The HTML briefing and the highlighting of quotes in source text."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.report.html import MarkSpan, highlight

runner = CliRunner()


def test_highlight_escapes_text_and_label() -> None:
    html = highlight('a <b> & "c"', [MarkSpan(1, 2, 5, 'x: <"y">')])
    assert html == (
        'a <mark id="claim-1" class="claim" data-claim="1" '
        'data-label="x: &lt;&#34;y&#34;&gt;" title="x: &lt;&#34;y&#34;&gt;">'
        "&lt;b&gt;</mark> &amp; &#34;c&#34;"
    )


def test_highlight_nests_a_span_inside_another() -> None:
    html = highlight(
        "control of 93% of Aleppo", [MarkSpan(2, 11, 14, "share"), MarkSpan(1, 0, 24, "whole")]
    )
    assert re.sub(r" (class|data-\w+|title)=\"[^\"]*\"", "", html) == (
        '<mark id="claim-1">control of <mark id="claim-2">93%</mark> of Aleppo</mark>'
    )


def test_highlight_splits_crossing_spans_keeping_one_id_each() -> None:
    html = highlight("abcdef", [MarkSpan(1, 0, 4, "a"), MarkSpan(2, 2, 6, "b")])
    bare = re.sub(r" (data-label|title)=\"[^\"]*\"", "", html)
    assert bare == (
        '<mark id="claim-1" class="claim" data-claim="1">ab'
        '<mark id="claim-2" class="claim" data-claim="2">cd</mark></mark>'
        '<mark class="claim cont" data-claim="2">ef</mark>'
    )


def test_highlight_clips_spans_outside_the_text_and_drops_empty_ones() -> None:
    html = highlight(
        "abc", [MarkSpan(1, 2, 10, "x"), MarkSpan(2, 1, 1, "y"), MarkSpan(3, 7, 9, "z")]
    )
    assert html.count("<mark") == 1
    assert html.startswith('ab<mark id="claim-1"')
    assert html.endswith(">c</mark>")


def test_highlight_same_start_puts_the_longer_outside() -> None:
    html = highlight("93% of it", [MarkSpan(1, 0, 3, "short"), MarkSpan(2, 0, 9, "long")])
    assert html.index('id="claim-2"') < html.index('id="claim-1"')
    assert html.count("</mark>") == 2


def test_standalone_html_file_links_footnotes_to_the_highlighted_source_texts(
    sample_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "b.html"
    result = runner.invoke(
        app,
        [
            "briefing",
            "--place",
            "Aleppo",
            "--date",
            "2016-12-09",
            "--format",
            "html",
            "-o",
            str(out),
            "--db",
            sample_db,
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "@media print" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'href="/' not in html  # nothing points at a server
    anchors = set(re.findall(r' id="([^"]+)"', html))
    targets = set(re.findall(r' href="#([^"]+)"', html))
    assert targets <= anchors  # every link lands inside the file
    appendix = html[html.index('<section class="appendix"') :]
    # the whole canonical report is there, without its web page's furniture, each quote
    # the footnotes link to marked in it
    assert "have left Aleppo voluntarily" in appendix and "Read our comment policy" not in appendix
    quoted = {t for t in targets if t.startswith("claim-")}
    assert quoted and all(f'<mark id="{t}"' in appendix for t in quoted)
    assert re.search(r'<mark id="claim-\d+" class="claim"[^>]*>93%</mark>', appendix)
    # the footnote's sentence is quoted once, not with the source's own marks doubled
    assert "““" not in html and "””" not in html


def test_standalone_html_to_stdout(sample_db: str) -> None:
    result = runner.invoke(
        app,
        [
            "briefing",
            "--place",
            "Aleppo",
            "--date",
            "2016-12-09",
            "--format",
            "html",
            "--db",
            sample_db,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "<h1>Briefing: Aleppo, 2016-12-09</h1>" in result.stdout
    assert 'class="topbar"' not in result.stdout


def test_html_briefing_holds_the_control_map_and_movement_charts(sample_db: str) -> None:
    result = runner.invoke(
        app,
        [
            "briefing",
            "--place",
            "Aleppo",
            "--date",
            "2016-12-14",
            "--format",
            "html",
            "--db",
            sample_db,
        ],
    )
    assert result.exit_code == 0, result.output
    html = result.stdout
    # the first screen: key figures, then the map under them, before any section
    first = html[html.index('id="key-figures"') : html.index('id="section-control"')]
    assert '<figure class="map first"><svg' in first
    assert "Held by Government of Syria and allies" in first  # the map's legend
    assert first.index('class="key-figures"') < first.index('<figure class="map first">')
    movements = html[html.index('id="section-movements"') :]
    # each movement indicator with series: a chart of its series of several points, a line
    # of text for each of one point
    assert (
        movements.count('<figure class="chart"><svg') + movements.count('class="chart-points"') >= 2
    )
