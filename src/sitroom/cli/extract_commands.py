"""`sitroom extract` and `sitroom eval`: claims of reports, and their score on gold files.

Imports stay light: extracting a file loads the extractor and the gazetteer, not the
database, the web server or the renderers.
"""

from __future__ import annotations

import json
import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import JsonOption, QuietOption, progress_for, refuse_on
from sitroom.domain import Claim, InputError, InputErrors
from sitroom.extract.evaluate import FIELDS, Score, evaluate, published_at_of, total
from sitroom.extract.records import claim_record
from sitroom.ingest.texts import PIECE_CHARS, extracted, utf8_chars

if TYPE_CHECKING:
    from sitroom.geo.actors import Parties
    from sitroom.geo.gazetteer import Gazetteer

# a bar for work of this many characters or more (about a second of extraction)
_BAR_CHARS = 500_000


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    TABLE = "table"


# the fields the table shows, in order; values come from the JSONL record of each claim
_TABLE_COLUMNS = (
    "id",
    "quote",
    "value",
    "qualifier",
    "unit",
    "indicator",
    "group",
    "place",
    "origin",
    "destination",
    "window",
    "claimant",
    "part_of",
)


@app.command("extract")
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(exists=True, dir_okay=False, help="Reports as UTF-8 text, one or several."),
    ],
    published_at: Annotated[
        str | None,
        typer.Option(
            "--published-at",
            help="Publication date, YYYY-MM-DD. Default: from each FILE's sibling .meta.json.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format", help="jsonl: one claim a line, gold field names; table: for reading."
        ),
    ] = OutputFormat.JSONL,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Also find the places stored in this database (URL or SQLite file); "
            "it is only read.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for big inputs. Default: one per CPU when the files "
            "hold more than one piece (256 K characters), else one.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Extract the claims of reports without writing to the database.

    Without --published-at the date is read from REPORT.meta.json beside each file. With
    several files the JSONL is one stream whose lines start with their "file". Every
    file is checked (date, UTF-8) before any is extracted. A file over 256 K characters
    is extracted a piece at a time (cut at blank lines), so memory stays bounded. Places
    come from the bundled and world gazetteer, and with --db from the store's places too;
    with --db, territory claims name the store's parties (`sitroom actors`).

    \b

    \b
    Example: sitroom extract "$(sitroom sample path)/reports/aleppo-2016-12-09-rudskoy.txt"
    """
    with refuse_on():
        dates, chars = _checked(paths, published_at)
        gazetteer = _gazetteer(db)
        parties = _parties(db)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if sum(chars) > PIECE_CHARS else 1
    bar = progress_for(quiet, minimum=_BAR_CHARS)(sum(chars), "extracting")
    tables: dict[Path, list[Claim]] = (
        {path: [] for path in paths} if output is OutputFormat.TABLE else {}
    )
    try:
        files = list(zip(paths, dates, strict=True))
        for path, claims in extracted(files, gazetteer, bar, jobs, parties=parties):
            if output is OutputFormat.TABLE:
                tables.setdefault(path, []).extend(claims)
            elif claims:
                typer.echo(_jsonl(claims, str(path) if len(paths) > 1 else None))
    finally:
        bar.close()
    for path, claims in tables.items():
        _print_table(path, claims)


def _checked(paths: list[Path], published_at: str | None) -> tuple[list[date], list[int]]:
    """Return each file's date and length in characters; InputErrors naming every bad file."""
    errors: list[InputError] = []
    dates: list[date] = []
    chars: list[int] = []
    for path in paths:
        try:
            dates.append(_published(path, published_at))
            chars.append(utf8_chars(path))
        except InputError as err:
            errors.append(err)
    if errors:
        raise InputErrors(errors)
    return dates, chars


def _jsonl(claims: list[Claim], file: str | None) -> str:
    records = (claim_record(c) for c in claims)
    if file is not None:
        records = ({"file": file, **r} for r in records)
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)


def _gazetteer(db: str | None) -> Gazetteer:
    """The bundled gazetteer, or the store's when --db names one (imported only then: a
    plain extraction does not load SQLAlchemy)."""
    if db is None:
        from sitroom.geo.bundled import bundled_gazetteer

        return bundled_gazetteer()
    from sitroom.geo.stored import gazetteer_for
    from sitroom.store.database import open_store

    return gazetteer_for(open_store(db, create=False))


def _parties(db: str | None) -> Parties | None:
    """The store's parties when --db names one (territory claims name its sides), else
    None: the bundled ones."""
    if db is None:
        return None
    from sitroom.geo.stored import parties_for
    from sitroom.store.database import open_store

    return parties_for(open_store(db, create=False))


def _print_table(path: Path, claims: list[Claim]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{path.name}: {len(claims)} claims")
    for column in _TABLE_COLUMNS:
        table.add_column(column, overflow="fold")
    for claim in claims:
        record = claim_record(claim)
        table.add_row(*("" if record[c] is None else str(record[c]) for c in _TABLE_COLUMNS))
    Console(width=200).print(table)


def _published(path: Path, published_at: str | None) -> date:
    if published_at is None:
        return published_at_of(path)
    try:
        return date.fromisoformat(published_at)
    except ValueError as err:
        raise InputError(
            path, None, "published_at", f'"{published_at}" is not a date', "use YYYY-MM-DD"
        ) from err


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True,
            help="Gold .jsonl files or folders of them. Default: the bundled sample's gold.",
            show_default=False,
        ),
    ] = None,
    gold_dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--gold",
            exists=True,
            help="A gold .jsonl file or folder, like the arguments; may be repeated.",
            show_default=False,
        ),
    ] = None,
    reports: Annotated[
        Path | None,
        typer.Option(
            "--reports",
            exists=True,
            file_okay=False,
            help="Folder of the reports named by the gold's doc. Default: the bundled sample.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score the extractor on gold annotations: value P/R/F1 and each field's accuracy.

    Rules as in the gold README (in `sitroom sample path`/gold): spans overlap and values
    agree within 0.5%; each field is scored over the matched pairs, and again over the
    pairs whose gold field is filled (the row "filled"), where leaving a field empty
    earns nothing.

    \b

    \b
    Example: sitroom eval --gold "$(sitroom sample path)/gold" --reports "$(sitroom sample path)/reports"
    """
    from sitroom.geo.bundled import bundled_gazetteer
    from sitroom.ingest.sample import sample_dir

    with refuse_on():
        scores = evaluate(
            [*(gold or []), *(gold_dirs or [])] or [sample_dir() / "gold"],
            reports or sample_dir() / "reports",
            bundled_gazetteer(),
        )
    summed = total(scores)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "total": _as_dict(summed),
                    "documents": {d: _as_dict(s) for d, s in scores.items()},
                },
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Extraction against gold")
    table.add_column("document")
    for column in ("gold", "pred", "P", "R", "F1", *FIELDS):
        table.add_column(column, justify="right")
    for name, score in [*scores.items(), ("all", summed)]:
        table.add_row(name, *_row(score))
    table.add_row(
        "all, gold filled",
        *([""] * 5),
        *(f"{summed.accuracy_filled(name):.3f} ({summed.filled[name]})" for name in FIELDS),
    )
    Console(width=260).print(table)


def _row(score: Score) -> list[str]:
    return [
        str(score.gold),
        str(score.predicted),
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
        *(f"{score.accuracy(name):.3f}" for name in FIELDS),
    ]


def _as_dict(score: Score) -> dict[str, object]:
    return {
        "gold": score.gold,
        "predicted": score.predicted,
        "matched": score.matched,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "accuracy": {name: round(score.accuracy(name), 4) for name in FIELDS},
        "accuracy_filled": {name: round(score.accuracy_filled(name), 4) for name in FIELDS},
        "filled": dict(score.filled),
    }
