"""`sitroom briefing`: the morning briefing for a place and a day."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, ExitCode, check_writable, refuse_on, write_output
from sitroom.domain import InputError
from sitroom.report.build import DEFAULT_DAYS, briefing_for, quoted_texts
from sitroom.report.json_out import render_json
from sitroom.report.markdown import render_markdown
from sitroom.report.model import Briefing
from sitroom.report.target import default_target
from sitroom.store.database import open_store
from sitroom.store.limits import day_problem


class BriefingFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"
    pdf = "pdf"


@app.command("briefing")
def briefing_command(
    place: Annotated[
        str | None,
        typer.Option(
            help="Place the briefing is about, e.g. Aleppo. Default: the workspace's place "
            "(sitroom init), else Aleppo.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="Day of the briefing, YYYY-MM-DD. Default: the latest day with sources.",
            show_default=False,
        ),
    ] = None,
    days: Annotated[
        int, typer.Option(min=1, help="Take sources published in this many days up to --date.")
    ] = DEFAULT_DAYS,
    output_format: Annotated[
        BriefingFormat, typer.Option("--format", help="Output format.")
    ] = BriefingFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    fail_on_check: Annotated[
        bool,
        typer.Option(
            "--fail-on-check", help="Exit 3 when a consistency check failed (for scripts)."
        ),
    ] = False,
    reviewed: Annotated[
        bool,
        typer.Option(
            "--reviewed",
            help="Count only the claims a reviewer confirmed or edited (`sitroom review`).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Write the briefing for a place and day: every figure footnoted to its source.

    Sections: control, population movements, combatants, mine action, aid, shelters,
    incidents; then where sources disagree and the checks that failed. Without --place
    and --date: the workspace's place on the latest day a source was published (on a
    database without `sitroom init` holding the bundled sample, Aleppo on 2016-12-09).

    \b

    \b
    Example: sitroom briefing --place Aleppo --date 2016-12-09
    """
    if output_format is BriefingFormat.pdf and output is None:
        raise typer.BadParameter("PDF needs a file: add -o FILE.pdf", param_hint="--format")
    with refuse_on():
        if output is not None:
            check_writable(output)
        if on is not None and (problem := day_problem(on.date())) is not None:
            raise InputError("--date", None, None, problem)
        store = open_store(db, create=False)
        place, day = default_target(store, place, on.date() if on else None)
        briefing = briefing_for(store, place, day, days=days, reviewed_only=reviewed)
        standalone = output_format in (BriefingFormat.html, BriefingFormat.pdf)
        texts = quoted_texts(store, briefing) if standalone else {}
    for warning in briefing.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output_format is BriefingFormat.pdf and output is not None:  # None refused above
        from sitroom.report.pdf import render_pdf

        with refuse_on():
            write_output(output, render_pdf(briefing, texts))
        typer.echo(f"wrote {output}", err=True)
        _exit_on_checks(briefing, fail_on_check)
        return
    if output_format is BriefingFormat.html:
        from sitroom.report.html import appendix_url, render_html

        text = render_html(briefing, standalone=True, source_url=appendix_url, texts=texts)
    else:
        text = (
            render_json(briefing)
            if output_format is BriefingFormat.json
            else render_markdown(briefing)
        )
    if output is None:
        typer.echo(text)
    else:
        with refuse_on():
            write_output(output, text)
        typer.echo(f"wrote {output}", err=True)
    _exit_on_checks(briefing, fail_on_check)


def _exit_on_checks(briefing: Briefing, fail_on_check: bool) -> None:
    if briefing.checks:
        count = len(briefing.checks)
        typer.echo(f"{count} consistency check{'s' if count > 1 else ''} failed", err=True)
        if fail_on_check:
            raise typer.Exit(ExitCode.CHECKS_FAILED)
