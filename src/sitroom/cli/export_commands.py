"""`sitroom export`: claims, events, places and control observations as files to hand on."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, SectionOption, refuse_on, require_claim_terms
from sitroom.domain import SitroomError
from sitroom.report.exports import ExportFormat


class What(StrEnum):
    CLAIMS = "claims"
    EVENTS = "events"
    PLACES = "places"
    CONTROL = "control"


@app.command("export")
def export_command(
    what: Annotated[What, typer.Argument(help="claims, events, places or control.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, hxl (claims), geojson, acled (events) or jsonl. Default: claims csv, "
            "events acled, places geojson, control csv.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    indicator: Annotated[str | None, typer.Option(help="Claims of this indicator.")] = None,
    place: Annotated[str | None, typer.Option(help="Claims naming this place.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Claims of this claimant.")] = None,
    source: Annotated[int | None, typer.Option(help="Claims of this source id.")] = None,
    review: Annotated[
        str | None, typer.Option(help="Claims of this review status (e.g. confirmed).")
    ] = None,
    section: SectionOption = None,
    since: Annotated[
        datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="Published (events: on) from this day."),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Published (events: on) up to this day."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export claims, events, places or control observations to hand on.

    Every claim row carries its provenance (claim id, source id, title and URL, quote and
    its span). HXL has a hashtag row: each figure in its indicator's column, so `sitroom
    import` reads the file back to the same figures. GeoJSON (RFC 7946) gives each placed
    row its place's geometry. Events export in ACLED's column layout.

    \b
    Example: sitroom export claims --format hxl -o claims.csv
    """
    from sitroom.report.export_files import export_text
    from sitroom.store.claims import ClaimFilter
    from sitroom.store.database import open_store

    where = ClaimFilter(
        indicator=indicator,
        place=place,
        claimant=claimant,
        source_id=source,
        review=review,
        on_or_after=since.date() if since else None,
        on_or_before=until.date() if until else None,
        section=section,
    )
    with refuse_on():
        require_claim_terms(review, indicator, section)
        store = open_store(db, create=False)
        try:
            pieces = export_text(store, what.value, fmt, where)
            first = next(pieces, "")
        except ValueError as err:
            raise SitroomError(str(err)) from err
        if output is None:
            sys.stdout.write(first)
            for piece in pieces:
                sys.stdout.write(piece)
            return
        temporary = output.with_name(output.name + ".part")
        with temporary.open("w", encoding="utf-8", newline="") as out:
            out.write(first)
            for piece in pieces:
                out.write(piece)
        temporary.replace(output)  # a file half written is never left under the name
    typer.echo(f"wrote {output}", err=True)
