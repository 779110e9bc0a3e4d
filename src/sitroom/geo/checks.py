"""Claimed against mapped: a party's stated share or count held against the polygons.

Pure functions over a `ControlMap`; `sitroom.geo.stored.control_map(store)` builds one
from the store. Claims stay claims: a gap is reported, never corrected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitroom.domain import Actor, NotFound
from sitroom.geo.actors import DEFAULT_ACTORS, resolve_actor
from sitroom.geo.shares import ControlMap


@dataclass(frozen=True)
class ShareCheck:
    """A claimed share of an area held against the mapped one, in percent and points.

    `gap_held` is claimed minus mapped held; `gap_held_or_unsettled` is claimed minus
    held plus the contested and disputed places the actor is party to.
    """

    actor: str
    date: date
    area: str
    area_km2: float
    claimed: float
    mapped_held: float
    mapped_held_or_unsettled: float
    gap_held: float
    gap_held_or_unsettled: float
    unknown: float  # percent of the area with no observation: a gap may hide there

    @property
    def within_mapped_range(self) -> bool:
        """True when the claim lies between the held and the held-or-unsettled shares."""
        return self.mapped_held <= self.claimed <= self.mapped_held_or_unsettled


@dataclass(frozen=True)
class AreasTakenCheck:
    """A claimed number of areas taken in a window against the polygons that changed hands.

    `mapped` counts polygons held by the actor at the end and not at the start;
    `mapped_with_unsettled` adds those the actor was newly party to (contested or
    disputed at the end). Polygons are CSR neighbourhoods, not a party's "quarters".
    """

    actor: str
    window_start: date
    window_end: date
    area: str
    claimed: float
    mapped: int
    mapped_with_unsettled: int
    places: tuple[str, ...]
    gap: float  # claimed minus mapped


def _actor(name: str, actors: Iterable[Actor]) -> str:
    resolved = resolve_actor(name, actors)
    if resolved is None:
        raise NotFound(
            f'no actor "{name}"',
        )
    return resolved


def compare_share_claim(
    claim_value_percent: float,
    actor: str,
    area_name: str,
    on: date,
    control: ControlMap,
    actors: Iterable[Actor] = DEFAULT_ACTORS,
) -> ShareCheck:
    """Hold "`actor` controls X% of `area_name` on `on`" against the mapped control.

    `actor` goes through aliases ("Syrian Army" is "Government of Syria and allies");
    `area_name` through the gazetteer ("eastern Aleppo" is the derived East Aleppo).
    Returns a ShareCheck; raises NotFound for an unknown actor or place.

    Example: compare_share_claim(93, "Syrian Army", "Aleppo", date(2016, 12, 9), cmap)
    gives mapped_held 80.7 and mapped_held_or_unsettled 87.9 on the bundled sample.
    """
    name = _actor(actor, actors)
    shares = control.shares(area_name, on)
    held = shares.held.get(name, 0.0)
    either = shares.held_or_unsettled.get(name, 0.0)
    return ShareCheck(
        name,
        on,
        shares.area,
        shares.area_km2,
        claim_value_percent,
        held,
        either,
        claim_value_percent - held,
        claim_value_percent - either,
        shares.unknown,
    )


def compare_areas_taken(
    claimed_count: float,
    window_start: date,
    window_end: date,
    control: ControlMap,
    actor: str,
    area_name: str,
    actors: Iterable[Actor] = DEFAULT_ACTORS,
) -> AreasTakenCheck:
    """Hold "`actor` took N areas of `area_name` from `window_start` to `window_end`".

    Compares the control on `window_start` with that on `window_end`. Returns an
    AreasTakenCheck; raises NotFound for an unknown actor or place.
    """
    name = _actor(actor, actors)
    taken: list[str] = []
    touched = 0
    for place in control.members(area_name):
        before = control.ledger.on(place.name, window_start)
        after = control.ledger.on(place.name, window_end)
        if before.held_by(name):
            continue
        if after.held_by(name):
            taken.append(place.name)
            touched += 1
        elif after.held_or_party(name) and not before.held_or_party(name):
            touched += 1
    return AreasTakenCheck(
        name,
        window_start,
        window_end,
        control.resolve(area_name).name,
        claimed_count,
        len(taken),
        touched,
        tuple(taken),
        claimed_count - len(taken),
    )
