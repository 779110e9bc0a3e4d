"""Users: a name, a role and the sha256 of a token shown once. Tokens are never stored.

A token is 32 random bytes (`secrets`), so one sha256 of it is as strong as a password hash
needs to be: nobody can guess such a token, only steal it, and the table holds no token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import NotFound, Role, SitroomError, User
from sitroom.store.audit import record_change
from sitroom.store.limits import value_problem
from sitroom.store.tables import UserRow

TOKEN_BYTES = 32


class UserExists(SitroomError):
    """A user of that name exists (revoked or not: names are never reused)."""


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def _to_domain(row: UserRow) -> User:
    created = _aware(row.created_at)
    assert created is not None
    return User(row.name, Role(row.role), created, _aware(row.revoked_at), row.id)


def _row(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        known = ", ".join(session.scalars(select(UserRow.name).order_by(UserRow.name))) or "none"
        raise NotFound(f'no user "{name}" (users: {known})')
    return row


def add_user(session: Session, name: str, role: Role, who: str) -> tuple[User, str]:
    """A new user and their token, which is shown now and never again."""
    name = name.strip()
    if not name or (problem := value_problem(UserRow.__table__, "name", name)):
        raise SitroomError(f'user name "{name[:80]}" {problem or "is empty"}')
    if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
        raise UserExists(f'a user "{name}" exists (sitroom users list)')
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = UserRow(
        name=name, role=role.value, token_sha256=token_sha256(token), created_at=datetime.now(UTC)
    )
    session.add(row)
    session.flush()
    record_change(session, who, "add_user", "user", row.id, None, role.value)
    return _to_domain(row), token


def list_users(session: Session) -> list[User]:
    return [_to_domain(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def get_user(session: Session, name: str) -> User:
    """The user called `name`; NotFound (naming the users there are) otherwise."""
    return _to_domain(_row(session, name))


def revoke_user(session: Session, name: str, who: str) -> User:
    """Revoke a user's token: they can no longer sign in or write (their past reviews stay)."""
    row = _row(session, name)
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        record_change(session, who, "revoke_user", "user", row.id, row.role, None)
    return _to_domain(row)


def set_role(session: Session, name: str, role: Role, who: str) -> User:
    row = _row(session, name)
    if row.role != role.value:
        record_change(session, who, "set_role", "user", row.id, row.role, role.value)
        row.role = role.value
    return _to_domain(row)


def user_for_token(session: Session, token: str) -> User | None:
    """The user holding `token`, unless there is none or they were revoked."""
    row = session.scalar(select(UserRow).where(UserRow.token_sha256 == token_sha256(token)))
    if row is None or row.revoked_at is not None:
        return None
    return _to_domain(row)
