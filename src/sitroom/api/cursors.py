"""Opaque keyset cursors: what a page ended on, as URL-safe text the client hands back."""

from __future__ import annotations

import base64
import binascii
import json

from sitroom.domain import InputError


def encode_cursor(kind: str, after: list[int | str]) -> str:
    """A cursor for the page after the row whose sort key is `after`, in list `kind`."""
    raw = json.dumps({"k": kind, "a": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> list[int | str]:
    """The sort key a cursor of list `kind` holds; InputError (field "cursor") otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        loaded = json.loads(raw)
    except (binascii.Error, ValueError) as err:
        raise _bad(cursor) from err
    if (
        not isinstance(loaded, dict)
        or loaded.get("k") != kind
        or not isinstance(loaded.get("a"), list)
    ):
        raise _bad(cursor)
    after: list[int | str] = loaded["a"]
    return after


def _bad(cursor: str) -> InputError:
    shown = cursor if len(cursor) <= 40 else cursor[:40] + "…"
    return InputError(
        "query",
        None,
        "cursor",
        f'"{shown}" is not a cursor of this list',
        hint="use the next URL of the previous page, or leave cursor out",
    )
