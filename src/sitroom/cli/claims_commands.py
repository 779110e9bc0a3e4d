"""`sitroom claims`: the stored claims, filtered, as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, refuse_on
from sitroom.report.claims_table import claim_record, print_claims_table
from sitroom.store.claims import ClaimFilter, list_claims
from sitroom.store.database import open_store


@app.command("claims")
def claims_command(
    indicator: Annotated[
        str | None, typer.Option(help="Indicator key, e.g. people.evacuated.")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Place named as place, origin or destination.")
    ] = None,
    claimant: Annotated[str | None, typer.Option(help="Claimant, e.g. Rudskoy.")] = None,
    source: Annotated[int | None, typer.Option(help="Source id.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 200,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored claims, each with its source, claimant, quote and window.

    Example: sitroom claims --indicator territory.share --claimant Rudskoy
    """
    where = ClaimFilter(indicator=indicator, place=place, claimant=claimant, source_id=source)
    with refuse_on():
        store = open_store(db)
        with store.session() as session:
            claims = list_claims(session, where, limit=limit)
    if as_json:
        typer.echo(json.dumps([claim_record(c) for c in claims], ensure_ascii=False, indent=1))
    else:
        print_claims_table(claims)
