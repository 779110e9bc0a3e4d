"""`sitroom events`: ACLED exports in, the stored events listed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on

events_app = typer.Typer(
    help="Events in ACLED's layout: import ACLED exports, list what is stored.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")


@events_app.command("import")
def events_import(
    paths: Annotated[list[Path], typer.Argument(help="ACLED CSV exports.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Import ACLED CSV exports: new events added, revised ones updated.

    A row whose event_id_cnty is stored replaces it only when its timestamp is newer, so
    importing the same export again changes nothing. Every row is checked first (date,
    fatalities, timestamp, coordinates); one bad cell refuses the import, naming its line
    and column. Events are counted beside claims in the briefing, never added to them.

    \b
    Example: sitroom events import "$(sitroom sample path)/events/acled-layout-rows.csv"
    """
    from sitroom.ingest.acled import import_acled
    from sitroom.store.database import open_store

    with refuse_on():
        done = import_acled(open_store(db), paths)
    typer.echo(f"{done.new} new, {done.updated} updated, {done.unchanged} unchanged")


@events_app.command("list")
def events_list(db: DbOption = None) -> None:
    """List the stored events: date, id, type, location, fatalities.

    \b
    Example: sitroom events list
    """
    from sitroom.store.database import open_store
    from sitroom.store.events import list_events

    with refuse_on():
        store = open_store(db, create=False)
        with store.session() as session:
            events = list_events(session)
    for e in events:
        where = ", ".join(p for p in (e.location, e.admin1, e.country) if p)
        typer.echo(
            f"{e.event_date}\t{e.event_id_cnty}\t{e.event_type}\t{where}\t{e.fatalities} fatalities"
        )
