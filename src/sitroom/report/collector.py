"""Pausing Python's cycle collector while a briefing is built."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # briefings being built right now (the API builds them in worker threads)
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the duration of the block.

    A briefing makes some 10^5 objects that live until it is done and form no garbage
    cycles; each automatic collection walked them all again, a third of the time of a
    briefing over 15,000 figures (bench/briefing.py). When the last paused block ends,
    everything allocated meanwhile is moved to the oldest generation unexamined
    (`gc.freeze` then `gc.unfreeze`: two list splices) before the collector runs again,
    so the first collection after does not walk them all at once either; cycles made
    meanwhile wait for the next full collection. Nested and concurrent blocks count:
    the collector runs again only when none is left, and only if it ran before.
    """
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                gc.unfreeze()
                if _was_enabled:
                    gc.enable()
