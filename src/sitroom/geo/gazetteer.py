"""The gazetteer: places by every spelling, and the places named in a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.domain import Place
from sitroom.geo.names import fold, name_key


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text at `text[start:end]`."""

    start: int
    end: int
    written: str
    place: Place


_Trie = dict[str, "_Trie"]  # a character trie; the key "" marks the end of a spelling


class Gazetteer:
    """Places looked up by name, alias or spelling variant.

    Built once from a list of Places (the store's, or the bundled sample's); lookups are
    dictionary hits on `name_key`, so "Mahalij" finds "Mahalej" and "Idleb" finds "Idlib".
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {}
        self._by_key: dict[str, Place] = {}
        # exact spellings (folded) answer first: consonant keys can collide, "az-Zuhour"
        # and "az-Zahra’" both give "zhr"
        self._by_fold: dict[str, Place] = {}
        for place in places:
            self.places[place.name] = place
        # names before aliases, so a variant listed for one place never hides another
        # place's own name; within each pass the first place to claim a spelling keeps
        # it: callers list the more important places (cities, governorates) first
        for place in self.places.values():
            self._by_fold.setdefault(fold(place.name), place)
        for place in self.places.values():
            for spelling in (*place.aliases, *([place.name_ar] if place.name_ar else [])):
                self._by_fold.setdefault(fold(spelling), place)
        for place in self.places.values():
            key = name_key(place.name)
            if key and key not in self._by_key:
                self._by_key[key] = place
        for place in self.places.values():
            for spelling in (*place.aliases, *([place.name_ar] if place.name_ar else [])):
                key = name_key(spelling)
                if key and key not in self._by_key:
                    self._by_key[key] = place
        self._pattern = self._compile()

    def _compile(self) -> re.Pattern[str] | None:
        spellings: set[str] = set()
        for place in self.places.values():
            spellings.update(s for s in (place.name, *place.aliases) if len(s) >= 3)
        if not spellings:
            return None
        # One trie-shaped pattern rather than an alternation of every spelling: `re` tries
        # each alternative at each position, so a flat list of ~1,000 names cost ~4 ms per
        # report; the trie shares prefixes and costs a tenth of that. Its optional tails are
        # greedy, so the longest spelling still wins ("Khan al-Shih" over "Khan").
        trie: _Trie = {}
        for spelling in spellings:
            node = trie
            for char in spelling.lower():
                node = node.setdefault(char, {})
            node[""] = {}
        return re.compile(rf"(?<!\w)(?:{_trie_regex(trie)})(?!\w)", re.IGNORECASE)

    def __len__(self) -> int:
        return len(self.places)

    def find(self, name: str) -> Place | None:
        """The place called `name` in any known spelling, or None."""
        return self._by_fold.get(fold(name)) or self._by_key.get(name_key(name))

    def find_spelled(self, name: str) -> Place | None:
        """The place spelt exactly `name` (case, accents and punctuation aside), or None:
        no consonant-key guess, so a single word ("dar") finds no place it only resembles."""
        return self._by_fold.get(fold(name))

    def inside(self, area: Place) -> list[Place]:
        """The places that lie inside `area` by their parents, however deep, in gazetteer
        order (the area itself left out)."""
        children: dict[str, list[Place]] = {}
        for place in self.places.values():
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
        return [p for p in self.places.values() if p.name in found]

    def mentions(self, text: str) -> list[PlaceMention]:
        """Every place named in `text`, in order, longest spelling first at each position."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            place = self.find(match.group(0))
            if place is not None:
                found.append(PlaceMention(match.start(), match.end(), match.group(0), place))
        return found


def _trie_regex(node: _Trie) -> str:
    """Return a regular expression matching every path of a character trie."""
    ends = "" in node
    branches = [
        _char_regex(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


def _char_regex(char: str) -> str:
    # a hyphen may be written as a space or left out, a space as a hyphen
    if char == "-":
        return r"[-\s]?"
    if char == " ":
        return r"[-\s]+"
    return re.escape(char)
