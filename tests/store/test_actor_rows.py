"""The workspace's actors: added, changed and given aliases by users, every change audited."""

from __future__ import annotations

import pytest

from sitroom.domain import ActorKind, NotFound
from sitroom.geo.actors import bundled_actors, workspace_parties
from sitroom.store.actors import AliasTaken, actors_in_order, add_actor, add_alias
from sitroom.store.audit import list_audit
from sitroom.store.database import Store


def test_adding_an_actor_stores_it_and_audits_each_change(store: Store) -> None:
    with store.session() as session:
        actor, entries = add_actor(
            session,
            "Rapid Support Forces",
            "analyst",
            aliases=["RSF", "al-Da'am al-Sari'"],
            kind=ActorKind.ARMED_GROUP,
            party=True,
        )
        assert (actor.name, actor.kind, actor.is_party) == (
            "Rapid Support Forces",
            ActorKind.ARMED_GROUP,
            True,
        )
        assert actor.aliases == ("RSF", "al-Da'am al-Sari'")
        assert [e.what for e in entries] == ["add_actor"]
        # the same again changes nothing and writes nothing
        _, again = add_actor(
            session, "Rapid Support Forces", "analyst", aliases=["RSF"], party=True
        )
        assert again == []
        _, changed = add_actor(session, "Rapid Support Forces", "editor", party=False)
        assert [(e.what, e.before, e.after) for e in changed] == [("set_party", "true", "false")]
    with store.session() as session:
        trail = list_audit(session, "actor", actor.id)
    assert [(e.who, e.what) for e in trail] == [("analyst", "add_actor"), ("editor", "set_party")]
    assert '"RSF"' in (trail[0].after or "")


def test_an_alias_another_actor_goes_by_is_refused_naming_both(store: Store) -> None:
    with store.session() as session:
        add_actor(session, "Rapid Support Forces", "analyst", aliases=["RSF"], party=True)
        add_actor(session, "Sudanese Armed Forces", "analyst", aliases=["SAF"], party=True)
    with store.session() as session, pytest.raises(AliasTaken) as refused:
        add_alias(session, "Sudanese Armed Forces", "rsf", "analyst")
    message = str(refused.value)
    assert "\n" not in message
    assert '"rsf"' in message and '"Sudanese Armed Forces"' in message
    assert '"Rapid Support Forces"' in message
    with store.session() as session, pytest.raises(AliasTaken):
        add_actor(session, "Janjaweed", "analyst", aliases=["RSF"])
    with store.session() as session:
        names = [a.name for a in actors_in_order(session)]
        audited = [e.what for e in list_audit(session, "actor")]
    assert names == ["Rapid Support Forces", "Sudanese Armed Forces"]  # nothing written
    assert audited == ["add_actor", "add_actor"]


def test_an_unknown_actor_is_refused_with_the_closest_names(store: Store) -> None:
    with store.session() as session:
        add_actor(session, "Rapid Support Forces", "analyst", party=True)
    with store.session() as session, pytest.raises(NotFound) as refused:
        add_alias(session, "Rapid Suport Forces", "RSF", "analyst", known=bundled_actors())
    assert "closest: Rapid Support Forces" in str(refused.value)
    with store.session() as session, pytest.raises(NotFound) as refused:
        add_actor(session, "Abdel Rahim Dagalo", "analyst", parent="Rapid Supprt Forces")
    assert "closest: Rapid Support Forces" in str(refused.value)


def test_an_alias_of_a_bundled_actor_stores_it_from_its_bundled_self(store: Store) -> None:
    with store.session() as session:
        actor, entry = add_alias(
            session, "YPG", "Kurdish-led forces", "analyst", known=bundled_actors()
        )
    assert actor.name == "YPG/SDF" and actor.is_party
    assert {"YPG", "SDF", "Kurdish-led forces"} <= set(actor.aliases)
    assert entry is not None and entry.after == "Kurdish-led forces"
    with store.session() as session:
        parties = workspace_parties(actors_in_order(session))
    assert parties.resolve("Kurdish-led forces") == "YPG/SDF"


def test_stored_parties_follow_the_bundled_ones_and_keep_their_colours(store: Store) -> None:
    with store.session() as session:
        add_actor(session, "Sudanese Armed Forces", "analyst", aliases=["SAF"], party=True)
        first = workspace_parties(actors_in_order(session)).colours
        add_actor(session, "Rapid Support Forces", "analyst", aliases=["RSF"], party=True)
        add_actor(session, "Ahmed Haroun", "analyst", kind=ActorKind.PERSON, party=True)
        second = workspace_parties(actors_in_order(session)).colours
    assert list(second)[:3] == [
        "Government of Syria and allies",
        "Armed opposition groups",
        "YPG/SDF",
    ]
    assert list(second)[3:] == ["Sudanese Armed Forces", "Rapid Support Forces"]  # no person
    assert first["Sudanese Armed Forces"] == second["Sudanese Armed Forces"]
    assert len(set(second.values())) == len(second)
