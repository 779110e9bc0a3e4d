"""The parties of a conflict and the words reports use for them: data, not code.

The bundled `claimants.toml` is the default (the Aleppo sample's sides and speakers); a
workspace's stored actors (`sitroom actors add`) override and extend it. A *side* is a
party that holds ground: one that is not a person and belongs to no other party.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources

from sitroom.domain import Actor, ActorKind, InputError
from sitroom.geo.names import fold

# The names of the bundled sample's sides, as its control observations write them.
GOVERNMENT = "Government of Syria and allies"
OPPOSITION = "Armed opposition groups"
KURDISH = "YPG/SDF"

# The sides' colours, taken in the order of `Parties.sides`: the bundled sides first (red,
# green, gold: the Aleppo map as it always looked), then the workspace's own. None of
# them is the orange, purple or grey of the contested, disputed and unknown places.
PALETTE: tuple[str, ...] = (
    "#c0392b",
    "#27864a",
    "#d4a017",
    "#2e86c1",
    "#6e2c00",
    "#17a589",
    "#c2185b",
    "#34495e",
    "#7d8c2e",
    "#f1948a",
)


def _key(name: str) -> str:
    key = fold(name)
    return key.removeprefix("the ") if key != "the regime" else "regime"


@dataclass(frozen=True, eq=False)
class Parties:
    """The actors a workspace knows, bundled ones first (in file order), then its own.

    A stored actor (`id` set) of a bundled name replaces the bundled one in place, with
    both's aliases; an alias a stored actor has is no longer a bundled actor's.
    """

    actors: tuple[Actor, ...]

    @cached_property
    def _by_name(self) -> dict[str, Actor]:
        return {fold(a.name): a for a in self.actors}

    @cached_property
    def sides(self) -> tuple[Actor, ...]:
        """The parties that hold ground: not a person, and belonging to no other party."""
        found = []
        for actor in self.actors:
            if not actor.is_party or actor.kind == ActorKind.PERSON:
                continue
            parent = self._by_name.get(fold(actor.parent)) if actor.parent else None
            if parent is None or not parent.is_party:
                found.append(actor)
        return tuple(found)

    @cached_property
    def colours(self) -> dict[str, str]:
        """Each side's colour by name, stable: the same side has it on every day's map."""
        return {a.name: PALETTE[n % len(PALETTE)] for n, a in enumerate(self.sides)}

    def resolve(self, name: str) -> str | None:
        """The side `name` is or is an alias of, or None; see `resolve_actor`."""
        return resolve_actor(name, self.sides)


def resolve_actor(name: str, actors: Iterable[Actor] | None = None) -> str | None:
    """The canonical actor `name` refers to through its name or an alias, or None.

    `resolve_actor("Syrian Army", DEFAULT_ACTORS)` gives "Government of Syria and allies".
    Case, accents and punctuation do not matter; a leading "the" is ignored. The first
    actor that answers wins. Without `actors`, the bundled sides.
    """
    wanted = _key(name)
    for actor in default_parties().sides if actors is None else actors:
        if wanted in {_key(s) for s in (actor.name, *actor.aliases)}:
            return actor.name
    return None


def parse_actors(text: str, path: str = "claimants.toml") -> tuple[Actor, ...]:
    """Actors from TOML (`[[actor]]` tables); a bad entry raises InputError naming it."""
    raw = tomllib.loads(text)
    actors = []
    for number, entry in enumerate(raw.get("actor", []), start=1):
        where = f"actor[{number}]"
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(path, None, f"{where}.name", "is missing")
        try:
            kind = ActorKind(entry.get("kind", "unknown"))
        except ValueError as err:
            raise InputError(
                path, None, f"{where}.kind", f'"{entry.get("kind")}" is not an actor kind'
            ) from err
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(path, None, f"{where}.aliases", "must be a list of texts")
        actors.append(
            Actor(
                name=name,
                kind=kind,
                aliases=tuple(aliases),
                parent=entry.get("parent"),
                is_party=bool(entry.get("party", False)),
            )
        )
    return tuple(actors)


@cache
def bundled_actors() -> tuple[Actor, ...]:
    """The actors bundled with sitroom (`claimants.toml`), in file order."""
    text = resources.files("sitroom").joinpath("claimants.toml").read_text(encoding="utf-8")
    return parse_actors(text, "sitroom/claimants.toml")


def workspace_parties(
    stored: Iterable[Actor] = (), bundled: Iterable[Actor] | None = None
) -> Parties:
    """The bundled actors overridden and extended by a workspace's `stored` ones.

    A stored actor of a bundled name keeps the bundled aliases and takes the stored kind
    (unless unknown), parent and party flag; new names follow the bundled ones, in the
    order given (the store's: by id).
    """
    stored = list(stored)
    taken = {_key(s): a.name for a in stored for s in (a.name, *a.aliases)}
    merged: dict[str, Actor] = {}
    for actor in bundled_actors() if bundled is None else bundled:
        # an alias the workspace gave another actor is that actor's now
        own = tuple(s for s in actor.aliases if taken.get(_key(s), actor.name) == actor.name)
        merged[fold(actor.name)] = replace(actor, aliases=own)
    for actor in stored:
        key = fold(actor.name)
        known = merged.get(key)
        if known is None:
            merged[key] = actor
            continue
        merged[key] = replace(
            known,
            kind=known.kind if actor.kind == ActorKind.UNKNOWN else actor.kind,
            aliases=tuple(dict.fromkeys((*known.aliases, *actor.aliases))),
            parent=actor.parent or known.parent,
            is_party=actor.is_party,
            id=actor.id,
        )
    return Parties(tuple(merged.values()))


@cache
def default_parties() -> Parties:
    """The bundled actors alone: what a workspace without actors of its own knows."""
    return workspace_parties()


# The bundled sides: the default of every function that resolves a side by its words.
DEFAULT_ACTORS: tuple[Actor, ...] = default_parties().sides
