"""The briefing as data: sections of figures, each footnoted to its evidence.

Renderers (Markdown, JSON, HTML, PDF) read this model and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sitroom.analysis.checks import CheckResult
from sitroom.analysis.disagreements import Disagreement
from sitroom.analysis.series import Series
from sitroom.analysis.sourced import SourcedClaim
from sitroom.analysis.territory import TerritoryComparison
from sitroom.domain import Event
from sitroom.report.control_map import MapPolygon


@dataclass(frozen=True, slots=True)
class Evidence:
    """One mention of a figure: the exact words in the source, where to find them."""

    claim_id: int | None
    quote: str
    start: int
    end: int
    sentence: str
    claimant: str | None
    credibility: int  # this mention's own grade; the footnote gives the figure's best
    page: int | None = None  # the page of a paged source (PDF) the quote is on


@dataclass(frozen=True, slots=True)
class Footnote:
    """Where a figure comes from: source, claimant, grades, window and every quote."""

    number: int
    source_id: int | None
    source_title: str
    publisher: str | None
    published_at: date
    claimants: tuple[str, ...]
    window: str | None
    reliability: str
    credibility: int  # the best (lowest) of its mentions': a grade set on any of them counts
    evidence: tuple[Evidence, ...]
    edited: str | None = None  # "place, value edited by amal on 2026-12-02"


@dataclass(frozen=True, slots=True)
class Figure:
    """One claim of the briefing (all its mentions in one source), with its footnote."""

    indicator: str
    label: str
    text: str  # "more than 10,500 people"
    claim: SourcedClaim  # the mention that stands for the others
    footnote: int
    mentions: int
    part_of_text: str | None = None  # "of more than 10,500 people"
    part_of_footnote: int | None = None  # the footnote of the figure this one is part of
    party_only: bool = False  # given only by a party to the conflict, no independent voice agrees
    # places it names that the gazetteer cannot locate: kept because its source names the
    # briefing's place, so the reader is told where that rests
    unlocated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...]
    notes: tuple[str, ...] = ()  # computed lines, e.g. the mapped control shares
    more: int = 0  # figures of the section not listed: ranked below those shown


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A section's figure to read first, why, and how it stands against the previous
    briefing (that of the day before, over as many days)."""

    section: str  # the section's title
    figure: Figure
    why: str  # "the largest", "stated 3 times", "only a party to the conflict gives it"
    change: str  # "new today; up from 8,000 people on 7 December"
    earlier_footnote: int | None = None  # the footnote of the earlier figure it names


@dataclass(frozen=True)  # no slots: `series` is cached in the instance's __dict__
class Briefing:
    place: str
    on: date
    since: date
    sections: tuple[Section, ...]
    disagreements: tuple[Disagreement, ...]
    checks: tuple[CheckResult, ...]
    footnotes: tuple[Footnote, ...]
    sources: int
    generated_by: str
    territory: tuple[TerritoryComparison, ...] = ()
    # the series of the charts, worked out on first use (`series`): the dashboard's page
    # draws its charts from /api/series, so a page never pays for them
    series_of: Callable[[], tuple[Series, ...]] = field(default=tuple, repr=False, compare=False)
    map_polygons: tuple[MapPolygon, ...] = ()  # the control map of the day, if mapped
    # each side the map's observations name, with its colour, in the workspace's order
    map_colours: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    reviewed_only: bool = False  # only confirmed and edited claims were counted
    # ACLED events of the place in the window: shown beside the claims, never added to them
    events: tuple[Event, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()  # page 1: one per section, see report.selection
    new_figures: int = 0  # figures of sources published on the day: new since the last briefing
    new_sources: int = 0  # the sources published on the day

    @cached_property
    def series(self) -> tuple[Series, ...]:
        """The series of the charts of the HTML and PDF briefing and of /api/series."""
        return self.series_of()

    def footnote(self, number: int) -> Footnote:
        return self.footnotes[number - 1]
