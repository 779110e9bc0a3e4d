"""Consistency checks: first-class results naming the rule, the claims and the numbers."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from sitroom.analysis.bounds import bounds, least
from sitroom.analysis.scope import claim_places
from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.names import fold
from sitroom.records import record
from sitroom.vocabulary import Vocabulary


@record(frozen=True, slots=True)
class CheckResult:
    """One check that failed: which rule, on which claims, with which numbers."""

    rule: str
    message: str
    claims: tuple[SourcedClaim, ...]
    numbers: dict[str, float | None]


def check_parts(claims: list[SourcedClaim]) -> list[CheckResult]:
    """A part larger than its whole; parts adding up to more than the whole, or (when the
    parts name exactly the whole's places, a complete breakdown) not to the whole."""
    results: list[CheckResult] = []
    by_local = {(c.source.id, c.claim.local_id): c for c in claims}
    parts_of: dict[tuple[int | None, int], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        if c.claim.part_of is not None:
            parts_of[(c.source.id, c.claim.part_of)].append(c)
    for key, parts in parts_of.items():
        whole = by_local.get(key)
        if whole is None:
            continue
        whole_low, whole_high = bounds(whole.claim)
        same_unit = [p for p in parts if p.claim.unit == whole.claim.unit]
        for part in same_unit:
            if least(part.claim) > whole_high:
                results.append(
                    CheckResult(
                        "part_larger_than_whole",
                        f"{part.claim.quote!r} is larger than its whole {whole.claim.quote!r}",
                        (whole, part),
                        {"part": part.claim.value, "whole": whole.claim.value},
                    )
                )
        if len(same_unit) < 2:
            continue
        total = sum(least(p.claim) for p in same_unit)
        if total > whole_high:
            results.append(
                CheckResult(
                    "parts_exceed_total",
                    f"the parts of {whole.claim.quote!r} add up to {total:,.0f}, "
                    "more than the total",
                    (whole, *same_unit),
                    {"parts_sum": total, "total": whole.claim.value},
                )
            )
        elif _complete(whole, same_unit) and not whole_low <= total <= whole_high:
            results.append(
                CheckResult(
                    "breakdown_not_total",
                    f"the breakdown of {whole.claim.quote!r} adds up to {total:,.0f}, "
                    "not to the total",
                    (whole, *same_unit),
                    {"parts_sum": total, "total": whole.claim.value},
                )
            )
    return results


def _complete(whole: SourcedClaim, parts: list[SourcedClaim]) -> bool:
    whole_places = {fold(p) for p in claim_places(whole.claim)}
    part_places = {fold(p) for part in parts for p in claim_places(part.claim)}
    return len(whole_places) > 1 and whole_places == part_places


def check_cumulative(claims: list[SourcedClaim]) -> list[CheckResult]:
    """A running total ("since 27 November") smaller than an earlier one of the same claimant."""
    results: list[CheckResult] = []
    series: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        if c.claim.window_start is None or c.claim.part_of is not None:
            continue
        key = (
            c.speaker,
            c.claim.indicator,
            c.claim.group,
            c.claim.unit,
            c.claim.window_start,
            tuple(sorted(fold(p) for p in claim_places(c.claim))),
        )
        series[key].append(c)
    for items in series.values():
        items.sort(key=lambda c: (c.claim.window_end or c.published_at, c.published_at))
        for earlier, later in pairwise(items):
            later_end = later.claim.window_end or later.published_at
            earlier_end = earlier.claim.window_end or earlier.published_at
            if later_end > earlier_end and bounds(later.claim)[1] < bounds(earlier.claim)[0]:
                results.append(
                    CheckResult(
                        "cumulative_decreased",
                        f"{later.speaker} gives {later.claim.quote!r} {later.claim.window!r}, "
                        f"less than the earlier {earlier.claim.quote!r}",
                        (earlier, later),
                        {"earlier": earlier.claim.value, "later": later.claim.value},
                    )
                )
    return results


def check_ranges(claims: list[SourcedClaim], vocabulary: Vocabulary) -> list[CheckResult]:
    """A value outside the vocabulary's plausible range (negative counts, shares over 100%)."""
    results: list[CheckResult] = []
    for c in claims:
        entry = vocabulary.indicators.get(c.claim.indicator)
        if entry is None or c.claim.unit == "ratio":
            continue
        too_big = entry.max is not None and c.claim.unit == entry.unit and c.claim.value > entry.max
        if c.claim.value < 0 or too_big:
            results.append(
                CheckResult(
                    "value_out_of_range",
                    f"{c.claim.quote!r} is outside the plausible range of {entry.label.lower()}"
                    + (f" (0 to {entry.max:,.0f})" if entry.max is not None else ""),
                    (c,),
                    {"value": c.claim.value, "max": entry.max},
                )
            )
    return results
