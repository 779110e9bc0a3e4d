from datetime import date
from pathlib import Path

import pytest

from sitroom.domain import InputErrors
from sitroom.geo.actors import GOVERNMENT
from sitroom.geo.stored import check_areas_taken, check_share_claim, control_map
from sitroom.ingest.control import bundled_control_file, import_control_file, load_bundled_control
from sitroom.ingest.places import load_bundled_places
from sitroom.store.actors import list_actors
from sitroom.store.control import list_observations
from sitroom.store.database import Store

HEADER = "place,actor,status,observed_at,claimant,source_title,source_url,evidence,note\n"


def _count(store: Store) -> int:
    with store.session() as session:
        return len(list_observations(session))


def test_bundled_control_loads_once_and_then_is_unchanged(store: Store) -> None:
    first = load_bundled_control(store)
    assert (first.new, first.claims) == (1, 436)
    second = load_bundled_control(store)
    assert (second.new, second.unchanged, second.claims) == (0, 1, 0)
    assert _count(store) == 436


def test_second_import_of_the_same_file_writes_nothing(store: Store) -> None:
    load_bundled_places(store)
    assert import_control_file(store, bundled_control_file()).new == 1
    again = import_control_file(store, bundled_control_file())
    assert again.unchanged == 1 and _count(store) == 436


def test_import_refuses_unknown_place_with_line_field_and_closest_names(
    store: Store, tmp_path: Path
) -> None:
    load_bundled_places(store)
    bad = tmp_path / "control.csv"
    bad.write_text(
        HEADER
        + "Hanano,Syrian Army,held,2016-11-27,SANA,a title,,,\n"
        + "Sheikh Saeed,rebels,held,2016-12-07,Al-Masdar,a title,,,\n"
        + "Hananno Barracks,rebels,held,2016-13-07,SOHR,a title,,,\n"
        + "Jibreen,government forces,taken,2016-12-07,,a title,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as caught:
        import_control_file(store, bad)
    messages = [str(e) for e in caught.value.errors]
    assert [e.line for e in caught.value.errors] == [4, 4, 5, 5]
    assert messages[0].startswith(
        f'{bad}:4: field "place": "Hananno Barracks" is no place stored in this database '
        "(control needs its polygon: sitroom places import) (closest: "
    )
    assert '"Hanano Barrack"' in messages[0]
    assert any('field "observed_at": "2016-13-07" is not a date' in m for m in messages)
    assert any('field "status": "taken"' in m for m in messages)
    assert any('field "claimant": empty' in m for m in messages)
    assert _count(store) == 0  # nothing written, not even the good rows


def test_import_resolves_actor_aliases_and_keeps_claimants(store: Store, tmp_path: Path) -> None:
    load_bundled_places(store)
    good = tmp_path / "control.csv"
    good.write_text(
        HEADER
        + "Jibrin,Syrian Army,held,2016-11-27,SANA,a title,https://x,,\n"
        + "Mahalej,Kurdish forces,contested,2016-11-27,SOHR,b title,,,\n",
        encoding="utf-8",
    )
    assert import_control_file(store, good).claims == 2
    with store.session() as session:
        observations = list_observations(session)
        actors = {a.name: a for a in list_actors(session)}
    assert [(o.place, o.actor, o.claimant) for o in observations] == [
        ("Jibreen", GOVERNMENT, "SANA"),
        ("Mahalej", "YPG/SDF", "SOHR"),
    ]
    assert actors[GOVERNMENT].is_party and "GoS" in actors[GOVERNMENT].aliases


def test_store_backed_checks_hold_the_93_per_cent_claim(store: Store) -> None:
    load_bundled_control(store)
    check = check_share_claim(store, 93, "Syrian Army", "Aleppo", date(2016, 12, 9))
    assert round(check.mapped_held, 1) == 80.7
    assert round(check.mapped_held_or_unsettled, 1) == 87.9
    taken = check_areas_taken(
        store, 52, date(2016, 11, 15), date(2016, 12, 9), "Government of Syria and allies", "Aleppo"
    )
    assert taken.mapped > 0
    shares = control_map(store).shares("Aleppo", date(2016, 12, 22))
    assert shares.unknown == 0.0
