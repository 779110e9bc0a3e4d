"""sources: the media type of the file a source was read from and where its pages start;
source_files: the original file (HTML page, PDF) of a source whose text was taken from it

The stored text is what claims' offsets refer to; the original is kept beside it, whole,
with the sha256 the source is known by.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(
            sa.Column("media_type", sa.String(64), nullable=False, server_default="text/plain")
        )
        batch.add_column(sa.Column("pages", sa.JSON(), nullable=True))
    op.create_table(
        "source_files",
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("source_files")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("pages")
        batch.drop_column("media_type")
