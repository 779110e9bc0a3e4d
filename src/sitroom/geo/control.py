"""Who controls a place on a day, from control observations (claims), without guessing.

For each place the observations of the latest day on or before the asked date count:
all `held` by one actor gives held; all `contested` gives contested between the actors
named; any other mix is *disputed*, with every claim kept; no observation is unknown.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sitroom.domain import ControlObservation, ControlStatus


class ControlState(StrEnum):
    HELD = "held"
    CONTESTED = "contested"
    DISPUTED = "disputed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PlaceControl:
    """The control of one place on one day and the claims it rests on."""

    place: str
    state: ControlState
    actors: tuple[str, ...] = ()  # the holder, or every actor named in the claims
    observed_on: date | None = None  # the day of the claims used
    claims: tuple[ControlObservation, ...] = ()

    @property
    def controller(self) -> str | None:
        """The actor holding the place, or None when it is not held by one actor."""
        return self.actors[0] if self.state is ControlState.HELD else None

    @property
    def unsettled(self) -> bool:
        """True when the place is contested or disputed."""
        return self.state in (ControlState.CONTESTED, ControlState.DISPUTED)

    def held_by(self, actor: str) -> bool:
        """True when `actor` holds the place."""
        return self.controller == actor

    def held_or_party(self, actor: str) -> bool:
        """True when `actor` holds the place or is named in its unsettled claims."""
        return self.held_by(actor) or (self.unsettled and actor in self.actors)


def judge(place: str, claims: Sequence[ControlObservation]) -> PlaceControl:
    """The control of `place` given the claims of one day (all of them, every claimant)."""
    if not claims:
        return PlaceControl(place, ControlState.UNKNOWN)
    actors = tuple(sorted({c.actor for c in claims}))
    statuses = {c.status for c in claims}
    if statuses == {ControlStatus.HELD} and len(actors) == 1:
        state = ControlState.HELD
    elif statuses == {ControlStatus.CONTESTED}:
        state = ControlState.CONTESTED
    else:
        # two claimants disagree (or one says held, another contested): keep both claims
        state = ControlState.DISPUTED
    return PlaceControl(place, state, actors, claims[0].observed_on, tuple(claims))


class ControlLedger:
    """Observations indexed by place and day, for fast "control on date D" lookups."""

    def __init__(self, observations: Iterable[ControlObservation]) -> None:
        by_place_day: dict[str, dict[date, list[ControlObservation]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for observation in observations:
            by_place_day[observation.place][observation.observed_on].append(observation)
        self._days: dict[str, list[date]] = {}
        self._states: dict[str, list[PlaceControl]] = {}
        for place, days in by_place_day.items():
            ordered = sorted(days)
            self._days[place] = ordered
            # judged once per observed day: asking for any later date is then a bisection
            self._states[place] = [judge(place, days[day]) for day in ordered]

    @property
    def places(self) -> list[str]:
        """Every place with at least one observation, sorted."""
        return sorted(self._days)

    @property
    def actors(self) -> list[str]:
        """Every actor an observation names, on any day, sorted: the map's sides."""
        return sorted({a for states in self._states.values() for s in states for a in s.actors})

    @property
    def days(self) -> list[date]:
        """Every day with at least one observation, sorted."""
        return sorted({day for days in self._days.values() for day in days})

    def on(self, place: str, day: date) -> PlaceControl:
        """The control of `place` on `day`: its latest observed day on or before `day`."""
        days = self._days.get(place)
        if not days:
            return PlaceControl(place, ControlState.UNKNOWN)
        index = bisect_right(days, day)
        if index == 0:
            return PlaceControl(place, ControlState.UNKNOWN)
        return self._states[place][index - 1]
