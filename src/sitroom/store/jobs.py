"""The job queue's tables in the store's own PostgreSQL: procrastinate's schema, job errors.

procrastinate (ingest/queue.py) keeps its jobs in tables of the store's database, so an
enqueue is a row in the same database as the sources and workers on several machines share
one PostgreSQL. Its schema is created by the migration 0004 (`sitroom db upgrade`); SQLite
stores have no queue and import in process.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from sitroom.domain import SitroomError
from sitroom.store.database import Store

ERRORS_TABLE = "queue_job_errors"  # procrastinate keeps no error text: the last one per job


def is_queue_table(name: str) -> bool:
    """Whether `name` is a table of the job queue, not of sitroom's own schema (tables.py)."""
    return name.startswith("procrastinate_") or name == ERRORS_TABLE


class QueueNeedsPostgres(SitroomError):
    """A job queue was asked of a store that is not PostgreSQL."""


def require_postgres(url: str) -> None:
    """Raise QueueNeedsPostgres unless `url` is a PostgreSQL database."""
    backend = make_url(url).get_backend_name()
    if backend != "postgresql":
        raise QueueNeedsPostgres(
            f"the job queue needs a PostgreSQL store, this one is {backend} "
            "(import without --queue, or give --db postgresql://...)"
        )


def libpq_url(url: str) -> str:
    """`url` (SQLAlchemy's form) as the conninfo URI psycopg and procrastinate take."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_queue_schema(connection: Connection) -> None:
    """Create procrastinate's tables, types and functions and the errors table (PostgreSQL)."""
    from procrastinate.schema import SchemaManager

    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()  # the schema is many statements: the driver's own execute
    try:
        cursor.execute(SchemaManager.get_schema())
    finally:
        cursor.close()
    connection.execute(
        text(
            f"CREATE TABLE {ERRORS_TABLE} (job_id bigint PRIMARY KEY "
            "REFERENCES procrastinate_jobs(id) ON DELETE CASCADE, error text NOT NULL, "
            "at timestamp with time zone NOT NULL DEFAULT now())"
        )
    )


def drop_queue_schema(connection: Connection) -> None:
    """Drop every object `create_queue_schema` made in the current schema."""
    connection.execute(text(f"DROP TABLE IF EXISTS {ERRORS_TABLE}"))
    for kind, query in (
        ("TABLE", "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"),
        (
            "FUNCTION",
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n "
            "ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
        ),
        (
            "TYPE",
            "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'c')",
        ),
    ):
        for (name,) in connection.execute(text(query)):
            if str(name).startswith("procrastinate_"):
                connection.execute(text(f"DROP {kind} IF EXISTS {name} CASCADE"))


@dataclass(frozen=True)
class FailedJob:
    """A job that failed: its id, the file it imports, its attempts and its last error."""

    id: int
    path: str
    attempts: int
    error: str


def job_counts(store: Store, task_name: str) -> dict[str, int]:
    """The number of jobs of `task_name` in each status (todo, doing, succeeded, failed, ...)."""
    with store.session() as session:
        rows = session.execute(
            text(
                "SELECT status::text, count(*) FROM procrastinate_jobs "
                "WHERE task_name = :task_name GROUP BY status"
            ),
            {"task_name": task_name},
        )
        return {str(row[0]): int(row[1]) for row in rows}


def failed_jobs(store: Store, task_name: str) -> list[FailedJob]:
    """The failed jobs of `task_name`, oldest first, each with its last attempt's error."""
    with store.session() as session:
        rows = session.execute(
            text(
                "SELECT j.id, j.args->>'path', j.attempts, coalesce(e.error, '') "
                f"FROM procrastinate_jobs j LEFT JOIN {ERRORS_TABLE} e ON e.job_id = j.id "
                "WHERE j.status = 'failed' AND j.task_name = :task_name ORDER BY j.id"
            ),
            {"task_name": task_name},
        )
        return [FailedJob(int(row[0]), str(row[1]), int(row[2]), str(row[3])) for row in rows]


def record_job_error(store: Store, job_id: int, error: str) -> None:
    """Keep `error` as the last error of job `job_id` (shown by `sitroom jobs failed`)."""
    with store.session() as session:
        session.execute(
            text(
                f"INSERT INTO {ERRORS_TABLE} (job_id, error) VALUES (:job_id, :error) "
                "ON CONFLICT (job_id) DO UPDATE SET error = excluded.error, at = now()"
            ),
            {"job_id": job_id, "error": error},
        )
