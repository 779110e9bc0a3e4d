"""Which figures a briefing shows, which come first, and how each key figure moved.

A briefing is read in two minutes at any size: a section lists at most
`SHOWN_PER_SECTION` figures, the ones a duty officer needs first (an independent voice
before a party's alone, the window's figures before totals since earlier, a whole
before its parts, the most often stated, the dated, the largest),
and counts the rest, which the claims page lists. A section's first figure by that order
is its key figure, set against the same voice's earlier figure of the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sitroom.analysis.series import place_key
from sitroom.analysis.sourced import SourcedClaim
from sitroom.geo.gazetteer import Gazetteer

SHOWN_PER_SECTION = 25  # a section's figures listed at most; the rest are counted
NOT_KEY = frozenset({"other"})  # sections whose figures are not key by nature

Group = Sequence[SourcedClaim]  # one figure: its mentions in one source, the lead first


@dataclass(frozen=True)
class Ranking:
    """What orders a briefing's figures by importance (`first`)."""

    party_only: Callable[[SourcedClaim], bool]
    since: date  # the window's first day

    def after_voice(self, group: Group) -> tuple[bool, bool, int, bool, float, int]:
        """After an independent voice's before a party's alone: figures of the window
        before totals since earlier ("464,767 since 1 February"); wholes before parts;
        the most often stated; figures dated within the window ("from 16-19 December")
        before undated ones; the largest; the latest published. Lowest first."""
        lead = group[0]
        start = lead.days[0]
        return (
            start is not None and start < self.since,
            lead.claim.part_of is not None,
            -len(group),
            not lead.resolved,
            -lead.claim.value,
            -lead.published_at.toordinal(),
        )

    def first(self, members: Sequence[int], groups: Sequence[Group], limit: int) -> list[int]:
        """The `limit` most important figures (indices into `groups`), most important
        first: an independent voice's before a party's alone, then by `after_voice`.

        Whether a party's figure is corroborated is asked only of the figures met before
        the `limit`-th independent one in `after_voice` order: the answer is the same as
        sorting all by both, at a fraction of the lookups in a section of 8,000 figures.
        """
        independent: list[int] = []
        alone: list[int] = []
        for n in sorted(members, key=lambda n: self.after_voice(groups[n])):
            (alone if self.party_only(groups[n][0]) else independent).append(n)
            if len(independent) == limit:
                break
        return [*independent, *alone][:limit]


def why_first(group: Group, party_only: bool, agreed: bool) -> str:
    """Why a key figure comes first: "only a party to the conflict gives it; stated 4
    times", "an independent source agrees", else "dated within the window" or "the
    largest"."""
    reasons = []
    if party_only:
        reasons.append("only a party to the conflict gives it")
    elif agreed:
        reasons.append("an independent source agrees")
    if len(group) > 1:
        reasons.append(f"stated {len(group)} times")
    if reasons:
        return "; ".join(reasons)
    return "dated within the window" if group[0].resolved else "the largest"


@dataclass(frozen=True)
class Earlier:
    """The same voice's latest earlier figure of the same thing, at the same place."""

    group: Group  # its mentions, the lead first
    value: float
    published_at: date


def _voice_and_thing(c: SourcedClaim) -> tuple[object, ...]:
    claim = c.claim
    return (claim.indicator, c.speaker, claim.group, claim.unit, claim.subject)


def earlier_figures(
    keys: Sequence[Group], candidates: Sequence[Group], gazetteer: Gazetteer | None
) -> list[Earlier | None]:
    """For each key figure, the latest figure among `candidates` published before it of
    the same thing at the same place (as `series.place_key` names it) by the same voice,
    if any. Places are looked up only for candidates of a key's voice and thing, so this
    stays cheap at 15,000 figures."""
    places: dict[tuple[str | None, ...], str | None] = {}

    def place_of(c: SourcedClaim) -> str | None:
        names = (c.claim.place, c.claim.origin, c.claim.destination)
        if names not in places:
            places[names] = place_key(c.claim, gazetteer)
        return places[names]

    wanted = {_voice_and_thing(g[0]) for g in keys}
    same: dict[tuple[object, ...], list[Group]] = {}
    for group in candidates:
        thing = _voice_and_thing(group[0])
        if thing in wanted:
            same.setdefault((*thing, place_of(group[0])), []).append(group)
    found: list[Earlier | None] = []
    for group in keys:
        lead = group[0]
        before = [
            g
            for g in same.get((*_voice_and_thing(lead), place_of(lead)), ())
            if g[0].published_at < lead.published_at
        ]
        if not before:
            found.append(None)
            continue
        last = max(before, key=lambda g: (g[0].published_at, g[0].source.id or 0))
        found.append(Earlier(last, last[0].claim.value, last[0].published_at))
    return found


def change_words(lead: SourcedClaim, on: date, earlier: Earlier | None, earlier_text: str) -> str:
    """How a key figure stands against the previous briefing: "new today; up from 8,000
    people on 7 December", or "in the previous briefing too"."""
    fresh = "new today" if lead.published_at >= on else "in the previous briefing too"
    if earlier is None:
        return fresh
    value = lead.claim.value
    if value == earlier.value:
        direction = "unchanged from"
    else:
        direction = "up from" if value > earlier.value else "down from"
    day = earlier.published_at
    return f"{fresh}; {direction} {earlier_text} on {day.day} {day:%B}"
