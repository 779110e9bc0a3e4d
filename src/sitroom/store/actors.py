"""Repository of actors: upsert by name with merged aliases, list as domain Actors."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import Actor, ActorKind
from sitroom.store.tables import ActorRow


def upsert_actors(session: Session, actors: Iterable[Actor]) -> int:
    """Store `actors` by name, merging aliases into those already stored; return new rows."""
    created = 0
    for actor in actors:
        row = session.scalar(select(ActorRow).where(ActorRow.name == actor.name))
        if row is None:
            session.add(
                ActorRow(
                    name=actor.name,
                    kind=actor.kind.value,
                    aliases=list(actor.aliases),
                    parent=actor.parent,
                    is_party=actor.is_party,
                )
            )
            created += 1
            continue
        merged = list(dict.fromkeys([*(row.aliases or []), *actor.aliases]))
        if merged != list(row.aliases or []):
            row.aliases = merged
        row.is_party = row.is_party or actor.is_party
    session.flush()
    return created


def list_actors(session: Session) -> list[Actor]:
    """Every stored actor, by name."""
    return [
        Actor(
            name=row.name,
            kind=ActorKind(row.kind),
            aliases=tuple(row.aliases or ()),
            parent=row.parent,
            is_party=row.is_party,
            id=row.id,
        )
        for row in session.scalars(select(ActorRow).order_by(ActorRow.name))
    ]


def actor_id(session: Session, name: str, *, is_party: bool = False) -> int:
    """The id of the stored actor called `name`, storing it (kind unknown, party or not as
    `is_party` says) if it is new."""
    found = session.scalar(select(ActorRow.id).where(ActorRow.name == name))
    if found is not None:
        return found
    row = ActorRow(name=name, kind=ActorKind.UNKNOWN.value, aliases=[], is_party=is_party)
    session.add(row)
    session.flush()  # assigns row.id
    return row.id
