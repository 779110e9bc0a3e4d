"""`sitroom places ...`: the gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, refuse_on
from sitroom.domain import Place, PlaceKind
from sitroom.geo.bundled import bundled_places
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for
from sitroom.geo.world import world_table
from sitroom.ingest.control import find_place
from sitroom.ingest.places import import_places_file
from sitroom.store.database import open_store

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
            help="A .geojson/.json FeatureCollection or a .csv of points (lat, lon, name).",
        ),
    ],
    name_property: Annotated[
        str, typer.Option("--name", help="Property (GeoJSON) or column (CSV) holding the name.")
    ] = "NAME",
    arabic_property: Annotated[
        str, typer.Option("--arabic", help="Property holding the Arabic name; empty for none.")
    ] = "NAME_A",
    kind_property: Annotated[
        str | None, typer.Option("--kind-property", help="Property holding each place's kind.")
    ] = None,
    kind: Annotated[
        PlaceKind, typer.Option("--kind", help="Kind of every place when no --kind-property.")
    ] = PlaceKind.NEIGHBOURHOOD,
    parent: Annotated[
        str | None, typer.Option("--parent", help="Name of the place these lie in, e.g. Aleppo.")
    ] = None,
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
    """Import places with their names, aliases and areas (km², equal-area projection).

    Several features of one name become one place; a file imported before changes nothing.

    \b

    \b
    Example: sitroom places import "$(sitroom sample path)/geo/aleppo-neighbourhoods.geojson" --parent Aleppo --variants "$(sitroom sample path)/geo/aleppo-neighbourhood-name-variants.json"
    """
    with refuse_on():
        result = import_places_file(
            open_store(db),
            path,
            name_property=name_property,
            arabic_property=arabic_property or None,
            kind_property=kind_property,
            kind=kind,
            parent=parent,
            variants=variants,
        )
    if result.unchanged:
        typer.echo(f"{path}: unchanged (imported before)")
    else:
        typer.echo(f"{path}: {result.claims} places written")


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
    """List the places `briefing --place` and the extractor know: name, kind, parent, spellings.

    The bundled gazetteer (Syria's governorates, Aleppo and its neighbourhoods, populated
    places), with --db the stored places first, with --world or a --within that is a world
    place (--within Sudan) the world's too. Any spelling listed works (transliterations and
    accents are folded).

    \b

    \b
    Example: sitroom places list --within Aleppo --kind neighbourhood
    """
    with refuse_on():
        gazetteer = (
            gazetteer_for(open_store(db, create=False), measured=True)
            if db
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
    typer.echo("\t".join(("name", "kind", "parent", "other spellings")))
    for place in places:
        spellings = ", ".join(_spellings(place))
        typer.echo("\t".join((place.name, place.kind.value, place.parent or "", spellings)))
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
