"""The FastAPI app: JSON API under /api, dashboard pages, static files, one error body."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from sitroom.api import data_routes, page_routes
from sitroom.api.errors import add_error_handlers
from sitroom.api.guard import Guard
from sitroom.store.database import Store


def create_app(database_url: str) -> FastAPI:
    """The sitroom web app on the database at `database_url` (schema brought up to date)."""
    store = Store(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
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
    add_error_handlers(app)
    app.include_router(data_routes.router)
    app.include_router(page_routes.router)
    static = resources.files("sitroom").joinpath("web/static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # outermost of our layers: headers on every answer, a NUL refused, any failure in the body
    app.add_middleware(Guard)
    return app
