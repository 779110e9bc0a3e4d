"""an index on claims (place): the places claims name, most named first

Every briefing page suggests the places claims name (`target.suggested_places`), counted
by place over the whole table. Without an index SQLite scanned every claim and sorted
them by place: 75 ms at 100,000 claims on every cold page; reading this index in order,
10 ms (bench/briefing.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 15:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_claims_place", "claims", ["place"])


def downgrade() -> None:
    op.drop_index("ix_claims_place", table_name="claims")
