"""The gazetteer: places by every spelling, and the places named in a text."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from sitroom.domain import Place
from sitroom.geo.names import WORD, fold, match_key, name_key

if TYPE_CHECKING:
    from sitroom.geo.world import WorldTable


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text at `text[start:end]`."""

    start: int
    end: int
    written: str
    place: Place


# what may stand between two words of one name: "Al-Hudaydah", "Cox's Bazar", "Deir ez-Zor"
_JOIN = re.compile(r"[ \t\-'’‘`ʿʾ]{1,2}")
# a leading article written before a name the world gazetteer knows without it
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "at", "az", "an", "ath", "adh"})
_SMALL_WORDS = frozenset({"of", "the", "de", "del", "la", "le", "al", "el", "and", "on", "upon"})


@cache
def not_places() -> frozenset[str]:
    """The spellings the world gazetteer never finds on their own (`places.toml`)."""
    text = resources.files("sitroom").joinpath("places.toml").read_text("utf-8")
    return frozenset(match_key(s) for s in tomllib.loads(text)["world"]["not_places"])


class Gazetteer:
    """Places looked up by name, alias or spelling variant.

    Built once from a list of Places (the store's, or the bundled sample's) and, when
    given, the world table (`sitroom.geo.world`) behind them: a spelling belongs to the
    first place that claims it, and the listed places come before the world. Lookups
    are dictionary hits on `match_key` and `name_key`, so "Mahalij" finds "Mahalej" and
    "Idleb" finds "Idlib".
    """

    def __init__(self, places: Iterable[Place], world: WorldTable | None = None) -> None:
        self.places: dict[str, Place] = {}
        self._by_key: dict[str, Place] = {}
        # exact spellings (folded) answer first: consonant keys can collide, "az-Zuhour"
        # and "az-Zahra’" both give "zhr"
        self._by_fold: dict[str, Place] = {}
        for place in places:
            self.places[place.name] = place
        # P-codes ("SY02", "SD01"), written in any case: the first place given one keeps it
        self._by_pcode: dict[str, Place] = {}
        for place in self.places.values():
            if place.pcode:
                self._by_pcode.setdefault(place.pcode.strip().upper(), place)
        # names before aliases, so a variant listed for one place never hides another
        # place's own name; within each pass the first place to claim a spelling keeps
        # it: callers list the more important places (cities, governorates) first
        for place in self.places.values():
            self._by_fold.setdefault(fold(place.name), place)
        for place in self.places.values():
            for spelling in _other_spellings(place):
                self._by_fold.setdefault(fold(spelling), place)
        for place in self.places.values():
            key = name_key(place.name)
            if key and key not in self._by_key:
                self._by_key[key] = place
        for place in self.places.values():
            for spelling in _other_spellings(place):
                key = name_key(spelling)
                if key and key not in self._by_key:
                    self._by_key[key] = place
        # the words of each spelling, for matching texts word by word; spellings of fewer
        # than three letters ("Al", "Da") are never looked for
        self._spelled: dict[str, Place] = {}
        self._prefixes: set[str] = set()
        for place in self.places.values():
            for spelling in (place.name, *place.aliases):
                key = match_key(spelling)
                if len(key.replace(" ", "")) >= 3:
                    self._spelled.setdefault(key, place)
                    self._prefixes.update(_prefixes(key))
        self._local_starts = frozenset(key.split(" ")[0] for key in self._spelled)
        self.world = world
        self._world_places: dict[int, Place] = {}
        self._not_places = not_places() if world is not None else frozenset()

    def __len__(self) -> int:
        return len(self.places) + (len(self.world) if self.world is not None else 0)

    def all_places(self) -> Iterator[Place]:
        """Every place: the listed ones, then the world's that they do not shadow."""
        yield from self.places.values()
        if self.world is not None:
            from sitroom.geo.world import world_aliases

            aliases = world_aliases()
            for index, name in enumerate(self.world.names):
                if name not in self.places:
                    place = self._world_place(index)
                    yield replace(place, aliases=tuple(aliases.get(index, ())))

    def find(self, name: str) -> Place | None:
        """The place called `name` in any known spelling or with P-code `name`, or None.

        A kind word written after a name the gazetteer knows bare is read as that place:
        "Saltivskyi district" is the stored "Saltivskyi".
        """
        found = self._find(name)
        if found is None:
            bare = _KIND_WORD.sub("", name)
            if bare != name and bare.strip():
                found = self._find(bare)
        return found

    def _find(self, name: str) -> Place | None:
        found = self._by_pcode.get(name.strip().upper()) or self._by_fold.get(fold(name))
        if found is not None or self.world is None:
            return found or self._by_key.get(name_key(name))
        index = self._world_index(name)
        if index is not None:
            return self._world_place(index)
        return self._by_key.get(name_key(name)) or self._world_guess(name)

    def find_spelled(self, name: str) -> Place | None:
        """The place spelt exactly `name` (case, accents and punctuation aside), or None:
        no consonant-key guess, so a single word ("dar") finds no place it only resembles."""
        found = self._by_pcode.get(name.strip().upper()) or self._by_fold.get(fold(name))
        if found is not None or self.world is None:
            return found
        index = self._world_index(name)
        return self._world_place(index) if index is not None else None

    def _world_index(self, name: str) -> int | None:
        assert self.world is not None
        # a spelling first ("Mount Lebanon" is the governorate, as in texts), then the
        # unique names that parents refer to ("Tripoli (Lebanon)")
        found = self.world.spellings.get(match_key(name))
        if found is None:
            found = self.world.by_folded_name.get(fold(name))
        return found

    def _world_guess(self, name: str) -> Place | None:
        assert self.world is not None
        index = self.world.guesses.get(name_key(name))
        return self._world_place(index) if index is not None else None

    def _world_place(self, index: int) -> Place:
        place = self._world_places.get(index)
        if place is None:
            from sitroom.geo.world import KINDS

            world = self.world
            assert world is not None
            parent = world.parents[index]
            place = Place(
                world.names[index],
                KINDS[world.kinds[index]],
                parent=world.names[parent] if parent >= 0 else None,
            )
            self._world_places[index] = place
        return place

    def pcodes(self) -> dict[str, Place]:
        """The listed places that have a P-code, by P-code (upper case)."""
        return dict(self._by_pcode)

    def population(self, place: Place) -> int | None:
        """The GeoNames population of a world place, None for a listed one."""
        if self.world is None or place.name in self.places:
            return None
        index = self._world_index(place.name)
        return self.world.populations[index] if index is not None else None

    def inside(self, area: Place) -> list[Place]:
        """The places that lie inside `area` by their parents, however deep, in gazetteer
        order (the area itself left out)."""
        every = list(self.all_places())
        children: dict[str, list[Place]] = {}
        for place in every:
            parent = self.find(place.parent) if place.parent else None
            if parent is not None and parent.name != place.name:
                children.setdefault(parent.name, []).append(place)
        found: dict[str, Place] = {}
        stack = [area.name]
        while stack:
            for child in children.get(stack.pop(), []):
                if child.name not in found and child.name != area.name:
                    found[child.name] = child
                    stack.append(child.name)
        return [p for p in every if p.name in found]

    def mentions(self, text: str) -> list[PlaceMention]:
        """Every place named in `text`, in order, the longest spelling at each word.

        Word by word, one dictionary look-up per word and per longer name it may begin,
        so the cost grows with the text, not with the gazetteer. Listed places match in
        any case. A world place must be written as a name (capitalised, not a short
        all-capitals acronym), must not be in `places.toml`'s not_places, and a name of
        fewer than four letters must be a country or a city of 100,000 people.
        """
        # a plain lower-case word folds to itself: fold only the others
        words = [
            (m.start(), m.end(), w if w.islower() and w.isascii() else fold(w))
            for m in WORD.finditer(text)
            for w in (m.group(),)
        ]
        joined = _Joined(text, words)
        local_starts = self._local_starts
        found: list[PlaceMention] = []
        i = 0
        while i < len(words):
            # a name begins with a capital, or with the first word of a listed place's
            # spelling (listed places match in any case): no other word can start one
            start, _, key = words[i]
            if not text[start].isupper() and key not in local_starts:
                i += 1
                continue
            hit = self._longest(text, words, joined, i)
            if hit is None:
                i += 1
                continue
            last, place, start = hit
            end = words[last][1]
            found.append(PlaceMention(start, end, text[start:end], place))
            i = last + 1
        return found

    def _longest(
        self,
        text: str,
        words: list[tuple[int, int, str]],
        joined: _Joined,
        i: int,
    ) -> tuple[int, Place, int] | None:
        """The longest place name starting at word `i`: (its last word, place, start)."""
        world = self.world
        key = words[i][2]
        best: tuple[int, Place, int] | None = None
        j = i
        while True:
            local = self._spelled.get(key)
            if local is not None:
                best = (j, local, words[i][0])
            elif (
                world is not None
                and (index := world.spellings.get(key)) is not None
                and self._written_as_name(text, words, i, j, key, index)
            ):
                best = (j, self._world_place(index), self._article_start(text, words, i))
            if j + 1 >= len(words) or not joined[j]:
                break
            if key not in self._prefixes and (world is None or key not in world.prefixes):
                break
            j += 1
            key = f"{key} {words[j][2]}"
        return best

    def _written_as_name(
        self, text: str, words: list[tuple[int, int, str]], i: int, j: int, key: str, index: int
    ) -> bool:
        world = self.world
        assert world is not None
        if key in self._not_places:
            return False
        written = text[words[i][0] : words[j][1]]
        if not written[0].isupper():
            return False
        for start, _, word in words[i + 1 : j + 1]:
            if len(word) > 1 and word not in _SMALL_WORDS and not text[start].isupper():
                return False
        letters = key.replace(" ", "")
        if written.isupper() and len(letters) <= 5:
            return False  # an acronym: "RSF", "SAF", "IOM"
        if len(letters) < 4:
            return world.kinds[index] == 0 or world.populations[index] >= 100_000
        return True

    def _article_start(self, text: str, words: list[tuple[int, int, str]], i: int) -> int:
        """Where a name begins with its article ("Al-" of "Al-Hudaydah"), else word `i`."""
        if i > 0 and words[i - 1][2] in _ARTICLES:
            gap = text[words[i - 1][1] : words[i][0]]
            if gap in ("-", " ") and text[words[i - 1][0]].isupper():
                return words[i - 1][0]
        return words[i][0]


# words that say what kind of place a name is: "Saltivskyi district", "Kassala State"
_KIND_WORD = re.compile(
    r"\s+(?:district|sub-district|raion|rayon|governorate|province|region|oblast|state|"
    r"county|municipality|locality|camp|town|city|village|area|neighbou?rhood)$",
    re.IGNORECASE,
)


class _Joined:
    """Whether word k and word k + 1 of a text are joined as in a name (a space, a hyphen,
    an apostrophe), looked up only for the words a name may span."""

    def __init__(self, text: str, words: list[tuple[int, int, str]]) -> None:
        self.text, self.words = text, words

    def __getitem__(self, k: int) -> bool:
        return _JOIN.fullmatch(self.text, self.words[k][1], self.words[k + 1][0]) is not None


def _other_spellings(place: Place) -> tuple[str, ...]:
    return (*place.aliases, *([place.name_ar] if place.name_ar else []))


def _prefixes(key: str) -> list[str]:
    """The word prefixes of a multi-word key: "deir ez zor" gives "deir", "deir ez"."""
    words = key.split(" ")
    return [" ".join(words[:k]) for k in range(1, len(words))]
