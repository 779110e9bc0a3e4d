"""`sitroom sample list|load|path` and `sitroom demo`: the bundled samples, end to end."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, QuietOption, progress_for, refuse_on
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.geo.gazetteer import Gazetteer
from sitroom.ingest.sample import Sample, find_sample, load_sample, samples
from sitroom.report.build import briefing_for
from sitroom.report.markdown import render_markdown
from sitroom.store.database import Store, database_url, open_store

sample_app = typer.Typer(
    help="The bundled samples: Aleppo, December 2016 (the default), and six crises of the world.",
    no_args_is_help=True,
)
app.add_typer(sample_app, name="sample")

SampleArgument = Annotated[
    str | None,
    typer.Argument(help="A sample of `sitroom sample list`. Default: aleppo.", show_default=False),
]


def _gazetteer(sample: Sample) -> Gazetteer | None:
    """The Aleppo sample's reports are read with the bundled gazetteer (built once); the
    others with the store's, which holds their places once they are loaded."""
    return bundled_gazetteer() if sample.bundled_geo else None


@sample_app.command("list")
def sample_list(as_json: JsonOption = False) -> None:
    """List the bundled samples: name, reports, the demo's place and date, what they hold.

    \b

    \b
    Example: sitroom sample list
    """
    rows = [
        {
            "name": s.name,
            "reports": len(s.reports()),
            "place": s.place,
            "date": s.on.isoformat(),
            "description": s.description,
        }
        for s in samples()
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        typer.echo(
            f"{row['name']}\t{row['reports']} reports\t{row['place']} {row['date']}\t"
            f"{row['description']}"
        )


@sample_app.command("load")
def sample_load(
    name: SampleArgument = None, db: DbOption = None, quiet: QuietOption = False
) -> None:
    """Import a bundled sample (its places, control or parties, reports and their claims)
    into the database. Without NAME, the Aleppo sample.

    Running it again changes nothing.

    \b

    \b
    Example: sitroom sample load world --db sqlite:///sitroom.db
    """
    with refuse_on():
        sample = find_sample(name)
        result = load_sample(
            open_store(db),
            sample.name,
            gazetteer=_gazetteer(sample),
            progress=progress_for(quiet),
        )
    typer.echo(f"{result.new} new, {result.unchanged} unchanged, {result.claims} claims")


@sample_app.command("path")
def sample_path(name: SampleArgument = None) -> None:
    """Print the folder of a bundled sample: reports, gold annotations, places, control.

    For the examples of other commands, from any folder.

    \b

    \b
    Example: sitroom sample path
    """
    with refuse_on():
        typer.echo(str(find_sample(name).folder))


@app.command("demo")
def demo(
    db: DbOption = None,
    sample_name: Annotated[
        str | None,
        typer.Option(
            "--sample",
            help="A sample of `sitroom sample list`. Default: aleppo.",
            show_default=False,
        ),
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the dashboard after printing.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    quiet: QuietOption = False,
) -> None:
    """Load a sample into a fresh database, print its briefing, serve the dashboard.

    The Aleppo sample's briefing is of Aleppo on 2016-12-09; --sample world gives the
    briefing of Khartoum on 2023-07-18 (see `sitroom sample list`). Without --db the database
    is a new SQLite file in a temporary folder, so the demo never touches your own data.
    Stop the server with Ctrl-C.

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
        sample = find_sample(sample_name)
        store = Store(url)
        result = load_sample(
            store, sample.name, gazetteer=_gazetteer(sample), progress=progress_for(quiet)
        )
        typer.echo(
            f"sample {sample.name}: {result.new} new, {result.unchanged} unchanged, "
            f"{result.claims} claims ({url})",
            err=True,
        )
        briefing = briefing_for(store, sample.place, sample.on)
    typer.echo(render_markdown(briefing))
    if serve:
        from urllib.parse import urlencode

        from sitroom.cli.serve_commands import run_server

        query = urlencode({"place": sample.place, "date": sample.on.isoformat()})
        typer.echo(f"the briefing above: http://{host}:{port}/?{query}", err=True)
        run_server(url, host, port)
