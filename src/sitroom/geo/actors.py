"""The parties of the sample conflict and the words reports use for them."""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.domain import Actor, ActorKind
from sitroom.geo.names import fold

GOVERNMENT = "Government of Syria and allies"
OPPOSITION = "Armed opposition groups"
KURDISH = "YPG/SDF"

DEFAULT_ACTORS: tuple[Actor, ...] = (
    Actor(
        GOVERNMENT,
        ActorKind.PARTY,
        is_party=True,
        aliases=(
            "Syrian Army",
            "Syrian Arab Army",
            "SAA",
            "government forces",
            "government troops",
            "Syrian government",
            "Syrian government forces",
            "Syrian troops",
            "GoS",
            "regime",
            "regime forces",
            "the regime",
            "pro-government forces",
            "Government of Syria",
            "Syrian army and its allies",
            "government",
            "Assad forces",
            "loyalist forces",
        ),
    ),
    Actor(
        OPPOSITION,
        ActorKind.PARTY,
        is_party=True,
        aliases=(
            "militants",
            "gunmen",
            "rebels",
            "rebel groups",
            "rebel forces",
            "NSAG",
            "non-state armed groups",
            "terrorists",
            "terrorist groups",
            "armed groups",
            "armed opposition",
            "opposition",
            "opposition fighters",
            "opposition forces",
            "insurgents",
            "fighters",
        ),
    ),
    Actor(
        KURDISH,
        ActorKind.PARTY,
        is_party=True,
        aliases=(
            "YPG",
            "SDF",
            "Syrian Democratic Forces",
            "People's Protection Units",
            "Kurdish forces",
            "Kurdish fighters",
            "Kurdish militia",
            "YPG/SDF forces",
        ),
    ),
)


def _key(name: str) -> str:
    key = fold(name)
    return key.removeprefix("the ") if key != "the regime" else "regime"


def resolve_actor(name: str, actors: Iterable[Actor] = DEFAULT_ACTORS) -> str | None:
    """The canonical actor `name` refers to through its name or an alias, or None.

    `resolve_actor("Syrian Army")` gives "Government of Syria and allies". Case, accents
    and punctuation do not matter; a leading "the" is ignored.
    """
    wanted = _key(name)
    for actor in actors:
        if wanted in {_key(s) for s in (actor.name, *actor.aliases)}:
            return actor.name
    return None
