"""Imports on a job queue: procrastinate over the store's own PostgreSQL.

`enqueue_imports` checks the files and queues one job per file in one transaction; workers
(`run_worker`, on any machine that reaches the database and sees the files at the same
paths) run the ordinary import of one file (`import_reports`: all or nothing, idempotent by
sha256), so a job retried after its worker was killed stores its source once. A killed
worker's job stays "doing" until a running worker (once a minute, procrastinate's periodic
task), a worker starting, or `sitroom jobs retry` sees that the worker stopped sending
heartbeats, and puts it back in the queue.
"""

from __future__ import annotations

import asyncio
import threading
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.domain import InputError, InputErrors, SitroomError
from sitroom.geo.stored import gazetteer_for, parties_for
from sitroom.ingest.reports import MAX_BYTES, NO_METADATA, Metadata, import_reports, read_report
from sitroom.store.database import Store
from sitroom.store.jobs import libpq_url, record_job_error, require_postgres
from sitroom.store.revision import lookups_revision

if TYPE_CHECKING:
    from procrastinate import App, JobContext
    from procrastinate.types import JSONValue

    from sitroom.geo.actors import Parties
    from sitroom.geo.gazetteer import Gazetteer

QUEUE = "imports"
TASK = "sitroom.import_report"
RETRY_TASK = "sitroom.retry_stalled"
STALLED_AFTER_S = 30.0  # a worker silent this long is dead: procrastinate's own default
HEARTBEAT_S = 5.0  # how often a worker says it is alive (well under STALLED_AFTER_S)


def queue_app(store: Store, *, stalled_after_s: float = STALLED_AFTER_S) -> App:
    """A procrastinate app on the store's PostgreSQL, with the import task registered and,
    once a minute in running workers, a task that queues the jobs of dead workers again."""
    from procrastinate import App, PsycopgConnector

    require_postgres(store.url)
    app = App(connector=PsycopgConnector(conninfo=libpq_url(store.url)))
    lookups = _Lookups(store)

    @app.task(name=TASK, queue=QUEUE, pass_context=True)
    def import_report(
        context: JobContext,
        path: str,
        title: str | None = None,
        published_at: str | None = None,
        publisher: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        given = Metadata(
            title, date.fromisoformat(published_at) if published_at else None, publisher
        )
        try:
            gazetteer, parties = lookups.current()
            import_reports(
                store,
                [Path(path)],
                given=given,
                max_bytes=max_bytes,
                gazetteer=gazetteer,
                parties=parties,
            )
        except SitroomError as err:  # a refusal: kept for `sitroom jobs failed`, job failed
            _record(store, context, str(err))
            raise
        except Exception:  # a bug: its traceback, kept the same way
            _record(store, context, traceback.format_exc(limit=3).strip())
            raise

    @app.periodic(cron="* * * * *", periodic_id="stalled")
    @app.task(name=RETRY_TASK, queue=QUEUE, queueing_lock=RETRY_TASK)
    async def retry_stalled(timestamp: int) -> None:
        await _retry(app, stalled_after_s, failed=False)

    return app


class _Lookups:
    """The store's gazetteer and parties, built again only when places or actors change:
    building them for every job was a quarter of a worker's time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._revision: tuple[int, ...] | None = None
        self._built: tuple[Gazetteer, Parties] | None = None

    def current(self) -> tuple[Gazetteer, Parties]:
        with self.store.session() as session:
            revision = lookups_revision(session)
        with self._lock:
            if self._built is None or revision != self._revision:
                self._built = gazetteer_for(self.store), parties_for(self.store)
                self._revision = revision
            return self._built


async def _retry(app: App, stalled_after_s: float, *, failed: bool) -> int:
    manager = app.job_manager
    jobs = list(
        await manager.get_stalled_jobs(
            queue=QUEUE, task_name=TASK, seconds_since_heartbeat=stalled_after_s
        )
    )
    if failed:
        jobs += await manager.list_jobs_async(queue=QUEUE, task=TASK, status="failed")
    now = datetime.now(UTC)
    for job in jobs:
        assert job.id is not None  # jobs read from the database have ids
        await manager.retry_job_by_id_async(job.id, retry_at=now)
    return len(jobs)


def _record(store: Store, context: JobContext, error: str) -> None:
    if context.job.id is not None:
        record_job_error(store, context.job.id, error)


@dataclass(frozen=True)
class Queued:
    """What `enqueue_imports` did: the ids of the jobs it queued."""

    job_ids: tuple[int, ...]


def enqueue_imports(
    store: Store,
    paths: list[Path],
    *,
    given: Metadata = NO_METADATA,
    max_bytes: int = MAX_BYTES,
) -> Queued:
    """Queue one import job per file, all in one transaction, after checking every file.

    A file refused by `read_report` (bad metadata, no text, too large, ...) refuses the
    whole call with every problem (InputErrors) and queues nothing; a SQLite store is
    refused with QueueNeedsPostgres. A job carries the file's absolute path and the
    metadata given on the command line; the worker reads the file when it runs.
    """
    require_postgres(store.url)
    problems: list[InputError] = []
    for path in paths:
        try:
            read_report(path, given, max_bytes=max_bytes)
        except InputError as err:
            problems.append(err)
    if problems:
        raise InputErrors(problems)
    args: list[dict[str, JSONValue]] = [
        {
            "path": str(path.resolve()),
            "title": given.title,
            "published_at": given.published_at.isoformat() if given.published_at else None,
            "publisher": given.publisher,
            "max_bytes": max_bytes,
        }
        for path in paths
    ]
    app = queue_app(store)
    with app.open():
        ids = app.tasks[TASK].batch_defer(*args)
    return Queued(tuple(ids))


def run_worker(
    store: Store,
    *,
    concurrency: int = 1,
    until_empty: bool = False,
    stalled_after_s: float = STALLED_AFTER_S,
) -> None:
    """Run import jobs until stopped (SIGINT/SIGTERM), or with `until_empty` until none is left.

    It first puts back the jobs of workers silent for `stalled_after_s` (killed ones).
    """
    retry_jobs(store, stalled_after_s=stalled_after_s, failed=False)
    app = queue_app(store, stalled_after_s=stalled_after_s)
    app.run_worker(
        queues=[QUEUE],
        concurrency=concurrency,
        wait=not until_empty,
        listen_notify=not until_empty,
        update_heartbeat_interval=HEARTBEAT_S,
        stalled_worker_timeout=stalled_after_s,
    )


def retry_jobs(
    store: Store, *, stalled_after_s: float = STALLED_AFTER_S, failed: bool = True
) -> int:
    """Put failed jobs (with `failed`) and stalled ones back in the queue; return how many.

    A job is stalled when it is "doing" and its worker has sent no heartbeat for
    `stalled_after_s` seconds: the worker was killed, or its machine lost.
    """
    app = queue_app(store, stalled_after_s=stalled_after_s)

    async def retry() -> int:
        async with app.open_async():
            return await _retry(app, stalled_after_s, failed=failed)

    return asyncio.run(retry())
