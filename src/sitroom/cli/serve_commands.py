"""`sitroom serve`: the dashboard and REST API on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.store.database import database_url, open_store

HostOption = Annotated[str, typer.Option(help="Address to serve on.")]
PortOption = Annotated[int, typer.Option(help="Port to serve on.")]


def run_server(url: str, host: str, port: int) -> None:
    """Serve the app on `url`'s database at http://host:port until interrupted."""
    import uvicorn

    from sitroom.api import create_app

    typer.echo(
        f"serving {shown_url(url)} on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops",
        err=True,
    )
    uvicorn.run(create_app(url), host=host, port=port, log_level="info")


def shown_url(url: str) -> str:
    """`url` as it may be printed: the password, if any, masked as ***."""
    return make_url(url).render_as_string(hide_password=True)


@app.command("serve")
def serve(db: DbOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Serve the dashboard (briefing, sources with highlighted quotes) and the REST API.

    The API is under /api, its OpenAPI documentation at /docs. Stop with Ctrl-C.

    \b

    \b
    Example: sitroom sample load && sitroom serve --port 8000
    """
    with refuse_on():
        url = database_url(db)
        # an unreachable server is a one-line refusal (password masked), not a traceback
        open_store(url).dispose()
        run_server(url, host, port)
