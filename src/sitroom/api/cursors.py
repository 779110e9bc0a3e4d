"""Opaque keyset cursors: what a page ended on, as URL-safe text the client hands back.

A cursor is only ever one we wrote, and is read strictly: short, base64 of a flat JSON
object `{"k": list, "a": [key...]}`, every key part of the type and range the list sorts on
(ids within the database's integer range, ISO days within `DAY_RANGE`). Anything else is a
`BadRequest` (400), never a value passed on to the database.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import date

from sitroom.api.errors import BadRequest
from sitroom.api.limits import DAY_RANGE, MAX_ID

# the longest cursor we write is ~60 characters; anything far longer is not ours, and
# is refused before it is decoded (5,000 nested brackets would exhaust json's recursion)
MAX_CURSOR_CHARS = 200
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_FLAT = re.compile(r'\{"k":"[a-z]+","a":\[[^\[\]{}]*\]\}')


def encode_cursor(kind: str, after: list[int | str]) -> str:
    """A cursor for the page after the row whose sort key is `after`, in list `kind`."""
    raw = json.dumps({"k": kind, "a": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> list[int | str]:
    """The sort key a cursor of list `kind` holds; BadRequest (field "cursor") otherwise."""
    if len(cursor) > MAX_CURSOR_CHARS or not _BASE64URL.fullmatch(cursor):
        raise _bad(cursor)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError) as err:
        raise _bad(cursor) from err
    if not _FLAT.fullmatch(raw):  # the exact shape we write, so json.loads never recurses
        raise _bad(cursor)
    try:
        loaded = json.loads(raw)
    except ValueError as err:
        raise _bad(cursor) from err
    if loaded.get("k") != kind:
        raise _bad(cursor)
    after: list[int | str] = loaded["a"]
    return after


def id_after(cursor: str | None, kind: str) -> int:
    """The id a cursor of an id-ordered list ends on (0 without a cursor)."""
    if cursor is None:
        return 0
    after = decode_cursor(cursor, kind)
    if len(after) != 1 or not _is_id(after[0]):
        raise _bad(cursor)
    found = after[0]
    assert isinstance(found, int)
    return found


def day_and_id_after(cursor: str, kind: str) -> tuple[date, int]:
    """The (day, id) a cursor of a list ordered by day then id ends on."""
    after = decode_cursor(cursor, kind)
    if len(after) != 2 or not isinstance(after[0], str) or not _is_id(after[1]):
        raise _bad(cursor)
    try:
        day = date.fromisoformat(after[0])
    except ValueError as err:
        raise _bad(cursor) from err
    if not DAY_RANGE[0] <= day <= DAY_RANGE[1]:
        raise _bad(cursor)
    found = after[1]
    assert isinstance(found, int)
    return day, found


def _is_id(value: object) -> bool:
    # bool is an int in Python: `true` is no id
    return type(value) is int and 0 <= value <= MAX_ID


def _bad(cursor: str) -> BadRequest:
    shown = cursor if len(cursor) <= 40 else cursor[:40] + "…"
    return BadRequest(
        "query",
        None,
        "cursor",
        f'"{shown}" is not a cursor of this list',
        hint="use the next URL of the previous page, or leave cursor out",
    )
