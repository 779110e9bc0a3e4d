"""Rendered briefings kept per (page, place, date, store revision), so a repeat is a lookup.

A key holds the store's revision (`store.revision.store_revision`), read once per request:
any write changes it, and entries of older revisions are dropped at the next request. The
revision lives in the database, so several worker processes (`sitroom serve --workers`),
each with its own cache, agree on when a briefing is stale.

One build per key at a time: requests for a briefing being built wait for it instead of
building it again (eight concurrent builds at 100,000 claims held 3 GB).

Texts are kept gzip-compressed: the briefing of 100,000 claims is 90 MB of JSON and 2.8 MB
gzipped, which a client accepting gzip (every browser) gets as it is kept."""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sitroom.store.database import Store
from sitroom.store.revision import store_revision

# Entries kept at most, and their gzipped bytes at most.
CACHED_BRIEFINGS = 32
CACHED_BYTES = 256 * 1024 * 1024


class BriefingCache:
    """Rendered briefings by key and store revision; `builds` counts the renders made."""

    def __init__(self, size: int = CACHED_BRIEFINGS, max_bytes: int = CACHED_BYTES) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.builds = 0
        self._texts: OrderedDict[tuple[Hashable, ...], bytes] = OrderedDict()
        self._revision: tuple[int, ...] | None = None
        self._lock = threading.Lock()
        self._building: dict[tuple[Hashable, ...], threading.Lock] = {}

    def get(self, store: Store, key: tuple[Hashable, ...], render: Callable[[], str]) -> bytes:
        """The gzipped text cached for `key` at the store's current revision, else
        `render()`'s, gzipped (and kept)."""
        with store.session() as session:
            revision = store_revision(session)
        full = (*key, revision)
        with self._lock:
            if revision != self._revision:
                self._texts.clear()  # a write happened: nothing cached is current
                self._revision = revision
            if (found := self._texts.get(full)) is not None:
                self._texts.move_to_end(full)
                return found
            building = self._building.setdefault(full, threading.Lock())
        with building:
            with self._lock:
                if (found := self._texts.get(full)) is not None:
                    return found  # built by the request we waited for
            try:
                text = gzip.compress(render().encode("utf-8"), compresslevel=5, mtime=0)
            finally:
                with self._lock:
                    self._building.pop(full, None)
            with self._lock:
                self.builds += 1
                if revision == self._revision:
                    self._texts[full] = text
                    while len(self._texts) > self.size or (
                        len(self._texts) > 1
                        and sum(map(len, self._texts.values())) > self.max_bytes
                    ):
                        self._texts.popitem(last=False)
        return text


def gzipped_response_body(body: bytes, accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    """The body to send and its headers: as kept when the client accepts gzip, else plain."""
    if "gzip" in accept_encoding.lower():
        return body, {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return gzip.decompress(body), {"Vary": "Accept-Encoding"}
