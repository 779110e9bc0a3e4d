"""Charts of series over days, as inline SVG for the HTML/PDF briefing or PNG for the CLI.

Drawn with matplotlib's object API (no pyplot: no global state, safe in a web server),
text as paths so the SVG needs no font on the reader's machine, and a fixed hash salt
and no date stamp so the same series always give the same SVG text.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.analysis.series import Series
from sitroom.domain import FlowOrStock

# tab10 without its grey, so no claimant's line reads as a gridline
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)
MOVEMENT_PREFIX = "people."
_UNIT_AXIS = {"people": "people", "percent": "% of the area", "tonnes": "tonnes"}


_STYLE: dict[Any, Any] = {  # Any: matplotlib types the keys as one long Literal
    "svg.hashsalt": "sitroom",  # stable element ids: the same chart, the same text
    "font.family": "DejaVu Sans",  # ships with matplotlib, so it always exists
    # labels are claimants' and publishers' names as sources wrote them: "$\x$" is text,
    # not mathtext that fails the whole briefing
    "text.parse_math": False,
}


Days = tuple[date, date]  # the first and last day a chart must show


def _save(
    series_list: Sequence[Series], title: str, target: Any, fmt: str, days: Days | None
) -> None:
    """Draw and save; the style holds only inside, so no global matplotlib state changes."""
    from matplotlib import rc_context

    with rc_context(_STYLE):
        figure = _figure(series_list, title, days)
        if fmt == "svg":
            figure.savefig(target, format="svg", metadata={"Date": None})
        else:
            figure.savefig(target, format=fmt, dpi=120)


def _figure(series_list: Sequence[Series], title: str, days: Days | None) -> Any:  # a Figure
    from matplotlib.dates import (
        AutoDateLocator,
        ConciseDateFormatter,
        DateFormatter,
        DayLocator,
        date2num,
    )
    from matplotlib.figure import Figure
    from matplotlib.ticker import StrMethodFormatter

    drawn = [s for s in series_list if s.points]
    # the legend sits under the plot, a line per claimant, so it never hides a point
    figure = Figure(figsize=(8, 3.6 + 0.2 * len(drawn)), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    speakers = sorted({s.speaker for s in series_list})
    colour = {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(speakers)}
    # a claimant's several series (all people, children) share its colour, told apart
    # by marker and line
    nth: dict[str, int] = {}
    for series in drawn:
        style = nth[series.speaker] = nth.get(series.speaker, -1) + 1
        x = date2num([p.day for p in series.points])  # type: ignore[no-untyped-call]
        y = [p.value for p in series.points]
        cumulative = series.kind is FlowOrStock.FLOW
        # a stock holds its value until the next statement; a flow's total until the next window
        label = series.label + (" (running total)" if cumulative and len(y) > 1 else "")
        axes.step(
            x,
            y,
            where="post",
            color=colour[series.speaker],
            linewidth=1.8,
            linestyle=_LINES[style % len(_LINES)],
            marker=_MARKERS[style % len(_MARKERS)],
            markersize=5,
            # a long label wraps: the legend is never cut at the figure's edge
            label=textwrap.fill(label, _LEGEND_CHARS),
        )
    shown = [p.day for s in drawn for p in s.points] + (list(days) if days else [])
    if shown:
        # half a day either side, so the first and last day's points are not on the frame
        low, high = date2num([min(shown), max(shown)])  # type: ignore[no-untyped-call]
        axes.set_xlim(low - 0.5, high + 0.5)
    # matplotlib.dates ships without annotations for these
    if shown and (max(shown) - min(shown)).days <= _DAILY_TICKS_UP_TO:
        # whole days, never hours ("12:00") between them; at most _DAY_LABELS labels, so
        # they never print over each other
        every = max(1, math.ceil(((max(shown) - min(shown)).days + 1) / _DAY_LABELS))
        axes.xaxis.set_major_locator(DayLocator(interval=every))  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    else:
        locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(formatter)
    units = {s.unit for s in series_list}
    unit = units.pop() if len(units) == 1 else "value"
    axes.set_ylabel(_UNIT_AXIS.get(unit, unit))
    axes.set_xlabel("day the figure covers (window end, else publication)")
    values = [p.value for s in drawn for p in s.points]
    if values and min(values) > 0 and max(values) / min(values) >= _LOG_FROM:
        # figures orders of magnitude apart (40 children, 464,767 since February): on a
        # straight axis the small ones sit on zero
        axes.set_yscale("log")
        axes.set_ylabel(f"{axes.get_ylabel()} (logarithmic scale)")
    else:
        axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # 30,000 as reports write it
    axes.grid(True, alpha=0.3)
    axes.set_title(title, fontsize=11)
    if drawn:
        figure.legend(loc="outside lower left", fontsize=8, frameon=False)
    return figure


_MARKERS = ("o", "s", "^", "D", "v")
_LINES = ("-", "--", ":", "-.")
_DAILY_TICKS_UP_TO = 21  # days; longer spans get matplotlib's own date ticks
_DAY_LABELS = 8  # day labels at most on a chart's axis
_LOG_FROM = 100  # a log axis once the largest figure is this many times the smallest
_LEGEND_CHARS = 110  # a legend entry wraps after this many characters


def series_chart_svg(series_list: Sequence[Series], title: str, days: Days | None = None) -> str:
    """An SVG line chart of the series, one step line per claimant, as `<svg ...>...</svg>`
    text ready to inline in HTML (no XML prolog, no DOCTYPE, no external references).

    Flows are drawn as running totals, stocks as the stated value held until the next.
    Meant for the series of one indicator (`movement_charts` groups them). In a Jinja
    template: `{{ chart | safe }}` where `chart = series_chart_svg(series, "People
    evacuated")`; WeasyPrint renders the same inline SVG into the PDF. With `days`, the
    axis spans at least those days (a briefing passes its window), a tick a day.
    """
    buffer = io.StringIO()
    _save(series_list, title, buffer, "svg", days)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def series_chart_png(
    series_list: Sequence[Series], title: str, path: Path, days: Days | None = None
) -> Path:
    """Draw the same chart as `series_chart_svg` into a PNG file at `path`; return `path`."""
    _save(series_list, title, path, "png", days)
    return path


FROM_BEFORE = "totals since before the window"  # a chart title's end for `from_before`


def chart_title(label: str, from_before: bool) -> str:
    """ "People displaced", or "People displaced: totals since before the window"."""
    return f"{label}: {FROM_BEFORE}" if from_before else label


@dataclass(frozen=True)
class MovementChart:
    """One chart of the movements section: its SVG ("" when no series has several
    points) and a line of text for each series of one point."""

    title: str
    svg: str
    points: tuple[str, ...]


def movement_charts(
    series_list: Sequence[Series],
    labels: dict[str, str] | None = None,
    days: Days | None = None,
) -> list[MovementChart]:
    """Per population-movement indicator (`people.*`) that has series, in sorted order,
    the figures of the window's days and, on a chart of their own, the totals since before
    it (`Series.from_before`): a cumulative figure since February never shares an axis
    with the day figures. Titles from `labels` (indicator -> label); each axis spans at
    least `days`. A series of one point is a line of text, which a chart would only
    mislead about."""
    by_chart: dict[tuple[str, bool], list[Series]] = defaultdict(list)
    for series in series_list:
        if series.indicator.startswith(MOVEMENT_PREFIX):
            by_chart[(series.indicator, series.from_before)].append(series)
    names = labels or {}
    charts = []
    for key, from_before in sorted(by_chart):
        members = by_chart[(key, from_before)]
        title = chart_title(names.get(key, key), from_before)
        drawn = [s for s in members if len(s.points) > 1]
        single = [s for s in members if len(s.points) == 1]
        chart = series_chart_svg(drawn, title, days) if drawn else ""
        charts.append(MovementChart(title, chart, tuple(point_words(s) for s in single)))
    return charts


def point_words(series: Series) -> str:
    """A series of one point in words: "Sergei Rudskoy — Aleppo: 3,000 people on 9 December
    2016"."""
    point = series.points[0]
    value = f"{point.value:,.0f}" if float(point.value).is_integer() else f"{point.value:,}"
    return f"{series.label}: {value} {series.unit} on {point.day.day} {point.day:%B %Y}"
