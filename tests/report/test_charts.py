"""Charts of series: inline SVG text, one line per claimant, stable output, PNG file."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from sitroom.analysis.series import Series, SeriesPoint
from sitroom.domain import FlowOrStock
from sitroom.report.charts import movement_charts, series_chart_png, series_chart_svg


def _series(
    speaker: str,
    values: list[tuple[int, float]],
    indicator: str = "people.evacuated",
    kind: FlowOrStock = FlowOrStock.FLOW,
) -> Series:
    points = tuple(SeriesPoint(date(2016, 12, day), value, (day,)) for day, value in values)
    return Series(indicator, "Aleppo", speaker, kind, "people", None, points)


SERIES = [
    _series("Sergei Rudskoy", [(8, 10500), (9, 16500), (12, 30000)]),
    _series("CCCM Cluster", [(13, 10300)]),
]


def test_svg_is_inline_ready_and_names_title_claimants_and_axes() -> None:
    svg = series_chart_svg(SERIES, "People evacuated, Aleppo")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    ET.fromstring(svg)  # well-formed on its own
    # matplotlib keeps each text as a comment beside its glyph paths
    for words in (
        "People evacuated, Aleppo",
        "Sergei Rudskoy — Aleppo (running total)",
        "CCCM Cluster — Aleppo",
        "people",
        "Dec",
    ):
        assert words in svg, words
    assert 'href="http' not in svg  # nothing fetched: it renders offline


def test_svg_is_the_same_for_the_same_series() -> None:
    assert series_chart_svg(SERIES, "t") == series_chart_svg(SERIES, "t")


def test_one_claimant_one_colour_and_an_empty_chart_still_draws() -> None:
    svg = series_chart_svg(SERIES, "t")
    assert "#1f77b4" in svg and "#ff7f0e" in svg
    assert series_chart_svg([], "nothing").startswith("<svg")


def test_movement_charts_are_one_per_people_indicator() -> None:
    share = _series("Sergei Rudskoy", [(9, 93)], "territory.share", FlowOrStock.STOCK)
    returned = _series("Sergei Rudskoy", [(9, 3000)], "people.returned")
    charts = movement_charts([*SERIES, share, returned], {"people.returned": "People returned"})
    assert [c.title for c in charts] == ["people.evacuated", "People returned"]
    evacuated = charts[0]
    assert "Sergei Rudskoy — Aleppo (running total)" in evacuated.svg
    # a series of one point is a line of text, not a chart
    assert "CCCM Cluster" not in evacuated.svg
    assert evacuated.points == ("CCCM Cluster — Aleppo: 10,300 people on 13 December 2016",)
    assert (charts[1].svg, charts[1].points) == (
        "",
        ("Sergei Rudskoy — Aleppo: 3,000 people on 9 December 2016",),
    )


def test_totals_since_before_the_window_are_charted_apart_from_the_days_figures() -> None:
    days = _series("UNHCR", [(9, 400), (10, 900)], "people.displaced")
    since_february = dataclasses.replace(
        _series("UNHCR", [(1, 271691), (9, 464767)], "people.displaced"), from_before=True
    )
    charts = movement_charts([days, since_february], {"people.displaced": "People displaced"})
    assert [c.title for c in charts] == [
        "People displaced",
        "People displaced: totals since before the window",
    ]
    # together, 400 and 464,767 would need a log axis: apart, the day figures keep theirs
    assert "logarithmic scale" not in charts[0].svg and charts[1].svg


def test_figures_orders_of_magnitude_apart_get_a_log_axis() -> None:
    apart = [
        _series("UNHCR", [(1, 40), (9, 90)]),
        _series("OCHA", [(2, 271691), (9, 464767)]),
    ]
    assert "logarithmic scale" in series_chart_svg(apart, "t")
    assert "logarithmic scale" not in series_chart_svg(SERIES, "t")


def test_day_labels_are_thinned_and_long_legends_wrap() -> None:
    three_weeks = [_series("Sergei Rudskoy", [(1, 100), (21, 900)])]
    svg = series_chart_svg(three_weeks, "t", (date(2016, 12, 1), date(2016, 12, 21)))
    labelled = [day for day in range(1, 22) if f"{day:02d} Dec" in svg]
    assert 2 <= len(labelled) <= 8
    long_name = "UN High Commissioner for Refugees (UNHCR), via ReliefWeb"
    place = "; ".join(f"{n} Governorate" for n in ("Aleppo", "Hama", "Idleb", "Ar-Raqqa", "Homs"))
    wide = Series(
        "people.displaced", place, long_name, FlowOrStock.FLOW, "people", None,
        tuple(SeriesPoint(date(2016, 12, d), 1000.0 * d, (d,)) for d in (1, 9)),
    )  # fmt: skip
    svg = series_chart_svg([wide], "t")
    assert "Homs Governorate (running total)" in svg  # the end of the label is drawn


def test_png_is_written(tmp_path: Path) -> None:
    path = series_chart_png(SERIES, "People evacuated", tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_briefing_window_gives_a_tick_a_day_and_no_hours() -> None:
    one_day = [_series("Sergei Rudskoy", [(9, 10500)])]
    svg = series_chart_svg(one_day, "t", (date(2016, 12, 3), date(2016, 12, 9)))
    for day in range(3, 10):
        assert f"{day:02d} Dec" in svg
    assert "12:00" not in svg
    bare = series_chart_svg(one_day, "t")  # one day and no window: still days, not hours
    assert "09 Dec" in bare and "12:00" not in bare


def test_a_claimants_series_share_its_colour_and_differ_in_marker() -> None:
    children = Series(
        "people.evacuated", "Aleppo", "Sergei Rudskoy", FlowOrStock.FLOW, "people", "children",
        (SeriesPoint(date(2016, 12, 9), 4000, (2,)),),
    )  # fmt: skip
    svg = series_chart_svg([SERIES[0], children], "t")
    assert "#ff7f0e" not in svg  # one claimant, one colour
    assert "Sergei Rudskoy — Aleppo (children)" in svg  # one point: no running total
