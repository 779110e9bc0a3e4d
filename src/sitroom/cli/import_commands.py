"""`sitroom import`: reports into the store, with their claims."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, QuietOption, progress_for, refuse_on
from sitroom.ingest.reports import Metadata, import_reports
from sitroom.store.database import open_store


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Report files (.txt), each with a sibling .meta.json unless the "
            "flags below give its metadata.",
            show_default=False,
        ),
    ],
    title: Annotated[str | None, typer.Option(help="Title, if no .meta.json gives one.")] = None,
    published_at: Annotated[
        datetime | None,
        typer.Option(
            "--published-at",
            formats=["%Y-%m-%d"],
            help="Publication date YYYY-MM-DD, if no .meta.json gives one.",
        ),
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Publisher, if no .meta.json gives one.")
    ] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import reports and extract their claims into the database.

    Each file is one transaction; importing the same file twice changes nothing. All
    files are checked first: if one is refused (unreadable, no publication date, bad
    metadata), nothing is written and the exit code is 1.

    \b

    \b
    Example: sitroom import "$(sitroom sample path)/reports/aleppo-2016-12-09-rudskoy.txt"
    """
    given = Metadata(title, published_at.date() if published_at else None, publisher)
    with refuse_on():
        result = import_reports(
            open_store(db),
            paths,
            given=given,
            progress=progress_for(quiet),
        )
    typer.echo(f"{result.new} new, {result.unchanged} unchanged, {result.claims} claims")
