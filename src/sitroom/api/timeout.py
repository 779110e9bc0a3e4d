"""A bound on how long one request may take: past it, the client gets the error body (503)."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitroom.api.errors import error_response

# Seconds a request may take unless `sitroom serve --timeout` says otherwise.
DEFAULT_TIMEOUT = 30.0


class RequestTimeout:
    """ASGI middleware answering 503 with the one error body when a request outlasts
    `seconds`, if nothing of its response was sent yet (else the connection is closed).

    Known gap: a route running in a worker thread is not stopped, only no longer awaited;
    the briefing cache (`api.cache`) keeps another request from starting the same work."""

    def __init__(self, app: ASGIApp, seconds: float = DEFAULT_TIMEOUT) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, sending), self.seconds)
        except TimeoutError:
            if started:
                raise
            response = error_response(
                503, f"the request took longer than {self.seconds:g} s; try again shortly"
            )
            await response(scope, receive, send)
