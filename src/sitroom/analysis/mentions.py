"""Mentions into claims: the same figure stated several times in one source is one claim."""

from __future__ import annotations

from collections import defaultdict

from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.names import fold


def _key(c: SourcedClaim) -> tuple[object, ...]:
    claim = c.claim
    return (
        c.source.id,
        claim.indicator,
        round(claim.value, 4),
        claim.qualifier,
        claim.unit,
        claim.group,
        claim.subject,
        fold(claim.place or ""),
        fold(claim.origin or ""),
        fold(claim.destination or ""),
        claim.window_start,
        claim.window_end,
    )


def group_mentions(claims: list[SourcedClaim]) -> list[list[SourcedClaim]]:
    """Mentions grouped by source and figure, in order of first mention.

    The canonical briefing states "93%" four times and "270 tons" twice: one group each.
    The group's first member with a named claimant stands first, as the group's voice.
    """
    groups: dict[tuple[object, ...], list[SourcedClaim]] = defaultdict(list)
    for c in claims:
        groups[_key(c)].append(c)
    ordered = []
    for members in groups.values():
        named = [m for m in members if m.claim.claimant]
        lead = named[0] if named else members[0]
        ordered.append([lead, *(m for m in members if m is not lead)])
    return ordered
