"""The control map and actors from a store, for callers that hold claims to check.

This is the store-backed convenience over `sitroom.geo.checks` and `sitroom.geo.shares`.
"""

from __future__ import annotations

import threading
from datetime import date

from sitroom.domain import Actor, SitroomError
from sitroom.geo.actors import Parties, workspace_parties
from sitroom.geo.bundled import bundled_places, named_places
from sitroom.geo.checks import AreasTakenCheck, ShareCheck, compare_areas_taken, compare_share_claim
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.shares import ControlMap
from sitroom.geo.world import world_table
from sitroom.store.actors import actors_in_order
from sitroom.store.control import list_observations
from sitroom.store.database import Store
from sitroom.store.places import list_places
from sitroom.store.revision import lookups_revision

# the last gazetteer built for each store (URL) and measure, with the store's revision of
# places and actors it was built at; a megabyte each, of the latest stores used
_BUILT: dict[tuple[str, bool], tuple[tuple[int, ...], Gazetteer]] = {}
_KEPT = 8
_BUILT_LOCK = threading.Lock()


def gazetteer_for(store: Store, measured: bool = False) -> Gazetteer:
    """The gazetteer every layer uses with a store: the places the user stored (`sitroom
    places import`, `sitroom sample load`) first, then the bundled ones they do not
    rename, then the world's (GeoNames countries, divisions and towns).

    The bundled places come without their areas unless `measured` (a listing that shows
    areas): names and parents are what extraction and briefings look up.

    Kept until the store's places or actors change (`lookups_revision`): a page asks for
    it twice (its briefing, its place field), and building it is 0.04 s; the places
    analysis looks up are remembered per gazetteer, so one kept is one whose answers are
    already known.
    """
    key = (store.url, measured)
    with store.session() as session:
        revision = lookups_revision(session)
        kept = _BUILT.get(key)
        if kept is not None and kept[0] == revision:
            return kept[1]
        stored = list_places(session)
    names = {p.name for p in stored}
    bundled = bundled_places() if measured else named_places()
    built = Gazetteer([*stored, *(p for p in bundled if p.name not in names)], world_table())
    with _BUILT_LOCK:
        _BUILT.pop(key, None)
        _BUILT[key] = (revision, built)
        while len(_BUILT) > _KEPT:
            del _BUILT[next(iter(_BUILT))]
    return built


class NoControlData(SitroomError):
    """The store holds no places or no control observations yet."""


def control_map(store: Store) -> ControlMap:
    """A ControlMap of every stored place and control observation, its areas named by the
    store's gazetteer (`gazetteer_for`): any place with mapped places inside it, by name or
    P-code, however deep (a country, a governorate, a city of the world gazetteer).

    Raises NoControlData (with the command that fixes it) when either is missing.
    """
    with store.session() as session:
        places = list_places(session)
        observations = list_observations(session)
    if not places or not observations:
        raise NoControlData(
            "no places or control observations in the store "
            "(load them: sitroom sample load, or sitroom control import FILE)"
        )
    return ControlMap(places, observations, gazetteer=gazetteer_for(store))


def parties_for(store: Store) -> Parties:
    """The workspace's actors: the bundled ones (`claimants.toml`) overridden and extended
    by those the store holds (`sitroom actors add`, control imports), in a stable order."""
    with store.session() as session:
        return workspace_parties(actors_in_order(session))


def stored_actors(store: Store) -> list[Actor]:
    """The workspace's sides, then every other actor it knows, for alias resolution."""
    parties = parties_for(store)
    return [*parties.sides, *(a for a in parties.actors if a not in parties.sides)]


def check_share_claim(
    store: Store, claim_value_percent: float, actor: str, area_name: str, on: date
) -> ShareCheck:
    """`compare_share_claim` against the store's places and observations.

    Example: check_share_claim(store, 93, "Syrian Army", "Aleppo", date(2016, 12, 9)).
    """
    return compare_share_claim(
        claim_value_percent, actor, area_name, on, control_map(store), stored_actors(store)
    )


def check_areas_taken(
    store: Store,
    claimed_count: float,
    window_start: date,
    window_end: date,
    actor: str,
    area_name: str,
) -> AreasTakenCheck:
    """`compare_areas_taken` against the store's places and observations."""
    return compare_areas_taken(
        claimed_count,
        window_start,
        window_end,
        control_map(store),
        actor,
        area_name,
        stored_actors(store),
    )
