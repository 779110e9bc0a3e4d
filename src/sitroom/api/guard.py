"""The app's outer guard: security headers on every response, NUL bytes refused, and any
unexpected failure answered with the one error body instead of a plain-text 500.

A pure ASGI middleware (not Starlette's BaseHTTPMiddleware) so static files, 404s of unknown
paths and the error pages pass through it alike.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sitroom.api.errors import error_response, respond
from sitroom.api.schemas import ErrorDetail

Scope = MutableMapping[str, Any]  # ASGI messages and scopes are dicts of anything
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("sitroom.api")

# The dashboard runs no script at all. Styles may be inline because the charts are
# matplotlib's SVG, drawn with style attributes and a <style> element (hashes cannot name
# attributes without 'unsafe-hashes', and the charts differ per briefing); CSS cannot run code.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# /docs and /redoc (fastapi-offline) start Swagger UI with an inline script the framework
# writes: it is allowed by its hash, and ReDoc starts a worker from a blob.
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)

SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def _docs_policy(body: bytes) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(body)
    )
    return (
        PAGE_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())
        + "; worker-src 'self' blob:"
    )


def _with_headers(message: Message, policy: str) -> Message:
    headers = [
        (name, value)
        for name, value in message.get("headers", [])
        if name.decode("latin-1").lower() not in SECURITY_HEADERS
        and name.lower() != b"content-security-policy"
    ]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    headers.append((b"content-security-policy", policy.encode()))
    return {**message, "headers": headers}


def _has_nul(scope: Scope) -> bool:
    """Whether the path or the query string holds a NUL, raw or percent-encoded."""
    query: bytes = scope.get("query_string", b"")
    path: str = scope.get("path", "")
    return "\x00" in path or b"\x00" in query or b"%00" in query


class Guard:
    """Wrap `app`: headers on every response, 400 for a NUL, 500 in the error body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            # PostgreSQL refuses NUL in text and SQLite would store it: refuse it here alike
            await self._answer(
                scope,
                receive,
                send,
                respond(
                    Request(scope),
                    400,
                    "a parameter holds a NUL character (%00)",
                    [ErrorDetail(field=None, problem="remove the NUL character")],
                ),
            )
            return
        if scope.get("path") in DOCS_PATHS:
            await self._docs(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = _with_headers(message, PAGE_POLICY)
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception:  # the catch-all: logged with its traceback, answered 500
            log.exception("unexpected failure on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # half a response is out: nothing better to do than drop the connection
            await self._answer(scope, receive, send, _internal_error(scope))

    async def _answer(self, scope: Scope, receive: Receive, send: Send, response: Response) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = _with_headers(message, PAGE_POLICY)
            await send(message)

        await response(scope, receive, send_with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a documentation page with its own inline scripts allowed by their hashes."""
        start: Message = {}
        body = b""

        async def buffer(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    await send(_with_headers(start, _docs_policy(body)))
                    await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffer)


def _internal_error(scope: Scope) -> Response:
    """The 500 answer: the error body (or page), saying no more than that it is our fault."""
    try:
        return respond(
            Request(scope),
            500,
            "internal error: the server failed on this request; its log has the details",
            suggest=False,
        )
    except Exception:  # the error page itself failed: plain error body
        log.exception("the error page failed too")
        return error_response(500, "internal error")
