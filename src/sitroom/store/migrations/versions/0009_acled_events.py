"""events in ACLED's layout, revision-aware by event_id_cnty and timestamp

The events table had no importer and held no rows; it is made again with ACLED's
columns: event_id_cnty (unique), the date and types, actors, admin1..3, location and
coordinates, source, notes, fatalities and ACLED's timestamp of the row's last revision.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("events")
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id_cnty", sa.String(64), nullable=False, unique=True),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("disorder_type", sa.String(128), nullable=True),
        sa.Column("event_type", sa.String(128), nullable=False),
        sa.Column("sub_event_type", sa.String(128), nullable=True),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("country", sa.String(128), nullable=True),
        sa.Column("admin1", sa.String(256), nullable=True),
        sa.Column("admin2", sa.String(256), nullable=True),
        sa.Column("admin3", sa.String(256), nullable=True),
        sa.Column("location", sa.String(256), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
    )
    op.create_index("ix_events_event_date", "events", ["event_date"])


def downgrade() -> None:
    op.drop_index("ix_events_event_date", table_name="events")
    op.drop_table("events")
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_date", sa.Date(), nullable=False, index=True),
        sa.Column("event_type", sa.String(128), nullable=False),
        sa.Column("sub_event_type", sa.String(128), nullable=True),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column(
            "import_id",
            sa.Integer(),
            sa.ForeignKey("imports.id", ondelete="CASCADE"),
            nullable=True,
        ),
    )
