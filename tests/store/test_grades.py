"""Admiralty grades and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sitroom.domain import Actor, ActorKind, Claim, NotFound, Source
from sitroom.store.actors import upsert_actors
from sitroom.store.audit import list_audit
from sitroom.store.claims import add_claims, list_claims
from sitroom.store.database import Store
from sitroom.store.grades import (
    InvalidGrade,
    set_actor_party,
    set_claim_credibility,
    set_source_reliability,
)
from sitroom.store.sources import get_source

AT = datetime(2016, 12, 10, 8, 30, tzinfo=UTC)


def _seed(store: Store) -> tuple[int, int]:
    from sitroom.store.sources import add_source

    with store.session() as session:
        source_id, _ = add_source(
            session, Source(title="Rudskoy", published_at=date(2016, 12, 9), sha256="a" * 64)
        )
        add_claims(
            session,
            source_id,
            [
                Claim(
                    indicator="territory.share",
                    value=93,
                    quote="93%",
                    start=0,
                    end=3,
                    sentence="93%",
                    unit="percent",
                )
            ],
        )
        claim_id = list_claims(session)[0].id
    assert claim_id is not None
    return source_id, claim_id


def test_source_reliability_is_set_and_audited(store: Store) -> None:
    source_id, _ = _seed(store)
    with store.session() as session:
        entry = set_source_reliability(session, source_id, "b", "analyst", at=AT)
    assert entry is not None
    assert (entry.who, entry.what, entry.entity, entry.entity_id, entry.before, entry.after) == (
        "analyst",
        "set_reliability",
        "source",
        source_id,
        "F",
        "B",
    )
    with store.session() as session:
        assert get_source(session, source_id).reliability == "B"
        (stored,) = list_audit(session, "source", source_id)
    assert stored.at == AT
    assert stored.id == entry.id


def test_same_grade_again_writes_no_audit_entry(store: Store) -> None:
    source_id, _ = _seed(store)
    with store.session() as session:
        assert set_source_reliability(session, source_id, "F", "analyst") is None
        assert list_audit(session) == []


def test_claim_credibility_is_set_and_audited(store: Store) -> None:
    _, claim_id = _seed(store)
    with store.session() as session:
        entry = set_claim_credibility(session, claim_id, "2", "analyst", at=AT)
    assert entry is not None and (entry.before, entry.after) == ("6", "2")
    with store.session() as session:
        assert list_claims(session)[0].credibility == 2


@pytest.mark.parametrize("grade", ["G", "", "AB", "1"])
def test_reliability_off_the_scale_is_refused(store: Store, grade: str) -> None:
    source_id, _ = _seed(store)
    with store.session() as session, pytest.raises(InvalidGrade) as err:
        set_source_reliability(session, source_id, grade, "analyst")
    assert str(err.value) == (
        f'"{grade}" is not a source reliability grade (use a letter from '
        "A, completely reliable, to F, cannot be judged)"
    )


@pytest.mark.parametrize("grade", [0, 7, "B", "-1", "2.5"])
def test_credibility_off_the_scale_is_refused(store: Store, grade: int | str) -> None:
    _, claim_id = _seed(store)
    with (
        store.session() as session,
        pytest.raises(InvalidGrade, match="is not a claim credibility"),
    ):
        set_claim_credibility(session, claim_id, grade, "analyst")
    with store.session() as session:
        assert list_claims(session)[0].credibility == 6
        assert list_audit(session) == []


def test_unknown_ids_are_not_found(store: Store) -> None:
    with store.session() as session:
        with pytest.raises(NotFound, match="no source with id 999"):
            set_source_reliability(session, 999, "A", "analyst")
        with pytest.raises(NotFound, match="no claim with id 999"):
            set_claim_credibility(session, 999, 1, "analyst")
        with pytest.raises(NotFound, match="no actor with id 999"):
            set_actor_party(session, 999, True, "analyst")


def test_actor_party_flag_is_set_and_audited(store: Store) -> None:
    with store.session() as session:
        upsert_actors(session, [Actor("White Helmets", ActorKind.ORGANISATION)])
    from sitroom.store.actors import list_actors

    with store.session() as session:
        actor_id = list_actors(session)[0].id
        assert actor_id is not None
        entry = set_actor_party(session, actor_id, True, "analyst", at=AT)
        assert entry is not None and (entry.before, entry.after) == ("false", "true")
        assert list_actors(session)[0].is_party
        assert [e.what for e in list_audit(session, "actor")] == ["set_party"]
