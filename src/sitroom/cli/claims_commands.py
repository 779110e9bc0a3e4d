"""`sitroom claims`: the stored claims, filtered, as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import (
    DbOption,
    JsonOption,
    SectionOption,
    refuse_on,
    require_claim_terms,
)
from sitroom.report.claims_table import claim_record, print_claims_table
from sitroom.store.claims import ClaimFilter, count_claims, list_claims
from sitroom.store.database import open_store
from sitroom.store.sources import list_sources


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
    review: Annotated[
        str | None,
        typer.Option(help="Review status: extracted, confirmed, edited or rejected."),
    ] = None,
    section: SectionOption = None,
    differs: Annotated[
        bool,
        typer.Option(
            "--differs",
            help="Only newer readings (`sitroom reextract`) that differ from a reviewed claim.",
        ),
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 200,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored claims, each with its source, claimant, quote and window.

    \b

    \b
    Example: sitroom claims --indicator territory.share --claimant Rudskoy
    """
    where = ClaimFilter(
        indicator=indicator,
        place=place,
        claimant=claimant,
        source_id=source,
        review=review,
        differs=differs,
        section=section,
    )
    with refuse_on():
        require_claim_terms(review, indicator, section)
        store = open_store(db, create=False)
        with store.session() as session:
            claims = list_claims(session, where, limit=limit)
    if as_json:
        typer.echo(json.dumps([claim_record(c) for c in claims], ensure_ascii=False, indent=1))
    else:
        print_claims_table(claims)


@app.command("sources")
def sources_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the stored sources with their ids, dates, publishers and numbers of claims.

    The ids are what `sitroom claims --source`, `sitroom grade source` and the dashboard's
    /sources/ID take.

    \b
    Example: sitroom sources
    """
    with refuse_on():
        store = open_store(db, create=False)
        with store.session() as session:
            listed = [
                (s, count_claims(session, ClaimFilter(source_id=s.id)))
                for s in list_sources(session)
            ]
    if as_json:
        records = [
            {
                "id": s.id,
                "published_at": s.published_at.isoformat(),
                "kind": s.kind.value,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "reliability": s.reliability,
                "claims": n,
            }
            for s, n in listed
        ]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    for source, claims in listed:
        who = f" — {source.publisher}" if source.publisher else ""
        typer.echo(
            f"{source.id}\t{source.published_at.isoformat()}\t{source.kind.value}\t"
            f"{claims} claims\t{source.reliability}\t{source.title}{who}"
        )
