"""Whether claims speak of the same thing: place (or one inside the other) and window."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sitroom.domain import Claim, PlaceKind
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold, name_key


def claim_places(claim: Claim) -> list[str]:
    """The places a claim names: its place, else its origin and destination."""
    return place_names(claim.place, claim.origin, claim.destination)


def place_names(place: str | None, origin: str | None, destination: str | None) -> list[str]:
    """The places named by a claim's place, origin and destination fields: its place
    ("Jibrin; Mahalej" is two), else its origin and destination."""
    names: list[str | None] = [place] if place else [origin, destination]
    return [part.strip() for name in names if name for part in name.split(";") if part.strip()]


@lru_cache(maxsize=65536)
def ancestors(name: str, gazetteer: Gazetteer | None) -> frozenset[str]:
    """The folded names of a place and of every place it lies inside."""
    found = {fold(name)}
    place = gazetteer.find(name) if gazetteer else None
    seen = 0
    while place is not None and seen < 10:
        found.add(fold(place.name))
        place = gazetteer.find(place.parent) if (gazetteer and place.parent) else None
        seen += 1
    return frozenset(found)


_DIVISIONS = (PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.ADMIN3)
_TOWNS = (PlaceKind.CITY, PlaceKind.SETTLEMENT)


@lru_cache(maxsize=1024)
def namesakes(area: str, gazetteer: Gazetteer | None) -> frozenset[str]:
    """The folded names of the divisions above a city or town that bear its name, with one
    word more before or after it ("Khartoum" gives "khartoum state", "Hodeidah" gives "al
    hudaydah governorate", "Kabul" gives "kabul province"): a report that writes "Khartoum"
    often means the state. Spellings are compared by `name_key`, so "Idlib" finds "Idleb
    Governorate". Empty for a place that is not a city or town, or has no such division.
    """
    place = gazetteer.find(area) if gazetteer else None
    if gazetteer is None or place is None or place.kind not in _TOWNS:
        return frozenset()
    key = name_key(place.name)
    found: set[str] = set()
    parent = gazetteer.find(place.parent) if place.parent else None
    seen = 0
    while parent is not None and seen < 10 and parent.kind in _DIVISIONS:
        words = fold(parent.name).split()
        if len(words) > 1 and key in (
            name_key(" ".join(words[:-1])),
            name_key(" ".join(words[1:])),
        ):
            found.add(fold(parent.name))
        parent = gazetteer.find(parent.parent) if parent.parent else None
        seen += 1
    return frozenset(found)


def names_namesake(
    place: str | None,
    origin: str | None,
    destination: str | None,
    area: str,
    gazetteer: Gazetteer | None,
) -> bool:
    """Whether these claim fields name a division that bears the name of city `area`
    (`namesakes`): the division itself, not the places inside it."""
    divisions = namesakes(area, gazetteer)
    if not divisions or gazetteer is None:
        return False
    for name in place_names(place, origin, destination):
        found = gazetteer.find(name)
        if found is not None and fold(found.name) in divisions:
            return True
    return False


@lru_cache(maxsize=65536)
def containers(name: str, gazetteer: Gazetteer | None) -> frozenset[str]:
    """Every folded area name that `is_within` accepts for `name`: its gazetteer ancestors
    and the runs of its own words ("Old City of Aleppo" lies within "Aleppo")."""
    words = fold(name).split()
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return frozenset(runs) | ancestors(name, gazetteer)


def is_within(name: str, area: str, gazetteer: Gazetteer | None) -> bool:
    """True when place `name` is `area` or lies inside it ("east Aleppo" is within "Aleppo").

    Falls back on the words: a name that holds the area's name ("Old City of Aleppo")
    lies within it, so places the gazetteer lacks still count.
    """
    target = fold(area)
    if target in ancestors(name, gazetteer):
        return True
    return f" {target} " in f" {fold(name)} "


@lru_cache(maxsize=65536)  # thousands of claims of a briefing name a few dozen places
def names_within(
    place: str | None,
    origin: str | None,
    destination: str | None,
    area: str,
    gazetteer: Gazetteer | None,
) -> bool | None:
    """Whether a claim with these place, origin and destination fields speaks of `area`
    or somewhere inside it (`is_within`); None when they name no place."""
    names = place_names(place, origin, destination)
    if not names:
        return None
    return any(is_within(name, area, gazetteer) for name in names)


@lru_cache(maxsize=65536)
def unlocated(
    place: str | None, origin: str | None, destination: str | None, gazetteer: Gazetteer | None
) -> tuple[str, ...]:
    """The places named by these fields that the gazetteer does not know and whose own
    words name no place it knows ("Al-Razi", a hospital): nobody can say where they lie.
    None of them without a gazetteer."""
    if gazetteer is None:
        return ()
    return tuple(
        name
        for name in place_names(place, origin, destination)
        if gazetteer.find(name) is None
        # the last words of it that spell a known place ("Old City of Aleppo") place it, as
        # in is_within; a resemblance ("Dar" and "Darayya") does not, nor a first word
        # that some village of the world is called ("Dar" of "Dar Al-Safaa")
        and not any(gazetteer.find_spelled(run) for run in _endings(name))
    )


def _endings(name: str) -> list[str]:
    words = fold(name).split()
    return [" ".join(words[i:]) for i in range(len(words))]


def same_area(a: Claim, b: Claim, gazetteer: Gazetteer | None) -> bool:
    """True when one claim's place is the other's or lies inside it."""
    places_a, places_b = claim_places(a), claim_places(b)
    if not places_a or not places_b:
        return not places_a and not places_b
    return any(
        is_within(x, y, gazetteer) or is_within(y, x, gazetteer) for x in places_a for y in places_b
    )


def window_of(claim: Claim, published_at: date | None) -> tuple[date | None, date | None]:
    """The days a claim covers; a claim with no window covers its publication day."""
    if claim.window_start or claim.window_end:
        return claim.window_start, claim.window_end or published_at
    return published_at, published_at


def windows_overlap(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """True when two windows share a day; an open end overlaps everything on that side."""
    # every known start on or before every known end (spelt out: this runs 10^5 times a
    # briefing, and generators over max and min cost three times as much)
    (start_a, end_a), (start_b, end_b) = a, b
    return (
        (start_a is None or end_a is None or start_a <= end_a)
        and (start_a is None or end_b is None or start_a <= end_b)
        and (start_b is None or end_a is None or start_b <= end_a)
        and (start_b is None or end_b is None or start_b <= end_b)
    )
