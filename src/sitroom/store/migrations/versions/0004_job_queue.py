"""job queue: procrastinate's schema and the jobs' errors, on PostgreSQL only

Imports queued with `sitroom import --queue` are procrastinate jobs in the store's own
database; SQLite stores import in process and get nothing here.

Revision ID: 0004_queue
Revises: 0003
Create Date: 2026-12-02 04:15:00
"""

from collections.abc import Sequence

from alembic import op

from sitroom.store.jobs import create_queue_schema, drop_queue_schema

revision: str = "0004_queue"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        create_queue_schema(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        drop_queue_schema(bind)
