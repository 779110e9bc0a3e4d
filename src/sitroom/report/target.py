"""What a briefing is of when the user does not say: the workspace's place, the latest day
with sources; and the places worth suggesting (those claims name)."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date
from functools import cache

from sitroom.analysis.scope import names_within
from sitroom.geo.stored import gazetteer_for
from sitroom.ingest.sample import SAMPLE_DATE, SAMPLE_PLACE, sample_reports
from sitroom.store.claims import claim_places, placed_days
from sitroom.store.database import Store
from sitroom.store.settings import read_workspace
from sitroom.store.sources import holds_any, publication_span

# How many places the dashboard's place field suggests at most.
SUGGESTED_PLACES = 200


@cache
def _sample_hashes() -> frozenset[str]:
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in sample_reports())


def default_place(store: Store) -> str:
    """The workspace's place (`sitroom init --place`), else the sample's Aleppo."""
    with store.session() as session:
        return read_workspace(session).place or SAMPLE_PLACE


def default_day(store: Store, place: str | None = None) -> date:
    """The latest day a stored source was published with figures at `place` or inside it,
    else the latest day any was (today when there is none).

    A database without workspace settings that holds the bundled sample opens, as it
    always has, on the sample's day (2016-12-09, the day of the canonical briefing).
    """
    with store.session() as session:
        if not read_workspace(session).initialised and holds_any(session, _sample_hashes()):
            return date.fromisoformat(SAMPLE_DATE)
        span = publication_span(session)
        placed = placed_days(session) if place else []
    if place:
        gazetteer = gazetteer_for(store)
        for day, at, origin, destination in placed:
            if names_within(at, origin, destination, place, gazetteer):
                return day
    return span[1] if span else date.today()


def default_target(store: Store, place: str | None, on: date | None) -> tuple[str, date]:
    """`place` and `on`, each defaulting as `default_place` and `default_day` say."""
    place = place or default_place(store)
    return place, on or default_day(store, place)


def suggested_places(store: Store, limit: int = SUGGESTED_PLACES) -> list[str]:
    """The workspace's place, then the places claims name, most named first, as the
    gazetteer lists them; a name nobody can locate (a hospital) is left out, since a
    briefing of it would be refused."""
    gazetteer = gazetteer_for(store)
    with store.session() as session:
        own = read_workspace(session).place
        # a claim of several places names them "Jibrin; Mahalej"
        named = claim_places(session, limit * 5)
    counts: Counter[str] = Counter()
    for names, n in named:
        for name in names.split(";"):
            found = gazetteer.find(name.strip()) if name.strip() else None
            if found is not None:
                counts[found.name] += n
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return list(dict.fromkeys([*([own] if own else []), *ranked]))[:limit]
