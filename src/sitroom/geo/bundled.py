"""The bundled gazetteer: the package's sample places as Places, without a database.

Order matters (the gazetteer gives a spelling to the first place that claims it): the city
of Aleppo and the derived areas, the key places of the canonical briefing, the 14
governorates, Aleppo's neighbourhoods, then GeoNames populated places.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from sitroom.domain import Place, PlaceKind
from sitroom.geo.areas import point, union
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import name_key
from sitroom.geo.readers import (
    GeoJsonFields,
    read_geojson,
    read_points_csv,
    read_variants,
    with_variants,
)
from sitroom.geo.world import world_table

CITY = "Aleppo"
EAST = "East Aleppo"
WEST = "West Aleppo"
NEIGHBOURHOODS_FILE = "aleppo-neighbourhoods.geojson"
VARIANTS_FILE = "aleppo-neighbourhood-name-variants.json"
GOVERNORATES_FILE = "syria-governorates.geojson"
GEONAMES_FILE = "syria-places-geonames.csv"
KEY_PLACES_FILE = "key-places.csv"
GEO_FILES = (KEY_PLACES_FILE, GOVERNORATES_FILE, NEIGHBOURHOODS_FILE, VARIANTS_FILE, GEONAMES_FILE)

# geoBoundaries/OCHA spell governorates one way, GeoNames and the press another
GOVERNORATE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Idleb": ("Idlib",),
    "Lattakia": ("Latakia", "Latakia Governorate"),
    "Tartous": ("Tartus", "Tartus Governorate"),
    "Deir-ez-Zor": ("Deir ez-Zor", "Deir ez-Zor Governorate", "Deir al-Zour"),
    "Al-Hasakeh": ("Al-Hasakah", "Hasakah", "Al-Hasakah Governorate"),
    "Ar-Raqqa": ("Raqqa", "Ar-Raqqah", "Raqqa Governorate"),
    "Dar'a": ("Daraa", "Deraa", "Daraa Governorate"),
    "As-Sweida": ("As-Suwayda", "Sweida", "Suwayda", "As-Suwayda Governorate"),
    "Rural Damascus": ("Rif Dimashq", "Rif-dimashq", "Damascus Countryside"),
    "Quneitra": ("Al Qunaytirah Governorate",),
}
# GeoNames admin1 names -> geoBoundaries governorate names
_GEONAMES_ADMIN1 = {
    "Idlib": "Idleb",
    "Latakia": "Lattakia",
    "Tartus": "Tartous",
    "Deir ez-Zor": "Deir-ez-Zor",
    "Al-Hasakah": "Al-Hasakeh",
    "Ar-Raqqah": "Ar-Raqqa",
    "Daraa": "Dar'a",
    "As-Suwayda": "As-Sweida",
    "Rif-dimashq": "Rural Damascus",
    "Dimashq": "Damascus",
}
_KEY_KINDS = {
    "city point": PlaceKind.CITY,
    "town point": PlaceKind.SETTLEMENT,
    "section of populated place (PPLX)": PlaceKind.SITE,
    "no coordinates found": PlaceKind.SITE,
}
# key-places.csv gives no parent for Mahalej but says where it is: "in the Jibreen area"
_KEY_PARENTS = {"Mahalej": "Jibreen"}
# names reports use for places that are not features of their own, as mapped in
# sample/control/README.md ("Name mapping"); only the unambiguous ones
_REPORT_NAMES = {
    "Hanano": ("Masaken Hanano", "Masakin Hanano", "Hanano housing"),
    "al-Ma'asaraniyeh Youth Housing": ("Karm al-Tarrab",),
    "Karm Homad": ("Karm al-Tahhan",),
    "al-Fardos": ("Jisr al-Hajj", "Jesr al-Hajj"),
    "Rasafeh": ("Bani Zeid", "Bani Zaid"),
    "az-Zahra’": ("Jam'iyyat al-Zahra", "Jamiyat al-Zahra"),
    "al-Belleramoon": ("al-Layramoun", "Layramoun"),
}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_ARABIC = re.compile(r"[\u0600-\u06FF][\u0600-\u06FF\s]*[\u0600-\u06FF]")


def sample_geo_dir() -> Path:
    """The directory of the bundled geographic sample files."""
    return Path(str(resources.files("sitroom").joinpath("sample", "geo")))


def governorate_name(short: str) -> str:
    """The gazetteer name of a governorate: "Idleb" gives "Idleb Governorate"."""
    return f"{short} Governorate"


def _spellings(cell: str) -> list[str]:
    """Name variants of a key-places.csv cell: notes in brackets dropped, Arabic kept bare."""
    found = []
    for part in cell.split(";"):
        for piece in _PARENTHESIS.sub("", part).split("/"):
            arabic = _ARABIC.search(piece)
            text = arabic.group(0) if arabic else piece.strip()
            if text:
                found.append(text)
    return found


def _key_places(path: Path) -> tuple[list[Place], dict[str, tuple[str, ...]]]:
    """Key places as Places, and the aliases of those that are neighbourhood polygons."""
    places: list[Place] = []
    polygon_aliases: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = _PARENTHESIS.sub("", row["place"]).strip()
            spellings = [s for s in _spellings(row["name_variants"]) if s != name]
            if row["place"] != name:
                spellings.append(row["place"])
            arabic = next((s for s in spellings if _ARABIC.fullmatch(s)), None)
            aliases = tuple(dict.fromkeys(s for s in spellings if s != arabic))
            if row["kind"] == "polygon centroid":
                # Jibrin is the Jibreen polygon: its spellings become that polygon's aliases
                polygon_aliases[name] = (name, *aliases)
                continue
            geometry = (
                point(float(row["lon"]), float(row["lat"])) if row["lat"] and row["lon"] else None
            )
            admin1 = _GEONAMES_ADMIN1.get(row["admin1"], row["admin1"])
            parent = _KEY_PARENTS.get(name, governorate_name(admin1))
            places.append(
                Place(
                    name,
                    _KEY_KINDS.get(row["kind"], PlaceKind.SITE),
                    aliases=aliases,
                    name_ar=arabic,
                    parent=parent,
                    geometry=geometry,
                )
            )
    return places, polygon_aliases


def _neighbourhoods(
    folder: Path, polygon_aliases: dict[str, tuple[str, ...]], measured: bool = True
) -> list[Place]:
    places = read_geojson(
        folder / NEIGHBOURHOODS_FILE, GeoJsonFields(parent=CITY), with_areas=measured
    )
    places = with_variants(places, read_variants(folder / VARIANTS_FILE))
    places = with_variants(places, _REPORT_NAMES)
    by_key = {name_key(name): aliases for name, aliases in polygon_aliases.items()}
    return [
        replace(p, aliases=tuple(dict.fromkeys((*p.aliases, *by_key[name_key(p.name)]))))
        if name_key(p.name) in by_key
        else p
        for p in places
    ]


def _governorates(folder: Path, measured: bool = True) -> list[Place]:
    places = read_geojson(
        folder / GOVERNORATES_FILE,
        GeoJsonFields(
            name="shapeName",
            name_ar=None,
            kind=PlaceKind.ADMIN1,
            parent="Syria",
            name_suffix="Governorate",
        ),
        with_areas=measured,
    )
    out = []
    for place in places:
        short = place.aliases[0]
        extra = GOVERNORATE_SPELLINGS.get(short, ())
        more = tuple(f"{s} Governorate" for s in extra if not s.endswith("Governorate"))
        out.append(replace(place, aliases=(*place.aliases, *extra, *more, f"{short} province")))
    return out


def _geonames(folder: Path, taken: list[Place]) -> list[Place]:
    """GeoNames points, less the key places of `taken` they duplicate (Aleppo, Idlib, At Tall).

    Only the key places are matched: a town sharing a neighbourhood's name is another place.
    """
    keys = {
        name_key(s)
        for p in taken
        for s in (p.name, *p.aliases)
        if p.kind in (PlaceKind.CITY, PlaceKind.SETTLEMENT, PlaceKind.SITE)
    }
    names = {p.name for p in taken}
    out = []
    for place in read_points_csv(
        folder / GEONAMES_FILE,
        parent_column="admin1",
        parent_suffix="Governorate",
        parents=_GEONAMES_ADMIN1,
        skip_unnamed=True,
    ):
        if name_key(place.name) in keys:
            continue
        name = place.name if place.name not in names else f"{place.name} ({place.parent})"
        names.add(name)
        out.append(replace(place, name=name))
    return out


def build_places(folder: Path, measured: bool = True) -> list[Place]:
    """Every bundled place from the sample files in `folder`, areas in km² computed.

    Not `measured`: no areas and no dissolved city outline, for a gazetteer of names (the
    extractor's), which then loads without numpy, shapely or pyproj.
    """
    keyed, polygon_aliases = _key_places(folder / KEY_PLACES_FILE)
    neighbourhoods = _neighbourhoods(folder, polygon_aliases, measured)
    city_area = sum(p.area_km2 or 0.0 for p in neighbourhoods)
    places: list[Place] = []
    for place in keyed:
        if place.name == CITY:
            # no separate city boundary exists: the city is the union of its neighbourhoods
            place = replace(
                place,
                aliases=(*place.aliases, "Aleppo city", "city of Aleppo"),
                geometry=union(p.geometry for p in neighbourhoods if p.geometry)
                if measured
                else None,
                area_km2=city_area if measured else None,
            )
        places.append(place)
        if place.name == CITY:
            places.append(
                Place(
                    EAST,
                    PlaceKind.AREA,
                    parent=CITY,
                    aliases=(
                        "east Aleppo",
                        "eastern Aleppo",
                        "former east Aleppo",
                        "Aleppo's east",
                        "eastern districts of Aleppo",
                        "eastern neighbourhoods of Aleppo",
                    ),
                )
            )
            places.append(
                Place(
                    WEST,
                    PlaceKind.AREA,
                    parent=CITY,
                    aliases=(
                        "west Aleppo",
                        "western Aleppo",
                        "Aleppo's west",
                        "western districts of Aleppo",
                        "western neighbourhoods of Aleppo",
                    ),
                )
            )
    places.append(
        Place("Syria", PlaceKind.COUNTRY, aliases=("Syrian Arab Republic",), name_ar="سوريا")
    )
    places.extend(_governorates(folder, measured))
    places.extend(neighbourhoods)
    places.extend(_geonames(folder, places))
    return places


def regions() -> list[Place]:
    """The regions of `places.toml` ("Darfur", "Nagorno-Karabakh", "Gaza Strip"): places
    reports name that the world's tables lack or name otherwise."""
    text = resources.files("sitroom").joinpath("places.toml").read_text(encoding="utf-8")
    return [
        Place(
            entry["name"],
            PlaceKind.AREA,
            aliases=tuple(entry.get("aliases", ())),
            parent=entry.get("parent") or None,
        )
        for entry in tomllib.loads(text).get("regions", [])
    ]


@cache
def bundled_places() -> list[Place]:
    """The bundled sample's places with their areas, then the regions of `places.toml`
    (cached; callers must not mutate the list)."""
    return [*build_places(sample_geo_dir()), *regions()]


@cache
def named_places() -> list[Place]:
    """`bundled_places()` without areas or a dissolved city outline: what a gazetteer of
    names needs, read without the geometry libraries (cached; do not mutate)."""
    return [*build_places(sample_geo_dir(), measured=False), *regions()]


@cache
def bundled_gazetteer() -> Gazetteer:
    """A Gazetteer of `bundled_places()` before the world's, built once: "Aleppo" is the
    city. Without a store; `sitroom.geo.stored.gazetteer_for` adds the stored places."""
    return Gazetteer(named_places(), world_table())
