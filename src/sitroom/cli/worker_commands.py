"""`sitroom worker` and `sitroom jobs ...`: queued imports, run and watched."""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.ingest.queue import STALLED_AFTER_S, TASK, retry_jobs, run_worker
from sitroom.store.database import database_url, open_store
from sitroom.store.jobs import failed_jobs, job_counts, require_postgres

StalledOption = Annotated[
    float,
    typer.Option(
        "--stalled-after",
        min=0,
        help="Seconds without a heartbeat after which a worker is taken for dead and its "
        "job is queued again; live workers beat every 5 s, so keep it well above that "
        "(0 only when no other worker runs).",
    ),
]


@app.command("worker")
def worker_command(
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Jobs run at once by this worker.")
    ] = 1,
    until_empty: Annotated[
        bool, typer.Option("--until-empty", help="Stop when no job is waiting.")
    ] = False,
    stalled_after: StalledOption = STALLED_AFTER_S,
    db: DbOption = None,
) -> None:
    """Run the imports queued with `sitroom import --queue` (PostgreSQL stores).

    Workers on several machines may share one database; each needs the files at the
    paths they were queued with. A worker stops on Ctrl-C or SIGTERM after its current
    jobs; a killed worker's job is queued again, once the dead worker has been silent for
    --stalled-after, by a running worker (checked each minute), one starting, or
    `sitroom jobs retry`.

    \b

    \b
    Example: sitroom worker --concurrency 2  # SITROOM_DATABASE_URL=postgresql://...
    """
    with refuse_on():
        require_postgres(database_url(db))
        store = open_store(db)
    run_worker(
        store, concurrency=concurrency, until_empty=until_empty, stalled_after_s=stalled_after
    )


jobs_app = typer.Typer(help="The queue of imports (PostgreSQL stores).", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")


@jobs_app.command("list")
def jobs_list(db: DbOption = None) -> None:
    """Print how many import jobs are in each status.

    \b

    \b
    Example: sitroom jobs list  # SITROOM_DATABASE_URL=postgresql://...
    """
    with refuse_on():
        require_postgres(database_url(db))
        counts = job_counts(open_store(db), TASK)
    for status in ("todo", "doing", "succeeded", "failed", "cancelled", "aborted"):
        if counts.get(status) or status in ("todo", "doing", "succeeded", "failed"):
            typer.echo(f"{status}\t{counts.get(status, 0)}")


@jobs_app.command("failed")
def jobs_failed(db: DbOption = None) -> None:
    """Print each failed import job: id, file, attempts and its last error.

    \b

    \b
    Example: sitroom jobs failed  # SITROOM_DATABASE_URL=postgresql://...
    """
    with refuse_on():
        require_postgres(database_url(db))
        failed = failed_jobs(open_store(db), TASK)
    for job in failed:
        error = " | ".join(job.error.splitlines())
        typer.echo(f"{job.id}\t{job.path}\t{job.attempts} attempts\t{error}")
    typer.echo(f"{len(failed)} failed jobs", err=True)


@jobs_app.command("retry")
def jobs_retry(stalled_after: StalledOption = STALLED_AFTER_S, db: DbOption = None) -> None:
    """Queue again the failed jobs and those of workers silent for --stalled-after.

    \b

    \b
    Example: sitroom jobs retry  # SITROOM_DATABASE_URL=postgresql://...
    """
    with refuse_on():
        require_postgres(database_url(db))
        retried = retry_jobs(open_store(db), stalled_after_s=stalled_after)
    typer.echo(f"{retried} jobs queued again")
