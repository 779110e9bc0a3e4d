"""claims.differs_from: a newer extraction's reading that differs from a reviewed claim

`sitroom reextract` never overwrites a reviewed claim: where the newer extractor reads the
same words differently, its claim is stored beside the reviewed one, naming it here, and
waits for review (briefings leave it out until an editor confirms or edits it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("differs_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("differs_from")
