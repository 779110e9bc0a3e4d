"""`sitroom places ...`: the gazetteer."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, refuse_on
from sitroom.domain import Place, PlaceKind
from sitroom.geo.boundaries import BoundaryFields
from sitroom.geo.bundled import bundled_places
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for
from sitroom.geo.world import world_table
from sitroom.ingest.control import find_place
from sitroom.ingest.places import import_places_file
from sitroom.store.database import DEFAULT_FILE, ENV_VAR, open_store

places_app = typer.Typer(
    help="The gazetteer: places, their spellings and areas.", no_args_is_help=True
)
app.add_typer(places_app, name="places")


@places_app.command("import")
def places_import(
    path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Admin boundaries or neighbourhoods (.geojson/.json, a .shp shapefile or a "
            ".zip holding one), or a .csv of points (name, lat, lon, optional pcode, parent).",
        ),
    ],
    name_field: Annotated[
        str | None,
        typer.Option(
            "--name-field",
            "--name",
            help="Field holding the name [found: the deepest ADMn_EN, else NAME, name:en, name].",
            show_default=False,
        ),
    ] = None,
    code_field: Annotated[
        str | None,
        typer.Option(
            "--code-field",
            help="Field holding the P-code [found: ADMn_PCODE; a CSV's pcode column].",
            show_default=False,
        ),
    ] = None,
    parent_field: Annotated[
        str | None,
        typer.Option(
            "--parent-field",
            help="Field holding the parent's name or P-code [found: ADM(n-1)_PCODE; parent].",
            show_default=False,
        ),
    ] = None,
    arabic_field: Annotated[
        str | None,
        typer.Option(
            "--arabic-field",
            "--arabic",
            help="Field holding the Arabic name [found: ADMn_AR, NAME_A, name:ar].",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        PlaceKind | None,
        typer.Option(
            "--kind",
            help="Kind of every place [found: the ADM level; else neighbourhood, CSV settlement].",
            show_default=False,
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent", help="The place they all lie in (name or P-code), e.g. Aleppo or SY02."
        ),
    ] = None,
    suffix: Annotated[
        str,
        typer.Option(
            "--suffix",
            help='Added to each name, the bare name kept as an alias: "Governorate" names '
            'admin1 "Aleppo" "Aleppo Governorate", apart from the city.',
        ),
    ] = "",
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Accept shapely's make_valid repair of invalid polygons (each one reported); "
            "without it such a file is refused.",
        ),
    ] = False,
    variants: Annotated[
        Path | None,
        typer.Option(
            "--variants",
            exists=True,
            dir_okay=False,
            help="JSON of spelling variants (CSR neighborhoods-names.json) added as aliases.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Import places with their names, P-codes, parents, aliases and areas (km², equal-area).

    Reads COD admin boundaries (ADM2_EN, ADM2_PCODE, ADM1_PCODE ...), OSM exports (name,
    name:en, name:ar) and CSV points. Several features of one name and P-code become one
    place; a parent given by P-code is stored by its name. The whole file is refused on any
    problem; a file imported before changes nothing.

    \b

    \b
    Example: sitroom places import "$(sitroom sample path)/geo/aleppo-neighbourhoods.geojson" --parent Aleppo --variants "$(sitroom sample path)/geo/aleppo-neighbourhood-name-variants.json"
    """
    fields = BoundaryFields(
        name=name_field,
        code=code_field,
        parent_field=parent_field,
        name_ar=arabic_field,
        kind=kind,
        parent=parent,
        suffix=suffix,
        repair=repair,
    )
    with refuse_on():
        done = import_places_file(
            open_store(db), path, fields, variants=variants, who=_default_who()
        )
    for note in done.notes:
        typer.echo(f"note: {note}", err=True)
    if done.result.unchanged:
        typer.echo(f"{path}: unchanged (imported before)")
    else:
        typer.echo(f"{path}: {done.result.claims} places written")


def _default_who() -> str:
    return os.environ.get("USER") or getpass.getuser()


def _default_database_exists() -> bool:
    """Whether $SITROOM_DATABASE_URL names a database, or ./sitroom.db exists."""
    if os.environ.get(ENV_VAR):
        return True
    return Path(DEFAULT_FILE).exists()


@places_app.command("list")
def places_list(
    within: Annotated[
        str | None,
        typer.Option("--within", help="Only places inside this one (its gazetteer children)."),
    ] = None,
    kind: Annotated[
        PlaceKind | None, typer.Option("--kind", help="Only places of this kind.")
    ] = None,
    world: Annotated[
        bool,
        typer.Option(
            "--world", help="Also list the world's places (GeoNames countries, divisions, towns)."
        ),
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Also list the places stored in this database (URL or SQLite file).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the places `briefing --place` and the extractor know: name, kind, parent, spellings,
    P-code.

    The bundled gazetteer (Syria's governorates, Aleppo and its neighbourhoods, populated
    places), with the database's stored places first (--db, else $SITROOM_DATABASE_URL,
    else ./sitroom.db when it exists), with --world or a --within that is a world
    place (--within Sudan) the world's too. Any spelling listed works (transliterations and
    accents are folded).

    \b

    \b
    Example: sitroom places list --within Aleppo --kind neighbourhood
    """
    with refuse_on():
        gazetteer = (
            gazetteer_for(open_store(db, create=False), measured=True)
            if db or _default_database_exists()
            else Gazetteer(bundled_places(), world_table())
        )
        area = find_place(within, gazetteer) if within else None
    if area is not None:
        places = gazetteer.inside(area)
        if not world and area.name in gazetteer.places:
            places = [p for p in places if p.name in gazetteer.places]
    else:
        places = list(gazetteer.all_places() if world else gazetteer.places.values())
    places = [p for p in places if kind is None or p.kind is kind]
    if as_json:
        typer.echo(json.dumps([_place_record(p) for p in places], ensure_ascii=False, indent=1))
        return
    typer.echo("\t".join(("name", "kind", "parent", "other spellings", "pcode")))
    for place in places:
        spellings = ", ".join(_spellings(place))
        cells = (place.name, place.kind.value, place.parent or "", spellings, place.pcode or "")
        typer.echo("\t".join(cells))
    typer.echo(f"{len(places)} places", err=True)


def _spellings(place: Place) -> list[str]:
    """Its other spellings, each once (the bundled files list some twice)."""
    found = dict.fromkeys((*place.aliases, *([place.name_ar] if place.name_ar else [])))
    found.pop(place.name, None)
    return list(found)


def _place_record(place: Place) -> dict[str, object]:
    return {
        "name": place.name,
        "kind": place.kind.value,
        "parent": place.parent,
        "aliases": [a for a in _spellings(place) if a != place.name_ar],
        "name_ar": place.name_ar,
        "pcode": place.pcode,
        "area_km2": place.area_km2,
    }
