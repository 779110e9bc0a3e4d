"""`sitroom import`: reports into the store, with their claims."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, QuietOption, progress_for, refuse_on
from sitroom.ingest.reports import MAX_BYTES, Metadata, import_reports, report_paths
from sitroom.store.database import database_url, open_store

JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes extracting. Default: one per CPU when the texts hold more than "
        "100 K characters in all, else one.",
        show_default=False,
    ),
]


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Report files (.txt, web pages .html, PDFs .pdf), HXL datasets (.csv, .xlsx) "
            "or folders of them, each with a sibling .meta.json unless the flags below or the "
            "page give its metadata.",
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
    max_size: Annotated[
        int,
        typer.Option("--max-size", min=1, help="Refuse a report larger than this many MB."),
    ] = MAX_BYTES // 1_000_000,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Check the files and queue one job each for `sitroom worker` "
            "(PostgreSQL stores only).",
        ),
    ] = False,
    jobs: JobsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import reports and extract their claims into the database.

    The import is one transaction; importing the same file twice changes nothing. All
    files are read, checked and extracted first: if one is refused (not a regular file,
    larger than --max-size, no text, no publication date, bad or unknown metadata, a
    value the database cannot hold, the same bytes as a stored source under other
    metadata), nothing is written and the exit code is 1. Extraction is spread over
    --jobs processes; the write is a few bulk statements in one transaction.

    A web page's main text is kept (navigation, comments, related links left out) and
    its title, date, site and address fill what no .meta.json or flag gives; a PDF's text
    is kept with its pages, which footnotes cite ("p. 3"); a scanned PDF without a text
    layer is refused. The original page or PDF is kept beside the text, with its sha256.
    An HXL dataset's cells are its claims: indicators from the vocabulary's hashtags,
    place, date and claimant from the row's #adm1..#loc, #date and #org (hxl.toml); a
    sheet without hashtags is refused, a column no indicator knows is named in a note.

    With --queue the files are checked, then queued in one transaction for the workers
    (`sitroom worker`) on the store's PostgreSQL; `sitroom jobs` shows how they went.

    \b

    \b
    Example: sitroom import "$(sitroom sample path)/reports/aleppo-2016-12-09-rudskoy.html"
    """
    given = Metadata(title, published_at.date() if published_at else None, publisher)
    with refuse_on():
        paths = report_paths(paths)
    if queue:
        from sitroom.ingest.queue import enqueue_imports
        from sitroom.store.jobs import require_postgres

        with refuse_on():
            require_postgres(database_url(db))
            queued = enqueue_imports(
                open_store(db), paths, given=given, max_bytes=max_size * 1_000_000
            )
        typer.echo(f"{len(queued.job_ids)} jobs queued")
        return
    with refuse_on():
        result = import_reports(
            open_store(db),
            paths,
            given=given,
            progress=progress_for(quiet),
            max_bytes=max_size * 1_000_000,
            jobs=jobs,
        )
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"{result.new} new, {result.unchanged} unchanged, {result.claims} claims")


@app.command("reextract")
def reextract_command(
    source_ids: Annotated[
        list[int] | None,
        typer.Argument(help="Ids of stored sources (`sitroom sources`). Default: every source."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    jobs: JobsOption = None,
    who: Annotated[
        str | None,
        typer.Option("--who", help="Who re-extracts, for the audit. Default: your login name."),
    ] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Extract stored sources again, never overwriting a reviewed claim.

    The extractor, gazetteer and parties are today's. Claims nobody reviewed follow the newer reading: read again the same way, a claim
    keeps its id; no longer read, it is removed; newly read, it is added. A confirmed,
    edited, rejected or user-added claim stays as it is; where the newer extractor reads
    its words differently, the new reading is stored beside it, flagged as differing
    (`sitroom claims --differs`), and counts in briefings only once an editor confirms
    or edits it. One transaction for all sources; a repeated run changes nothing; each
    source changed is an audit entry.

    \b
    Example: sitroom reextract --dry-run
    """
    from sitroom.cli.grade_commands import default_who
    from sitroom.ingest.reextract import reextract

    with refuse_on():
        store = open_store(db, create=False)
        done = reextract(
            store,
            source_ids or None,
            who=who or default_who(),
            dry_run=dry_run,
            jobs=jobs,
            progress=progress_for(quiet),
        )
    for plan in done.plans:
        for claim in plan.flagged:
            typer.echo(
                f'source {plan.source_id}: "{claim.quote}" is read as {claim.indicator} '
                f"{claim.value:g}, unlike reviewed claim {claim.differs_from}"
                + ("" if dry_run else " (stored beside it, to review)")
            )
    changed = sum(1 for plan in done.plans if plan.changes)
    verb = "would change" if dry_run else "changed"
    typer.echo(
        f"{len(done.plans)} sources, {changed} {verb}: {done.total('kept')} claims kept, "
        f"{done.total('added')} added, {done.total('removed')} removed; "
        f"{done.total('reviewed')} reviewed claims left as they are, "
        f"{done.total('flagged')} newer readings beside them"
    )
