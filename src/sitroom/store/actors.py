"""Repository of actors: added and changed by a user (audited), upserted by imports,
listed as domain Actors."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import Actor, ActorKind, AuditEntry, NotFound, SitroomError
from sitroom.store.audit import record_change
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
    return [_to_domain(row) for row in session.scalars(select(ActorRow).order_by(ActorRow.name))]


def actors_in_order(session: Session) -> list[Actor]:
    """Every stored actor in the order they were stored (by id): the workspace's parties
    keep their colour as others are added."""
    return [_to_domain(row) for row in session.scalars(select(ActorRow).order_by(ActorRow.id))]


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


class AliasTaken(SitroomError):
    """An alias one actor would take that another stored actor already goes by."""


def _key(name: str) -> str:
    # case, spacing and a leading "the" do not make another name ("The RSF" is "RSF")
    key = " ".join(name.casefold().split())
    return key.removeprefix("the ")


def _row_named(session: Session, name: str) -> ActorRow | None:
    """The stored actor called `name` or going by it as an alias."""
    rows = list(session.scalars(select(ActorRow).order_by(ActorRow.id)))
    wanted = _key(name)
    by_name = [r for r in rows if _key(r.name) == wanted]
    if by_name:
        return by_name[0]
    return next((r for r in rows if wanted in {_key(a) for a in r.aliases or ()}), None)


def _known_named(name: str, known: Sequence[Actor]) -> Actor | None:
    wanted = _key(name)
    return next(
        (a for a in known if wanted in {_key(s) for s in (a.name, *a.aliases)}),
        None,
    )


def closest_actors(session: Session, name: str, known: Sequence[Actor] = (), n: int = 3) -> str:
    """' (closest: A, B)' for the stored and `known` actors' names nearest to `name`, or ''."""
    names = list(dict.fromkeys([*session.scalars(select(ActorRow.name)), *(a.name for a in known)]))
    by_key = {_key(x): x for x in names}
    close = difflib.get_close_matches(_key(name), list(by_key), n=n, cutoff=0.5)
    return f" (closest: {', '.join(by_key[c] for c in close)})" if close else ""


def _describe(row: ActorRow) -> str:
    return json.dumps(
        {
            "name": row.name,
            "kind": row.kind,
            "aliases": list(row.aliases or []),
            "parent": row.parent,
            "party": bool(row.is_party),
        },
        ensure_ascii=False,
    )


def _check_alias(session: Session, row: ActorRow | None, name: str, alias: str) -> None:
    """Refuse `alias` for the actor `name` when another stored actor goes by it."""
    owner = _row_named(session, alias)
    if owner is not None and (row is None or owner.id != row.id):
        raise AliasTaken(
            f'alias "{alias}" of "{name}" is already taken by "{owner.name}" '
            f"(see: sitroom actors list; an actor goes by one name only)"
        )


def add_actor(
    session: Session,
    name: str,
    who: str,
    *,
    aliases: Sequence[str] = (),
    kind: ActorKind | None = None,
    parent: str | None = None,
    party: bool | None = None,
    known: Sequence[Actor] = (),
    at: datetime | None = None,
) -> tuple[Actor, list[AuditEntry]]:
    """Store the actor `name`, or change the stored one: the kind, parent and party flag
    given are set and the aliases added. Each change is one audit entry; nothing new gives
    none. An actor of `known` (the bundled ones) is stored from its known self first.

    Raises AliasTaken when another stored actor goes by `name` or one of the aliases,
    NotFound (with the closest names) for a parent nobody goes by.
    """
    name = " ".join(name.split())
    if not name:
        raise SitroomError("an actor needs a name")
    row = _row_named(session, name)
    if row is not None and _key(row.name) != _key(name):
        raise AliasTaken(
            f'"{name}" is already an alias of "{row.name}" '
            f'(add an alias to it: sitroom actors alias "{row.name}" ALIAS)'
        )
    if parent is not None:
        found = _row_named(session, parent) or _known_named(parent, known)
        if found is None:
            raise NotFound(
                f'no actor "{parent}" to be the parent of "{name}"'
                + closest_actors(session, parent, known)
            )
        parent = found.name
    for alias in aliases:
        _check_alias(session, row, name, alias)
    entries: list[AuditEntry] = []
    if row is None:
        base = _known_named(name, known)
        if base is not None and _key(base.name) != _key(name):
            base = None  # an alias of a bundled actor names a new actor of the workspace
        row = ActorRow(
            name=name,
            kind=(kind or (base.kind if base else ActorKind.UNKNOWN)).value,
            aliases=list(dict.fromkeys([*(base.aliases if base else ()), *aliases])),
            parent=parent or (base.parent if base else None),
            is_party=party if party is not None else bool(base and base.is_party),
        )
        session.add(row)
        session.flush()  # assigns row.id
        entries.append(
            record_change(session, who, "add_actor", "actor", row.id, None, _describe(row), at)
        )
        return _to_domain(row), entries
    if kind is not None and row.kind != kind.value:
        entries.append(
            record_change(session, who, "set_kind", "actor", row.id, row.kind, kind.value, at)
        )
        row.kind = kind.value
    if parent is not None and row.parent != parent:
        entries.append(
            record_change(session, who, "set_parent", "actor", row.id, row.parent, parent, at)
        )
        row.parent = parent
    if party is not None and bool(row.is_party) != party:
        before = str(bool(row.is_party)).lower()
        entries.append(
            record_change(
                session, who, "set_party", "actor", row.id, before, str(party).lower(), at
            )
        )
        row.is_party = party
    for alias in aliases:
        entries += _add_alias(session, row, alias, who, at)
    session.flush()
    return _to_domain(row), entries


def _add_alias(
    session: Session, row: ActorRow, alias: str, who: str, at: datetime | None
) -> list[AuditEntry]:
    alias = " ".join(alias.split())
    if not alias or _key(alias) in {_key(s) for s in (row.name, *(row.aliases or ()))}:
        return []
    _check_alias(session, row, row.name, alias)
    row.aliases = [*(row.aliases or []), alias]
    return [record_change(session, who, "add_alias", "actor", row.id, None, alias, at)]


def add_alias(
    session: Session,
    name: str,
    alias: str,
    who: str,
    *,
    known: Sequence[Actor] = (),
    at: datetime | None = None,
) -> tuple[Actor, AuditEntry | None]:
    """Give the actor `name` (by any name it goes by; a `known` one is stored first) the
    alias `alias`; return it and the audit entry, None if it already went by it.

    Raises NotFound with the closest names for an actor nobody goes by, AliasTaken when
    another stored actor goes by `alias`.
    """
    row = _row_named(session, name)
    if row is None:
        default = _known_named(name, known)
        if default is None:
            raise NotFound(
                f'no actor "{name}"'
                + closest_actors(session, name, known)
                + " (add it: sitroom actors add NAME)"
            )
        _check_alias(session, None, default.name, alias)
        stored, _ = add_actor(session, default.name, who, known=known, at=at)
        row = session.get(ActorRow, stored.id)
        assert row is not None
    entries = _add_alias(session, row, alias, who, at)
    session.flush()
    return _to_domain(row), (entries[0] if entries else None)


def _to_domain(row: ActorRow) -> Actor:
    return Actor(
        name=row.name,
        kind=ActorKind(row.kind),
        aliases=tuple(row.aliases or ()),
        parent=row.parent,
        is_party=bool(row.is_party),
        id=row.id,
    )
