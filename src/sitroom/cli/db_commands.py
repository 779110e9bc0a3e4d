"""`sitroom db ...`: the schema."""

from __future__ import annotations

import typer

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.store.database import database_url, upgrade

db_app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    db: DbOption = None,
    revision: str = typer.Option("head", help="Alembic revision to upgrade to."),
) -> None:
    """Create or upgrade the schema of the database.

    Other commands do this themselves when needed; run it to prepare a PostgreSQL
    database for many users.

    \b

    \b
    Example: sitroom db upgrade --db sqlite:///sitroom.db
    """
    url = database_url(db)
    with refuse_on():
        upgrade(url, revision)
    typer.echo(f"schema at {revision} in {_safe(url)}", err=True)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
