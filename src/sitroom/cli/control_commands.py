"""`sitroom control ...`: territorial control from mapped neighbourhoods."""

from __future__ import annotations

import getpass
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, check_writable, refuse_on
from sitroom.geo.render import shares_json, shares_text, state_geojson, timeline_png
from sitroom.geo.shares import ControlMap
from sitroom.geo.stored import NoControlData, control_map, parties_for
from sitroom.ingest.control import import_control_file
from sitroom.store.database import open_store

control_app = typer.Typer(
    help="Who holds what: control observations, shares, timelines.", no_args_is_help=True
)
app.add_typer(control_app, name="control")

PlaceArgument = Annotated[
    str,
    typer.Argument(
        help='An area with mapped places inside it, by name or P-code: a city ("Aleppo"), a '
        'neighbourhood, a governorate ("SY02"), or "east Aleppo".'
    ),
]
DateOption = Annotated[
    datetime | None,
    typer.Option(
        "--date",
        formats=["%Y-%m-%d"],
        help="The day, YYYY-MM-DD. Default: the latest day with an observation.",
        show_default=False,
    ),
]


@control_app.command("import")
def control_import(
    path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="CSV: place, actor, status, observed_at, claimant, source_title, source_url, ...",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Import control observations, all or nothing; the same file twice changes nothing.

    Places must be stored, by name or P-code (sitroom sample load, or sitroom places import).

    \b

    \b
    Example: sitroom control import "$(sitroom sample path)/control/aleppo-2016-control-observations.csv"
    """
    with refuse_on():
        result = import_control_file(open_store(db), path, who=_default_who())
    if result.unchanged:
        typer.echo(f"{path}: unchanged (imported before)")
    else:
        typer.echo(f"{path}: {result.claims} observations written")
        for note in result.notes:
            typer.echo(f"note: {note}", err=True)


@control_app.command("share")
def control_share(
    place: PlaceArgument, date: DateOption = None, json_out: JsonOption = False, db: DbOption = None
) -> None:
    """Print each actor's share of PLACE's area on a date: held, contested, disputed, unknown.

    Disputed places (claimants disagree on their latest day) are listed with their claims.

    \b

    \b
    Example: sitroom control share Aleppo --date 2016-12-09
    """
    with refuse_on():
        control = control_map(open_store(db, create=False))
        shares = control.shares(place, _day(control, date))
    if json_out:
        typer.echo(json.dumps(shares_json(shares), ensure_ascii=False, indent=2))
    else:
        typer.echo(shares_text(shares))


@control_app.command("timeline")
def control_timeline(
    place: PlaceArgument,
    start: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day, YYYY-MM-DD.")
    ],
    end: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day, YYYY-MM-DD.")
    ],
    png: Annotated[
        Path | None,
        typer.Option("--png", dir_okay=False, help="Also draw the timeline to this PNG."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Print each actor's daily share of PLACE's area (percent held), one row per day.

    \b

    \b
    Example: sitroom control timeline Aleppo --from 2016-11-15 --to 2016-12-22 --png aleppo-control.png
    """
    with refuse_on():
        if png is not None:
            check_writable(png)
        store = open_store(db, create=False)
        series = control_map(store).timeline(place, start.date(), end.date())
        colours = parties_for(store).colours
    if png is not None:  # before printing: a reader that closes the pipe must not lose it
        with refuse_on(OSError):
            timeline_png(series, png, colours)
        typer.echo(f"wrote {png}", err=True)
    actors = sorted({a for s in series for a in s.held})
    typer.echo("\t".join(["date", *actors, "contested", "disputed", "unknown"]))
    for day in series:
        cells = [f"{day.held.get(a, 0.0):.1f}" for a in actors]
        cells += [f"{day.contested:.1f}", f"{day.disputed:.1f}", f"{day.unknown:.1f}"]
        typer.echo("\t".join([day.on.isoformat(), *cells]))


@control_app.command("geojson")
def control_geojson(place: PlaceArgument, date: DateOption = None, db: DbOption = None) -> None:
    """Print PLACE's polygons with their state and controller on a date, as GeoJSON.

    \b

    \b
    Example: sitroom control geojson Aleppo --date 2016-12-09 > aleppo-2016-12-09.geojson
    """
    with refuse_on():
        control = control_map(open_store(db, create=False))
        document = state_geojson(control, place, _day(control, date))
    typer.echo(json.dumps(document, ensure_ascii=False))


def _day(control: ControlMap, given: datetime | None) -> date:
    """The day asked for, else the latest day with an observation; refused with none."""
    if given is not None:
        return given.date()
    days = control.ledger.days
    if not days:
        raise NoControlData("no control observations are stored (sitroom control import)")
    return max(days)


def _default_who() -> str:
    return os.environ.get("USER") or getpass.getuser()
