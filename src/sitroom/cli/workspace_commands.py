"""`sitroom init` and `sitroom settings ...`: the workspace of a crisis, each change audited."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from sitroom.cli import app
from sitroom.cli.common import DbOption, JsonOption, refuse_on
from sitroom.domain import Workspace
from sitroom.ingest.workspace import change_setting, init_workspace, workspace_of
from sitroom.store.database import database_url, open_store
from sitroom.store.settings import SETTING_KEYS

settings_app = typer.Typer(
    help="The workspace's settings: its name, place and parties (sitroom init sets them).",
    invoke_without_command=True,
)
app.add_typer(settings_app, name="settings")

WhoOption = Annotated[
    str | None,
    typer.Option(
        "--who",
        help="Who makes the change, for the audit trail. Default: $USER.",
        show_default=False,
    ),
]


def _default_who() -> str:
    return os.environ.get("USER") or getpass.getuser()


@contextmanager
def _removed_on_refusal(db: str | None) -> Iterator[None]:
    """A SQLite file that init made and then refused to set up is removed: nothing written."""
    parsed = make_url(database_url(db))
    path = Path(str(parsed.database)) if parsed.get_backend_name() == "sqlite" else None
    new = path is not None and parsed.database not in (None, "", ":memory:") and not path.exists()
    try:
        yield
    except typer.Exit:
        if new and path is not None and path.exists():
            path.unlink()
        raise


@app.command("init")
def init_command(
    name: Annotated[str, typer.Option("--name", help='The crisis, e.g. "Sudan 2023".')],
    place: Annotated[
        str, typer.Option("--place", help="Its area: a place of the gazetteer, e.g. Khartoum.")
    ],
    parties: Annotated[
        str | None,
        typer.Option("--parties", help='Parties to the conflict, comma-separated: "SAF, RSF".'),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Set up again a database that is a workspace.")
    ] = False,
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Start a workspace: create the database and store its name, place and parties.

    The place must be known to the gazetteer (the world's places, the bundled ones and
    those the database stores; see sitroom places list). Without --date and --place a
    briefing and the dashboard are then of this place on the latest day with sources.
    A database that is a workspace already is refused unless --force.

    \b

    \b
    Example: sitroom init --name "Aleppo 2016" --place Aleppo --db workspace.db
    """
    with _removed_on_refusal(db), refuse_on():
        store = open_store(db)
        workspace = init_workspace(store, name, place, parties, who or _default_who(), force=force)
    typer.echo(f"workspace {_describe(workspace)} in {_safe(store.url)}", err=True)


@settings_app.callback()
def settings_default(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the workspace's settings (the same as `sitroom settings show`)."""
    if ctx.invoked_subcommand is None:
        settings_show(db=db, as_json=as_json)


@settings_app.command("show")
def settings_show(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Print the workspace's settings: name, place, parties ("-" where unset).

    A database made without `sitroom init` has none and works as before: briefings
    default to Aleppo.

    \b

    \b
    Example: sitroom settings show --json
    """
    with refuse_on():
        workspace = workspace_of(open_store(db, create=False))
    if as_json:
        record = {"name": workspace.name, "place": workspace.place, "parties": workspace.parties}
        typer.echo(json.dumps(record, ensure_ascii=False, indent=1))
    else:
        typer.echo(f"name\t{workspace.name or '-'}")
        typer.echo(f"place\t{workspace.place or '-'}")
        typer.echo(f"parties\t{', '.join(workspace.parties) or '-'}")
    if not workspace.initialised:
        typer.echo(
            "this database has no workspace settings "
            "(set them: sitroom init --name NAME --place PLACE)",
            err=True,
        )


@settings_app.command("set")
def settings_set(
    key: Annotated[str, typer.Argument(help=f"One of: {', '.join(SETTING_KEYS)}.")],
    value: Annotated[str, typer.Argument(help='The value; parties comma-separated: "SAF, RSF".')],
    db: DbOption = None,
    who: WhoOption = None,
) -> None:
    """Change one setting of the workspace; the change goes to the audit trail.

    name is any text; place a place of the gazetteer, stored as the gazetteer lists it
    ("Alepo" is Aleppo); parties a comma-separated list of names ("" for none).

    \b

    \b
    Example: sitroom settings set name "Aleppo 2016"
    """
    with refuse_on():
        entry = change_setting(open_store(db, create=False), key, value, who or _default_who())
    if entry is None:
        typer.echo(f"{key}: already {value}", err=True)
    else:
        typer.echo(f"{key}: {_shown(entry.before)} -> {_shown(entry.after)}", err=True)


def _shown(value: str | None) -> str:
    if value is None:
        return "-"
    loaded = json.loads(value)
    return ", ".join(loaded) if isinstance(loaded, list) else str(loaded)


def _describe(workspace: Workspace) -> str:
    parties = f", parties {', '.join(workspace.parties)}" if workspace.parties else ""
    return f'"{workspace.name}" of {workspace.place}{parties}'


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
