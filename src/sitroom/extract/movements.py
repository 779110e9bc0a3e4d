"""Where a movement went: origin and destination from the words before place names.

The words are data (`movements.toml`): "from A to B", "out of A ... to B", "heading to B",
"arrived in B from A", "crossed into B", "relocated to B", in either order. A place must
follow its word within a couple of words; the places joined to it by "and" or commas go
with it ("from Nyala, Zalingi and El Obeid towns").
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitroom.extract.places import PlaceSpan, coordinated, in_organisation_name

# words allowed between a movement word and its place: "to neighbouring Chad", "to shelters
# in western Aleppo"; no figure, no punctuation, no other movement word ("to have crossed
# from Lebanon" is not a destination)
_GAP = re.compile(r"\s*(?:[A-Za-z'’-]+\s+){0,4}$")
_CLAUSE_END = re.compile(r"[;.]|,\s+(?:according|while|which|who|but)\b|\s[–—]\s")


@dataclass(frozen=True)
class Movement:
    """Where a movement went: the places after origin and destination words, "; "-joined."""

    origin: str | None
    destination: str | None
    destination_is_zone: bool = False
    arrival: bool = False  # "arrived at": the figure's place is where they arrived


@dataclass(frozen=True)
class _Words:
    origin: re.Pattern[str]
    destination: re.Pattern[str]
    arrival: frozenset[str]
    arrived: re.Pattern[str]
    at: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # the longest phrase wins
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _words() -> _Words:
    raw = tomllib.loads(
        resources.files("sitroom").joinpath("movements.toml").read_text(encoding="utf-8")
    )
    return _Words(
        re.compile(rf"\b(?:{_alternation(raw['origin'])})\b", re.I),
        re.compile(rf"\b(?:{_alternation(raw['destination'])})\b", re.I),
        frozenset(" ".join(w.split()) for w in raw["arrival"]),
        re.compile(rf"\b(?:{_alternation(raw['arrived'])})\b", re.I),
        re.compile(r"\b(?:in|at)\b", re.I),
    )


def movement(
    text: str, start: int, end: int, spans: list[PlaceSpan], starts: list[int] | None = None
) -> Movement:
    """Return the origin and destination written in `text[start:end]`.

    `spans` are the places of the text in order, `starts` their start offsets (give them,
    built once per document: building them per call makes a document's calls quadratic).
    Linear in the length of the clause: each movement word looks up the first place after
    it by bisection.
    """
    words = _words()
    stop = _CLAUSE_END.search(text, start, end)
    end = stop.start() if stop else end
    if starts is None:
        starts = [s.start for s in spans]
    origin = _places_after(text, start, end, spans, starts, words.origin)
    destination = _places_after(text, start, end, spans, starts, words.destination)
    arrived = words.arrived.search(text, start, end) is not None
    arrival = False
    if destination is not None:
        arrival = arrived or " ".join(destination[0].lower().split()) in words.arrival
    elif arrived:
        destination = _places_after(text, start, end, spans, starts, words.at)
        arrival = destination is not None
    dest = destination[1] if destination else None
    return Movement(
        _join(origin[1]) if origin else None,
        _join(dest) if dest else None,
        bool(dest) and all(s.controlled_area for s in dest or []),
        arrival,
    )


def _places_after(
    text: str,
    start: int,
    end: int,
    spans: list[PlaceSpan],
    starts: list[int],
    word: re.Pattern[str],
) -> tuple[str, list[PlaceSpan]] | None:
    """Return (the word, the places it leads to) for the first word of `word` in the clause
    that a place follows, or None."""
    words = _words()
    for match in word.finditer(text, start, end):
        k = bisect_left(starts, match.end())
        unknown = _unknown_place(text, match.end(), end)
        if unknown is not None and (k == len(spans) or spans[k].start >= unknown.end):
            # "arrived in Tawila from El Fasher": the name after the word, though the
            # gazetteer knows only a place further on
            return match.group(0), [unknown]
        if k == len(spans) or spans[k].end > end:
            return None
        gap = text[match.end() : spans[k].start]
        if not _GAP.match(gap) or words.origin.search(gap) or words.destination.search(gap):
            continue
        # a named place beats a side's zone ("to opposition-held areas of rural Aleppo")
        named = k
        while named < len(spans) and spans[named].controlled_area and spans[named].end <= end:
            named += 1
        if (
            named < len(spans)
            and spans[named].end <= end
            and named != k
            and _GAP.match(text[spans[k].end : spans[named].start])
        ):
            k = named
        return match.group(0), coordinated(text, spans, k)
    return None


# a name the gazetteer does not know, right after a movement word: "fled from El Fasher to
# Tawila", "taken to Saudi Hospital", "to Kin Ma village"
_NAME = re.compile(
    r"\s+(?:the\s+)?((?:(?:al|el|as|ash|ad|ar|an|az)[-\s])?[A-Z][a-z][\w'’-]*"
    r"(?:[-\s](?:(?:al|el|de|of)[-\s])?[A-Z][\w'’-]*){0,3}"
    r"(?:\s+(?:village|town|city|camp|district|sub-district|township|area|hospital))?)"
)
# capitalised words that open no place name (months, days, pronouns)
_NOT_A_NAME = frozenset(
    (
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December", "Monday", "Tuesday"),
        *("Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "That"),
        *("These", "Those", "It", "Its", "They", "Their", "He", "She", "We"),
    )
)


def _unknown_place(text: str, at: int, end: int) -> PlaceSpan | None:
    """Return a capitalised name right after a movement word as a place, or None."""
    found = _NAME.match(text, at, end)
    if found is None or found.group(1).split()[0] in _NOT_A_NAME:
        return None
    if in_organisation_name(text, found.start(1), found.end(1)) and not re.search(
        r"(?i)hospital|clinic|camp|school|centre|center|shelter", found.group(1)
    ):
        return None
    return PlaceSpan(found.start(1), found.end(1), " ".join(found.group(1).split()))


def _join(spans: list[PlaceSpan]) -> str:
    return "; ".join(dict.fromkeys(s.name for s in spans))
