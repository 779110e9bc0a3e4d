"""Shares of an area's km² per actor and state on a date, their change and daily timeline.

Pure: built from Places (with `area_km2`) and ControlObservations. An area is a place
with a polygon (a neighbourhood), a place whose descendants have polygons (the city),
or a derived area named from a state ("East Aleppo": what the armed opposition held or
fought over on 15 Nov 2016, the start of the sample).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitroom.domain import ControlObservation, NotFound, Place
from sitroom.geo.actors import OPPOSITION
from sitroom.geo.bundled import CITY, EAST, WEST
from sitroom.geo.control import ControlLedger, ControlState, PlaceControl
from sitroom.geo.gazetteer import Gazetteer


@dataclass(frozen=True)
class DerivedArea:
    """An area named from a state: the places `actor` held (or was party to) on `on`."""

    base: str
    actor: str
    on: date
    include_unsettled: bool = True
    complement: bool = False  # the rest of `base` instead


DERIVED_AREAS: dict[str, DerivedArea] = {
    # "east Aleppo" in the reports of Nov-Dec 2016 is the opposition-held east at the start
    # of the offensive; the front-line polygons it shared are counted in it
    EAST: DerivedArea(CITY, OPPOSITION, date(2016, 11, 15)),
    WEST: DerivedArea(CITY, OPPOSITION, date(2016, 11, 15), complement=True),
}


@dataclass(frozen=True)
class ControlShares:
    """Percentages of an area's km² on a day; `held` and `held_or_unsettled` are by actor."""

    area: str
    on: date
    area_km2: float
    held: Mapping[str, float]
    held_or_unsettled: Mapping[str, float]
    contested: float
    disputed: float
    unknown: float
    places: tuple[PlaceControl, ...] = field(default=(), repr=False)

    @property
    def disputed_places(self) -> list[PlaceControl]:
        """The places whose claimants disagree on this day, claims kept."""
        return [p for p in self.places if p.state is ControlState.DISPUTED]


@dataclass(frozen=True)
class ShareChange:
    """How control of an area changed between two days, in percentage points."""

    area: str
    start: date
    end: date
    held_points: Mapping[str, float]
    changed: tuple[tuple[PlaceControl, PlaceControl], ...]  # (before, after) per place


class ControlMap:
    """Places with areas and the control ledger; answers shares, changes and timelines."""

    def __init__(
        self,
        places: Sequence[Place],
        observations: Iterable[ControlObservation],
        derived: Mapping[str, DerivedArea] = DERIVED_AREAS,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        """`gazetteer` (the store's: stored, bundled and world places) names the areas and
        the parents of `places` beyond them: neighbourhoods imported under a city of the
        world gazetteer ("Mosul"), or under a parent's P-code, make up that city, its
        governorate and its country. Without one, `places` alone."""
        self.places = {p.name: p for p in places}
        self.gazetteer = gazetteer or Gazetteer(places)
        self.ledger = ControlLedger(observations)
        self.derived = dict(derived)
        # each mapped place's chain of containing places, nearest first, by gazetteer name
        self._chains: dict[str, list[str]] = {p.name: self._chain(p) for p in places}
        holding = {n for p in places if p.area_km2 for n in self._chains[p.name]}
        self._leaves = {p.name for p in places if p.area_km2 and p.name not in holding}

    def _chain(self, place: Place) -> list[str]:
        chain: list[str] = []
        parent = place.parent
        while parent and len(chain) < 10:
            found = self.gazetteer.find_spelled(parent)
            name = found.name if found is not None else parent
            if name == place.name or name in chain:
                break
            chain.append(name)
            parent = found.parent if found is not None else None
        return chain

    def resolve(self, name: str) -> Place:
        """The place called `name` in any spelling or P-code; NotFound if none."""
        place = self.gazetteer.find(name)
        if place is None:
            raise NotFound(f'no place "{name}" in the gazetteer')
        return place

    def members(self, name: str) -> list[Place]:
        """The places with an area that make up the area `name`, in gazetteer order: the
        mapped places inside it that hold no mapped place themselves (the neighbourhoods of
        a city, not the city's outline; observations are made of them), else the place
        itself. A governorate with one city's neighbourhoods mapped is made of those."""
        place = self.resolve(name)
        definition = self.derived.get(place.name)
        if definition is not None:
            base = self.members(definition.base)
            inside = {p.name for p in base if self._in_state(p.name, definition)}
            return [p for p in base if (p.name in inside) != definition.complement]
        found = [
            member
            for member in self.places.values()
            if member.name in self._leaves and place.name in self._chains[member.name]
        ]
        mapped = self.places.get(place.name)
        if not found and mapped is not None and mapped.area_km2:
            found = [mapped]
        if not found:
            raise NotFound(
                f'"{place.name}" has no mapped area',
            ) from None
        return found

    def _in_state(self, place: str, definition: DerivedArea) -> bool:
        control = self.ledger.on(place, definition.on)
        if definition.include_unsettled:
            return control.held_or_party(definition.actor)
        return control.held_by(definition.actor)

    def shares(self, name: str, on: date, members: Sequence[Place] | None = None) -> ControlShares:
        """The shares of the area `name` on `on`, as percentages of its total km²."""
        parts = list(members) if members is not None else self.members(name)
        total = sum(p.area_km2 or 0.0 for p in parts)
        held: dict[str, float] = {}
        either: dict[str, float] = {}
        by_state = {state: 0.0 for state in ControlState}
        controls = []
        for part in parts:
            area = part.area_km2 or 0.0
            control = self.ledger.on(part.name, on)
            controls.append(control)
            by_state[control.state] += area
            if control.state is ControlState.HELD:
                held[control.actors[0]] = held.get(control.actors[0], 0.0) + area
            if control.state is not ControlState.UNKNOWN:
                for actor in control.actors:
                    either[actor] = either.get(actor, 0.0) + area

        def percent(km2: float) -> float:
            return 100.0 * km2 / total if total else 0.0

        actors = sorted(set(held) | set(either))
        return ControlShares(
            area=self.resolve(name).name,
            on=on,
            area_km2=total,
            held={a: percent(held.get(a, 0.0)) for a in actors},
            held_or_unsettled={a: percent(either.get(a, 0.0)) for a in actors},
            contested=percent(by_state[ControlState.CONTESTED]),
            disputed=percent(by_state[ControlState.DISPUTED]),
            unknown=percent(by_state[ControlState.UNKNOWN]),
            places=tuple(controls),
        )

    def timeline(self, name: str, start: date, end: date) -> list[ControlShares]:
        """The shares of `name` on every day from `start` to `end`, both included."""
        parts = self.members(name)  # resolved once: the daily work is lookups and sums
        days = (end - start).days
        return [self.shares(name, start + timedelta(days=n), parts) for n in range(days + 1)]

    def change(self, name: str, start: date, end: date) -> ShareChange:
        """The change of held shares from `start` to `end`, and the places that changed."""
        before, after = self.shares(name, start), self.shares(name, end)
        actors = sorted(set(before.held) | set(after.held))
        points = {a: after.held.get(a, 0.0) - before.held.get(a, 0.0) for a in actors}
        changed = tuple(
            (b, a)
            for b, a in zip(before.places, after.places, strict=True)
            if (b.state, b.actors) != (a.state, a.actors)
        )
        return ShareChange(before.area, start, end, points, changed)
