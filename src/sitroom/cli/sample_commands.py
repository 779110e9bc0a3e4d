"""`sitroom sample load` and `sitroom demo`: the bundled sample, end to end."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, QuietOption, progress_for, refuse_on
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.sample import SAMPLE_DATE, SAMPLE_PLACE, load_sample, sample_dir
from sitroom.report.build import briefing_for
from sitroom.report.markdown import render_markdown
from sitroom.store.database import Store, database_url, open_store

sample_app = typer.Typer(
    help="The bundled sample: four reports of Aleppo, December 2016.", no_args_is_help=True
)
app.add_typer(sample_app, name="sample")


@sample_app.command("load")
def sample_load(db: DbOption = None, quiet: QuietOption = False) -> None:
    """Import the bundled sample reports (and their claims) into the database.

    Running it again changes nothing.

    \b

    \b
    Example: sitroom sample load --db sqlite:///sitroom.db
    """
    with refuse_on():
        result = load_sample(
            open_store(db), gazetteer=bundled_gazetteer(), progress=progress_for(quiet)
        )
    typer.echo(f"{result.new} new, {result.unchanged} unchanged, {result.claims} claims")


@sample_app.command("path")
def sample_path() -> None:
    """Print the folder of the bundled sample: reports, gold annotations, places, control.

    For the examples of other commands, from any folder.

    \b

    \b
    Example: sitroom sample path
    """
    typer.echo(str(sample_dir()))


@app.command("demo")
def demo(
    db: DbOption = None,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the dashboard after printing.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    quiet: QuietOption = False,
) -> None:
    """Load the sample into a fresh database, print the briefing, serve the dashboard.

    Without --db the database is a new SQLite file in a temporary folder, so the demo
    never touches your own data. Stop the server with Ctrl-C.

    \b

    \b
    Example: sitroom demo --no-serve
    """
    url = (
        database_url(db)
        if db
        else database_url(str(Path(tempfile.mkdtemp(prefix="sitroom-demo-")) / "sitroom.db"))
    )
    with refuse_on():
        store = Store(url)
        result = load_sample(store, gazetteer=bundled_gazetteer(), progress=progress_for(quiet))
        typer.echo(
            f"sample: {result.new} new, {result.unchanged} unchanged, "
            f"{result.claims} claims ({url})",
            err=True,
        )
        briefing = briefing_for(store, SAMPLE_PLACE, date.fromisoformat(SAMPLE_DATE))
    typer.echo(render_markdown(briefing))
    if serve:
        from sitroom.cli.serve_commands import run_server

        run_server(url, host, port)
