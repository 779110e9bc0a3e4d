"""Mentions into claims: the same figure stated several times in one source is one claim."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.names import fold

# the first FIGURE_KEY fields of a mention's key say which figure it can be: one source's
# number of one thing (`_same_figure` decides the rest)
FIGURE_KEY = 6


def _key(c: SourcedClaim) -> tuple[object, ...]:
    claim = c.claim
    return (
        c.source.id,
        claim.indicator,
        claim.unit,
        claim.group,
        claim.subject,
        round(claim.value, 4),
        claim.qualifier,
        fold(claim.place or ""),
        fold(claim.origin or ""),
        fold(claim.destination or ""),
        claim.window_start,
        claim.window_end,
    )


def group_mentions(
    claims: list[SourcedClaim], within: Callable[[str, str], bool] | None = None
) -> list[list[SourcedClaim]]:
    """Mentions grouped by source and figure, in order of first mention.

    The canonical briefing states "93%" four times and "270 tons" twice: one group each.
    A headline and its body are one figure too: "150 civilians" in Aleppo and "Nearly 150
    civilians" in its Old City, late at night, the same number of the same thing in one
    source, where one says no more than the other (its place is the other's, contains it
    by `within(inner, outer)`, or is not said; so with its window). The group's most
    specific member (place, then window, then a named claimant) stands first, as its voice.
    """
    groups: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        groups[_key(c)].append(c)
    merged: list[list[SourcedClaim]] = []
    # only groups of one source, thing and number can be one figure: compared within a
    # bucket, not all with all (15,000 figures at 100,000 claims)
    buckets: dict[tuple[object, ...], list[list[SourcedClaim]]] = defaultdict(list)
    for key, members in groups.items():
        first = members[0]
        bucket = buckets[key[:FIGURE_KEY]]
        same = next((g for g in bucket if _same_figure(g[0], first, within)), None)
        if same is None:
            merged.append(list(members))
            bucket.append(merged[-1])
        else:
            same.extend(members)
    ordered = []
    for members in merged:
        if len(members) == 1:  # most figures are stated once
            ordered.append(members)
            continue
        lead = max(members, key=_specific)  # the first of the most specific, as stated
        ordered.append([lead, *(m for m in members if m is not lead)])
    return ordered


def _specific(c: SourcedClaim) -> tuple[bool, bool, bool]:
    claim = c.claim
    return (
        bool(claim.place),
        bool(claim.window) or claim.window_end is not None,
        bool(claim.claimant),
    )


def _same_figure(
    a: SourcedClaim, b: SourcedClaim, within: Callable[[str, str], bool] | None
) -> bool:
    """Whether two mentions in one source state one figure, one with fewer words."""
    x, y = a.claim, b.claim
    if (a.source.id, x.indicator, x.unit, x.group, x.subject) != (
        b.source.id,
        y.indicator,
        y.unit,
        y.group,
        y.subject,
    ) or round(x.value, 4) != round(y.value, 4):
        return False
    for mine, theirs in ((x.origin, y.origin), (x.destination, y.destination)):
        if mine and theirs and fold(mine) != fold(theirs):
            return False
    if (
        x.window_end
        and y.window_end
        and (x.window_start, x.window_end)
        != (
            y.window_start,
            y.window_end,
        )
    ):
        return False
    if not x.place or not y.place or fold(x.place) == fold(y.place):
        return True
    return within is not None and (within(x.place, y.place) or within(y.place, x.place))
