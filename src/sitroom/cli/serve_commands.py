"""`sitroom serve`: the dashboard and REST API on uvicorn."""

from __future__ import annotations

import os
import tempfile
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from sitroom.cli import app
from sitroom.cli.common import DbOption, refuse_on
from sitroom.store.database import ENV_VAR, database_url, open_store

HostOption = Annotated[str, typer.Option(help="Address to serve on.")]
PortOption = Annotated[int, typer.Option(help="Port to serve on.")]
WorkersOption = Annotated[
    int,
    typer.Option(
        min=1,
        help="Worker processes, each using a core; they share the briefings they build. Default 1.",
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option(min=0.1, help="Seconds a request may take before it is answered 503."),
]


def run_server(
    url: str,
    host: str,
    port: int,
    workers: int = 1,
    timeout: float = 30.0,
    private: bool = False,
) -> None:
    """Serve the app on `url`'s database at http://host:port until interrupted, in
    `workers` processes, each request bounded to `timeout` seconds."""
    import uvicorn

    from sitroom.api.app import (
        PRIVATE_ENV_VAR,
        SHARED_CACHE_ENV_VAR,
        TIMEOUT_ENV_VAR,
        create_app,
    )

    typer.echo(
        f"serving {shown_url(url)} on http://{host}:{port}/ with {workers} worker"
        f"{'s' if workers > 1 else ''} (API docs at /docs); Ctrl-C stops",
        err=True,
    )
    if workers == 1:
        served = create_app(url, timeout=timeout, private=private)
        uvicorn.run(served, host=host, port=port, log_level="info")
        return
    # uvicorn starts each worker from an import string: the factory reads these
    os.environ[ENV_VAR] = url
    os.environ[TIMEOUT_ENV_VAR] = str(timeout)
    os.environ[PRIVATE_ENV_VAR] = "1" if private else "0"
    # briefings the workers share, for this run only: a database made again at the same
    # URL may reach the same revision with other contents
    with tempfile.TemporaryDirectory(prefix="sitroom-briefings-") as shared:
        os.environ[SHARED_CACHE_ENV_VAR] = shared
        uvicorn.run(
            "sitroom.api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )


def shown_url(url: str) -> str:
    """`url` as it may be printed: the password, if any, masked as ***."""
    return make_url(url).render_as_string(hide_password=True)


@app.command("serve")
def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: WorkersOption = 1,
    timeout: TimeoutOption = 30.0,
    private: Annotated[
        bool,
        typer.Option(
            "--private", help="Answer reads too only to a user's token (sitroom users add)."
        ),
    ] = False,
) -> None:
    """Serve the dashboard (briefing, sources with highlighted quotes) and the REST API.

    The API is under /api, its OpenAPI documentation at /docs. Briefings are kept until
    the next write to the database, so a repeat request is a lookup. Stop with Ctrl-C.

    Reads are open (with --private, they need a token); writes (reviews) always need a
    user's token with the role for them: `Authorization: Bearer TOKEN`, tokens from
    `sitroom users add`. The server listens on 127.0.0.1 unless --host says otherwise:
    to serve others, put it behind a reverse proxy that terminates TLS (README).

    \b

    \b
    Example: sitroom sample load && sitroom serve --port 8000 --workers 2
    """
    with refuse_on():
        url = database_url(db)
        # an unreachable server is a one-line refusal (password masked), not a traceback;
        # it also brings the schema up to date once, before any worker starts
        open_store(url).dispose()
        run_server(url, host, port, workers, timeout, private)
