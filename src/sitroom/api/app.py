"""The FastAPI app: JSON API under /api, dashboard pages, static files, one error body."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from sitroom.analysis.voices import default_voices
from sitroom.api import data_routes, export_routes, map_routes, page_routes, review_pages
from sitroom.api.cache import BriefingCache
from sitroom.api.errors import add_error_handlers
from sitroom.api.guard import Guard
from sitroom.api.timeout import DEFAULT_TIMEOUT, RequestTimeout
from sitroom.geo.stored import gazetteer_for
from sitroom.report.html import templates
from sitroom.store.database import ENV_VAR, Store
from sitroom.vocabulary import default_vocabulary

# How `sitroom serve --workers N` hands each worker process its request timeout, and the
# folder, made for the run, where the workers share the briefings they build.
TIMEOUT_ENV_VAR = "SITROOM_REQUEST_TIMEOUT"
SHARED_CACHE_ENV_VAR = "SITROOM_SHARED_CACHE"
PRIVATE_ENV_VAR = "SITROOM_PRIVATE"

# Threads running the routes (which block on the database) in each worker process, and
# as many pooled connections, so that no request opens its own. Routes are mostly Python
# holding the interpreter's lock, so more threads only queue for it: with anyio's default
# of 40 and SQLAlchemy's pool of 5, /api/claims at 32 clients spent a fifth of its time
# opening SQLite connections, and 2 to 4 threads served 1.5x the requests of 8 (bench/
# api.py). More processes (`sitroom serve --workers`) are what use more cores.
THREADS = 4


def _warm(store: Store) -> None:
    """Load what every briefing reads before the first request, not during it: the
    store's gazetteer (with the bundled and world places), the vocabulary, the voices and
    the page templates, compiled (Jinja compiles a template on its first use: 0.09 s of
    the first page; all of this was half a second of a cold `/`, bench/briefing.py)."""
    gazetteer_for(store)
    default_vocabulary()
    default_voices()
    environment = templates()
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)


def create_app(
    database_url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    shared_cache: Path | None = None,
    private: bool = False,
) -> FastAPI:
    """The sitroom web app on the database at `database_url` (schema brought up to date),
    each request bounded to `timeout` seconds. Worker processes given the same
    `shared_cache` folder share the briefings they build (`api.cache`). A `private` app
    answers reads only to a user's token (`api.auth`); writes always need one."""
    store = Store(database_url, connections=THREADS)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        from anyio import to_thread

        to_thread.current_default_thread_limiter().total_tokens = THREADS
        await to_thread.run_sync(_warm, store)
        yield
        store.dispose()  # closes pooled connections so a test's temp db can go

    # /docs and /redoc from files inside the fastapi-offline package: FastAPI's own pages
    # load Swagger UI from a CDN, blank on a machine without internet
    app = FastAPIOffline(
        title="sitroom",
        summary="Attributed, checkable claims from crisis reports.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.private = private
    app.state.briefing_cache = BriefingCache(folder=shared_cache)
    app.add_middleware(RequestTimeout, seconds=timeout)
    add_error_handlers(app)
    app.include_router(data_routes.router)
    app.include_router(page_routes.router)
    app.include_router(review_pages.open_router)
    app.include_router(review_pages.router)
    app.include_router(map_routes.router)
    app.include_router(export_routes.router)
    static = resources.files("sitroom").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # outermost of our layers: headers on every answer, a NUL refused, any failure in the body
    app.add_middleware(Guard)
    return app


def app_from_environment() -> FastAPI:
    """The app on $SITROOM_DATABASE_URL with $SITROOM_REQUEST_TIMEOUT: the factory each
    worker process of `sitroom serve --workers N` calls (uvicorn imports it by name)."""
    shared = os.environ.get(SHARED_CACHE_ENV_VAR)
    return create_app(
        os.environ[ENV_VAR],
        timeout=float(os.environ.get(TIMEOUT_ENV_VAR, DEFAULT_TIMEOUT)),
        shared_cache=Path(shared) if shared else None,
        private=os.environ.get(PRIVATE_ENV_VAR) == "1",
    )
