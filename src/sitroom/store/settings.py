"""The workspace's settings: one row per key, its value as JSON; every change audited.

Values are checked a layer up (`sitroom.ingest.workspace`: a place against the
gazetteer); here they are only stored, read and recorded.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.domain import AuditEntry, Workspace
from sitroom.store.audit import record_change
from sitroom.store.tables import SettingRow

# The keys a workspace has, in the order `sitroom settings` shows them.
SETTING_KEYS = ("name", "place", "parties")

# What a value may be: a string, or a list of strings (parties).
SettingValue = str | list[str]


def read_settings(session: Session) -> dict[str, SettingValue]:
    """The stored settings by key (only those stored; none on a database without init)."""
    return {row.key: row.value for row in session.scalars(select(SettingRow))}


def read_workspace(session: Session) -> Workspace:
    """The workspace the stored settings describe, with the defaults for what is unset."""
    stored = read_settings(session)
    name, place, parties = stored.get("name"), stored.get("place"), stored.get("parties")
    return Workspace(
        name=name if isinstance(name, str) else None,
        place=place if isinstance(place, str) else None,
        parties=tuple(parties) if isinstance(parties, list) else (),
    )


def write_setting(
    session: Session, key: str, value: SettingValue, who: str, at: datetime | None = None
) -> AuditEntry | None:
    """Store `value` under `key`; return the audit entry, or None if it already held it.

    The audit entry's before and after are the JSON of the values (null when unset).
    """
    if key not in SETTING_KEYS:
        raise ValueError(f"unknown setting {key!r}")  # callers check keys first: a bug
    row = session.get(SettingRow, key)
    before = None if row is None else row.value
    if before == value:
        return None
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value
    session.flush()
    return record_change(
        session,
        who,
        f"set_{key}",
        "setting",
        None,
        None if before is None else json.dumps(before, ensure_ascii=False),
        json.dumps(value, ensure_ascii=False),
        at,
    )
