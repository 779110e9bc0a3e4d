"""Series over days: flows add up over non-overlapping windows of one claimant, stocks
take the latest value.

A series belongs to one indicator, one place as the claims name it, one claimant (the
speaker), one group and one unit: figures of different claimants are never added or
averaged, they are drawn side by side. Pure functions over SourcedClaims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitroom.analysis.scope import names_within, window_of
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim, FlowOrStock
from sitroom.geo.gazetteer import Gazetteer
from sitroom.vocabulary import Vocabulary

# Ratios and shares of a flow ("two-thirds of them") are not amounts that add up.
_NOT_ADDABLE = ("ratio", "percent")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """The value of a series on a day and the claims it rests on (their store ids)."""

    day: date
    value: float
    claim_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One claimant's figures for one indicator, place, group and unit, by day.

    For a flow each point is the running total up to that day; for a stock it is the
    value stated for that day, which holds until the next point (draw it as steps).
    """

    indicator: str
    place: str
    speaker: str
    kind: FlowOrStock
    unit: str
    group: str | None
    points: tuple[SeriesPoint, ...]
    # totals over windows that start before the briefing's ("since 1 February"): charted
    # apart from the figures of the window's own days, which they would dwarf
    from_before: bool = False

    @property
    def label(self) -> str:
        """A legend entry: "Sergei Rudskoy — Aleppo (children)"."""
        group = f" ({self.group.replace('_', ' ')})" if self.group else ""
        return f"{self.speaker} — {self.place}{group}"


def place_key(claim: Claim, gazetteer: Gazetteer | None) -> str | None:
    """The place a claim is about as one text: its places by their gazetteer names joined
    by "; ", or "origin → destination" for a movement that names no place; None if none."""

    def names(text: str | None) -> str:
        if not text:
            return ""
        parts = [p.strip() for p in text.split(";") if p.strip()]
        found = [gazetteer.find(p) if gazetteer else None for p in parts]
        return "; ".join(f.name if f else p for p, f in zip(parts, found, strict=True))

    if claim.place:
        return names(claim.place)
    if claim.origin or claim.destination:
        return f"{names(claim.origin) or '?'} → {names(claim.destination) or '?'}"
    return None


def build_series(
    claims: Iterable[SourcedClaim],
    vocabulary: Vocabulary,
    gazetteer: Gazetteer | None,
    place: str | None = None,
    window: tuple[date, date] | None = None,
) -> list[Series]:
    """The series of every claim about `place` (or inside it; every claim when None),
    one per indicator, claimed place, speaker, group and unit, sorted by those.

    Flows: each point is the total over the claims whose windows end on or before its
    day, counting no window twice. Where windows of one series overlap ("since
    27 November" and "over the past 24 hours"), the larger figure is kept, and of equal
    figures the earlier published; a running total thus supersedes what it includes.
    Stocks: one point per day a claim covers (its window's end, else its publication
    day): the figure published last, the larger on a tie.

    With `window` (a briefing's first and last day), figures over windows longer than it
    that start before it ("464,767 since 1 February 2016") are series of their own
    (`Series.from_before`): totals, not added to or superseding the figures of the days.

    Left out: claims that name no place, indicators outside the vocabulary, flows stated
    as ratios or percentages, and parts of the same group and place as their whole,
    which the whole already counts (a part of another group, "including 4,000 children",
    or another place, one governorate of seven, is a series of its own). Values are the
    stated figures: "more than 10,500" counts as 10,500. Cost: quadratic in the claims of
    one series.
    """
    claims = list(claims)
    wholes = {(c.source.id, c.claim.local_id): c for c in claims}
    keys: dict[tuple[str | None, ...], str | None] = {}

    def key_of(claim: Claim) -> str | None:  # thousands of claims name a few dozen places
        names = (claim.place, claim.origin, claim.destination)
        if names not in keys:
            keys[names] = place_key(claim, gazetteer)
        return keys[names]

    grouped: dict[tuple[str, str, str, str | None, str, bool], list[SourcedClaim]] = defaultdict(
        list
    )
    for c in claims:
        claim = c.claim
        if claim.indicator not in vocabulary:
            continue
        kind = vocabulary[claim.indicator].kind
        if kind is FlowOrStock.FLOW and claim.unit in _NOT_ADDABLE:
            continue
        key_place = key_of(claim)
        if key_place is None:
            continue
        if claim.part_of is not None:
            whole = wholes.get((c.source.id, claim.part_of))
            if whole is not None and (whole.claim.group, key_of(whole.claim)) == (
                claim.group,
                key_place,
            ):
                continue
        if place is not None and not names_within(
            claim.place, claim.origin, claim.destination, place, gazetteer
        ):
            continue
        from_before = window is not None and _longer_before(c, window)
        grouped[
            (claim.indicator, key_place, c.speaker, claim.group, claim.unit, from_before)
        ].append(c)
    found = []
    for (indicator, key_place, speaker, group, unit, from_before), members in sorted(
        grouped.items(), key=lambda item: tuple(str(part) for part in item[0])
    ):
        kind = vocabulary[indicator].kind
        points = _flow_points(members) if kind is FlowOrStock.FLOW else _stock_points(members)
        found.append(
            Series(indicator, key_place, speaker, kind, unit, group, tuple(points), from_before)
        )
    return found


def _longer_before(c: SourcedClaim, window: tuple[date, date]) -> bool:
    """Whether a claim's days start before `window` and outnumber its days: a total
    since earlier, not a figure of a few days that began the day before."""
    start, end = c.days
    if start is None or start >= window[0]:
        return False
    return ((end or c.published_at) - start) > (window[1] - window[0])


def _span(c: SourcedClaim) -> tuple[date | None, date]:
    start, end = window_of(c.claim, c.published_at)
    return start, end or c.published_at


def _overlap(a: tuple[date | None, date], b: tuple[date | None, date]) -> bool:
    # an open start reaches back over every earlier day
    return (a[0] is None or a[0] <= b[1]) and (b[0] is None or b[0] <= a[1])


def _ids(members: Iterable[SourcedClaim]) -> tuple[int, ...]:
    return tuple(sorted({c.claim.id for c in members if c.claim.id is not None}))


def _flow_points(members: list[SourcedClaim]) -> list[SeriesPoint]:
    # larger first, then earlier published, then first stated: the order windows are kept in
    ranked = sorted(
        members, key=lambda c: (-c.claim.value, c.published_at, c.source.id or 0, c.claim.start)
    )
    spans = {id(c): _span(c) for c in ranked}
    points = []
    for day in sorted({span[1] for span in spans.values()}):
        known = [c for c in ranked if spans[id(c)][1] <= day]
        kept: list[SourcedClaim] = []
        for c in known:
            if not any(_overlap(spans[id(c)], spans[id(k)]) for k in kept):
                kept.append(c)
        # the same figure stated again (in the source or by a later one) backs the point too
        figures = {(k.claim.value, spans[id(k)]) for k in kept}
        backing = [c for c in known if (c.claim.value, spans[id(c)]) in figures]
        points.append(SeriesPoint(day, sum(k.claim.value for k in kept), _ids(backing)))
    return points


def _stock_points(members: list[SourcedClaim]) -> list[SeriesPoint]:
    by_day: dict[date, list[SourcedClaim]] = defaultdict(list)
    for c in members:
        by_day[_span(c)[1]].append(c)
    points = []
    for day in sorted(by_day):
        stated = by_day[day]
        chosen = max(stated, key=lambda c: (c.published_at, c.claim.value))
        backing = [c for c in stated if c.claim.value == chosen.claim.value]
        points.append(SeriesPoint(day, chosen.claim.value, _ids(backing)))
    return points
