"""`sitroom places ...`: the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.domain import PlaceKind
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
    Example: sitroom places import src/sitroom/sample/geo/aleppo-neighbourhoods.geojson --parent Aleppo --variants src/sitroom/sample/geo/aleppo-neighbourhood-name-variants.json
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
