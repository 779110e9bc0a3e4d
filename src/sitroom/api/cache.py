"""Rendered briefings kept per (page, place, date, store revision), so a repeat is a lookup.

A key holds the store's revision (`store.revision.store_revision`), read once per request:
any write changes it, and entries of older revisions are dropped at the next request. The
revision lives in the database, so several worker processes (`sitroom serve --workers`),
each with its own cache, agree on when a briefing is stale.

One build per key at a time: requests for a briefing being built wait for it instead of
building it again (eight concurrent builds at 100,000 claims held 3 GB).

Texts are kept gzip-compressed: the briefing of 100,000 claims is 90 MB of JSON and 2.8 MB
gzipped, which a client accepting gzip (every browser) gets as it is kept.

With a `folder` (`sitroom serve --workers N` makes one for the run), the worker processes
of one server share their builds through files there: a briefing one worker built is read
by the others instead of being built again (each build of 100,000 claims takes seconds
and most of a gigabyte), and a worker about to build waits, on a file lock, for another
building the same key. Files of other revisions
of a key are removed when a new one is written."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TypeVar, cast

try:  # POSIX: workers share builds; elsewhere each keeps its own
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

from sitroom.store.database import Store
from sitroom.store.revision import store_revision

T = TypeVar("T")

# Entries kept at most, and their gzipped bytes at most.
CACHED_BRIEFINGS = 32
CACHED_BYTES = 256 * 1024 * 1024


class BriefingCache:
    """Rendered briefings by key and store revision; `builds` counts the renders made."""

    def __init__(
        self,
        size: int = CACHED_BRIEFINGS,
        max_bytes: int = CACHED_BYTES,
        folder: Path | None = None,
    ) -> None:
        self.folder = folder if fcntl is not None else None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.size = size
        self.max_bytes = max_bytes
        self.builds = 0
        self._texts: OrderedDict[tuple[Hashable, ...], bytes] = OrderedDict()
        self._revision: tuple[int, ...] | None = None
        self._lock = threading.Lock()
        self._building: dict[tuple[Hashable, ...], threading.Lock] = {}
        self._latest: tuple[tuple[Hashable, ...], object] | None = None

    def latest(self, store: Store, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
        """The object last built for `key` at the store's current revision, else `build()`'s.

        One object is kept, the last built: the page of a briefing and the series its
        charts fetch next are rendered from one build, not two (each is seconds and
        hundreds of MB at 100,000 claims), without holding more than one in memory."""
        with store.session() as session:
            full = (*key, store_revision(session))
        with self._lock:
            if self._latest is not None and self._latest[0] == full:
                return cast(T, self._latest[1])
        built = build()
        with self._lock:
            self._latest = (full, built)
        return built

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
                text = self._shared(key, revision, render)
            finally:
                with self._lock:
                    self._building.pop(full, None)
            with self._lock:
                if revision == self._revision:
                    self._texts[full] = text
                    while len(self._texts) > self.size or (
                        len(self._texts) > 1
                        and sum(map(len, self._texts.values())) > self.max_bytes
                    ):
                        self._texts.popitem(last=False)
        return text

    def served(
        self,
        store: Store,
        key: tuple[Hashable, ...],
        render: Callable[[], str],
        accept_encoding: str,
    ) -> tuple[bytes, dict[str, str]]:
        """`get`'s text as the body to send and its headers (`gzipped_response_body`)."""
        return gzipped_response_body(self.get(store, key, render), accept_encoding)

    def _build(self, render: Callable[[], str]) -> bytes:
        text = gzip.compress(render().encode("utf-8"), compresslevel=5, mtime=0)
        with self._lock:
            self.builds += 1
        return text

    def _shared(
        self, key: tuple[Hashable, ...], revision: tuple[int, ...], render: Callable[[], str]
    ) -> bytes:
        """The text of `key` at `revision` from the shared folder, else built and written
        there; built alone when there is no folder."""
        if self.folder is None:
            return self._build(render)
        name = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
        path = self.folder / f"{name}-{hashlib.sha256(repr(revision).encode()).hexdigest()[:16]}.gz"
        with _file_lock(self.folder / f"{name}.lock"):
            with contextlib.suppress(OSError):
                return path.read_bytes()
            text = self._build(render)
            with contextlib.suppress(OSError):  # a full disk costs the other workers a build
                with tempfile.NamedTemporaryFile(dir=self.folder, delete=False) as handle:
                    handle.write(text)
                os.replace(handle.name, path)
                for stale in self.folder.glob(f"{name}-*.gz"):
                    if stale != path:
                        stale.unlink(missing_ok=True)
        return text


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (flock), held while the block runs."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def gzipped_response_body(body: bytes, accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    """The body to send and its headers: as kept when the client accepts gzip, else plain."""
    if "gzip" in accept_encoding.lower():
        return body, {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return gzip.decompress(body), {"Vary": "Accept-Encoding"}
