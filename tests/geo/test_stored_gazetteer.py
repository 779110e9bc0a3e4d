"""A store's gazetteer is built once and kept until its places or actors change."""

from __future__ import annotations

from sitroom.domain import Place, PlaceKind
from sitroom.geo.stored import gazetteer_for
from sitroom.store.database import Store
from sitroom.store.places import upsert_places


def test_a_stores_gazetteer_is_kept_until_its_places_change(store: Store) -> None:
    first = gazetteer_for(store)
    assert gazetteer_for(store) is first  # a page asks twice: its briefing, its place field
    assert first.find("Tawila Camp") is None
    with store.write_session() as session:
        upsert_places(session, [Place("Tawila Camp", PlaceKind.SETTLEMENT, parent="Sudan")])
    after = gazetteer_for(store)
    assert after is not first
    found = after.find("Tawila Camp")
    assert found is not None and found.parent == "Sudan"
    # the measured one (with the bundled areas) is kept on its own
    assert gazetteer_for(store, measured=True) is not after
    assert gazetteer_for(store) is after
