"""Who is asking: `Authorization: Bearer TOKEN` read against the store's users.

Reads are open unless the server is private (`sitroom serve --private`); every write needs
a role (`requires`). No token where one is needed answers 401, a token whose role falls
short 403, both in the API's one error body; nothing is written.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from sitroom.domain import NotAllowed, Role, SitroomError, User
from sitroom.store.database import Store
from sitroom.store.users import user_for_token

MAX_TOKEN_CHARS = 200


class Unauthorized(SitroomError):
    """No token, or one that no user holds (any more): answered 401."""


def user_for_header(store: Store, header: str) -> User | None:
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized('give the header "Authorization: Bearer TOKEN" (sitroom users add)')
    with store.session() as session:
        user = user_for_token(session, token)
    if user is None:
        raise Unauthorized("the token is not known, or was revoked")
    return user


COOKIE = "sitroom_token"


def csrf_token(token: str) -> str:
    """The value a dashboard form carries to prove it came from a page of this server."""
    return hmac.new(token.encode("utf-8"), b"sitroom-csrf", hashlib.sha256).hexdigest()[:32]


async def signed_in(request: Request) -> User | None:
    """The user the request's token belongs to: from `Authorization: Bearer`, else from
    the dashboard's sign-in cookie (a stale cookie is no user); None without either."""
    store: Store = request.app.state.store
    header = request.headers.get("authorization", "")
    if header:
        return await run_in_threadpool(user_for_header, store, header)
    cookie = request.cookies.get(COOKIE, "")
    if not cookie:
        return None
    try:
        return await run_in_threadpool(user_for_header, store, f"Bearer {cookie}")
    except Unauthorized:
        return None


def requires(role: Role) -> Callable[[Request], Awaitable[User]]:
    """A dependency: the signed-in user, who must hold `role` or a higher one."""

    async def allowed(request: Request) -> User:
        user = await signed_in(request)
        if user is None:
            raise Unauthorized(f"this needs a token of a user with the role {role} or higher")
        if not user.role.allows(role):
            raise NotAllowed(f'user "{user.name}" is a {user.role}; this needs {role} or higher')
        return user

    return allowed


async def may_read(request: Request) -> None:
    """Reads are open, unless the server is private: then a viewer's token is needed."""
    if getattr(request.app.state, "private", False):
        await requires(Role.VIEWER)(request)
