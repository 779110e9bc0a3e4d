"""The bundled samples: the world sample's places, parties and reports in a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.domain import InputErrors
from sitroom.ingest.sample import (
    UnknownSample,
    find_sample,
    load_sample,
    read_sample_parties,
    samples,
)
from sitroom.store.actors import list_actors
from sitroom.store.audit import list_audit
from sitroom.store.claims import claims_published_between
from sitroom.store.database import Store
from sitroom.store.places import list_places


def test_samples_are_aleppo_by_default_and_the_world() -> None:
    assert [s.name for s in samples()] == ["aleppo", "world"]
    assert find_sample(None).name == "aleppo"
    world = find_sample("world")
    assert [p.name.split("-")[0] for p in world.reports()] == [
        "lebanon",
        "nagorno",
        "rohingya",
        "sudan",
        "syria",
        "yemen",
    ]
    with pytest.raises(UnknownSample, match=r'"wrld" is not a sample \(samples: world\)'):
        find_sample("wrld")


def test_world_sample_stores_places_parties_and_reports_once(store: Store) -> None:
    first = load_sample(store, "world")
    assert (first.new, first.unchanged) == (6, 0)
    assert first.claims > 50
    with store.session() as session:
        actors = {a.name: a for a in list_actors(session)}
        places = {p.name: p for p in list_places(session)}
        audit = list_audit(session)
    rsf = actors["Rapid Support Forces"]
    assert rsf.is_party and "RSF" in rsf.aliases
    assert actors["Hezbollah"].is_party and not actors["UNHCR"].is_party
    assert places["As Sukhnah district"].parent == "Al Ḩudaydah Governorate"
    assert places["Kutupalong"].parent == "Ukhia"
    added = [e for e in audit if e.what == "add_actor"]
    assert len(added) == len(actors)
    assert [e.what for e in audit if e.entity == "sample"] == ["load_sample"]
    second = load_sample(store, "world")
    assert (second.new, second.unchanged, second.claims) == (0, 6, 0)
    with store.session() as session:
        assert len(list_actors(session)) == len(actors)
        assert len(list_audit(session)) == len(audit)


def test_a_district_the_world_lacks_places_the_figures_of_the_yemen_report(store: Store) -> None:
    load_sample(store, "world")
    with store.session() as session:
        pairs = claims_published_between(session, date(2018, 7, 26), date(2018, 7, 26))
    places = {c.place for c, _ in pairs}
    assert "As Sukhnah district" in places and "Ash Shaikh Outhman district" in places


def test_parties_with_an_alias_of_another_actor_are_refused_whole(tmp_path: Path) -> None:
    parties = tmp_path / "parties.toml"
    parties.write_text(
        '[[actor]]\nname = "Rapid Support Forces"\nkind = "party"\nis_party = true\n'
        'aliases = ["RSF"]\n\n'
        '[[actor]]\nname = "Red Sea Force"\nkind = "partey"\naliases = ["RSF"]\n',
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as refused:
        read_sample_parties(parties)
    assert str(refused.value).splitlines() == [
        f'{parties}: field "actor 2 (Red Sea Force) kind": "partey" is not a kind '
        "(one of party, un_agency)",
        f'{parties}: field "actor 2 (Red Sea Force) aliases": "RSF" is already an alias of '
        '"Rapid Support Forces"',
    ]
