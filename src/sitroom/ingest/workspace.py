"""Setting up a workspace: `sitroom init` and `sitroom settings set`, values checked.

A place must be one of the store's gazetteer (stored, bundled and world places) and is
stored as the gazetteer lists it; parties are a comma-separated list of names. Every
change is one audit entry per key; a refused value writes nothing.
"""

from __future__ import annotations

import difflib

from sitroom.domain import AuditEntry, SitroomError, Workspace
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for
from sitroom.ingest.control import find_place
from sitroom.store.database import Store
from sitroom.store.settings import (
    SETTING_KEYS,
    SettingValue,
    read_settings,
    read_workspace,
    write_setting,
)


class UnknownSetting(SitroomError):
    """A setting key a workspace does not have."""


class InvalidSetting(SitroomError):
    """A value a setting cannot take."""


class AlreadyInitialised(SitroomError):
    """`sitroom init` on a database that is a workspace already."""


def setting_value(key: str, text: str, gazetteer: Gazetteer | None) -> SettingValue:
    """The value `text` gives the setting `key`, checked: a name not blank, a place of
    the gazetteer (as it lists it), parties a comma-separated list of names.

    Raises UnknownSetting with the closest keys, InvalidSetting naming the problem.
    """
    if key not in SETTING_KEYS:
        close = difflib.get_close_matches(key, SETTING_KEYS, n=2, cutoff=0.6)
        hint = f"closest: {', '.join(close)}; " if close else ""
        raise UnknownSetting(f'no setting "{key}" ({hint}settings: {", ".join(SETTING_KEYS)})')
    if key == "parties":
        names = [n.strip() for n in text.split(",")]
        if any(not n for n in names) and text.strip():
            raise InvalidSetting(f'setting "parties": "{text}" has an empty name (e.g. "A, B")')
        return list(dict.fromkeys(n for n in names if n))
    value = " ".join(text.split())
    if not value:
        raise InvalidSetting(f'setting "{key}": a value is needed, not "{text}"')
    if key == "place":
        assert gazetteer is not None  # the callers below always pass one for a place
        try:
            return find_place(value, gazetteer).name
        except SitroomError as err:
            raise InvalidSetting(f'setting "place": {err}') from err
    return value


def workspace_of(store: Store) -> Workspace:
    """The store's workspace, defaults where nothing is set."""
    with store.session() as session:
        return read_workspace(session)


def init_workspace(
    store: Store,
    name: str,
    place: str,
    parties: str | None,
    who: str,
    *,
    force: bool = False,
) -> Workspace:
    """Make `store` the workspace of a crisis: its name, place and (when given) parties.

    Refuses (AlreadyInitialised) a store that has settings already, unless `force`;
    every value is checked before anything is written.
    """
    gazetteer = gazetteer_for(store)
    values: dict[str, SettingValue] = {
        "name": setting_value("name", name, None),
        "place": setting_value("place", place, gazetteer),
    }
    with store.session() as session:
        stored = read_settings(session)
        if stored and not force:
            now = read_workspace(session)
            raise AlreadyInitialised(
                f'this database is already the workspace "{now.name}"'
                + (f" of {now.place}" if now.place else "")
                + " (change a setting: sitroom settings set KEY VALUE; start over: --force)"
            )
        if parties is not None or "parties" in stored:
            values["parties"] = setting_value("parties", parties or "", None)
        for key, value in values.items():
            write_setting(session, key, value, who)
        return read_workspace(session)


def change_setting(store: Store, key: str, text: str, who: str) -> AuditEntry | None:
    """Set one setting to `text`, checked; the audit entry, or None if it held it already."""
    gazetteer = gazetteer_for(store) if key == "place" else None
    value = setting_value(key, text, gazetteer)
    with store.session() as session:
        return write_setting(session, key, value, who)
