"""Extraction of many texts spread over worker processes, results in the order given.

Extraction is pure Python and holds the interpreter's lock, so threads would not help;
processes do. Workers are forked: they inherit the loaded gazetteer, vocabulary and
compiled patterns instead of being sent them (a world gazetteer pickled to every worker
would cost more than it saves). Where fork is not available, one process does the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from typing import TYPE_CHECKING

from sitroom.domain import Claim
from sitroom.extract.pipeline import extract_claims
from sitroom.vocabulary import Vocabulary

if TYPE_CHECKING:
    from sitroom.geo.actors import Parties
    from sitroom.geo.gazetteer import Gazetteer

# Below this many characters in all, forking workers costs more than it saves (a fork of
# a process holding the world gazetteer and the pool's start-up are some 50 ms).
PARALLEL_MIN_CHARS = 100_000


def default_jobs(total_chars: int, texts: int) -> int:
    """How many processes to extract `texts` texts of `total_chars` characters with."""
    if texts < 2 or total_chars < PARALLEL_MIN_CHARS:
        return 1
    return min(os.cpu_count() or 1, texts)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# what forked workers extract with: set before the pool forks, so it is inherited, not sent
_WORKER_GAZETTEER: Gazetteer | None = None
_WORKER_VOCABULARY: Vocabulary | None = None
_WORKER_PARTIES: Parties | None = None


def _extract_in_worker(text: str, published_at: date | None) -> list[Claim]:
    return extract_claims(
        text, published_at, _WORKER_GAZETTEER, _WORKER_VOCABULARY, _WORKER_PARTIES
    )


def extract_many(
    texts: Iterable[tuple[str, date | None]],
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    parties: Parties | None = None,
    *,
    jobs: int = 1,
) -> Iterator[list[Claim]]:
    """Yield the claims of each (text, publication day) of `texts`, in order.

    The same claims as `extract_claims` on each text. With `jobs` > 1, that many forked
    processes extract, at most two texts a worker ahead of what has been yielded, so
    memory stays bounded however many texts there are.
    """
    if jobs <= 1 or not can_fork():
        for text, published_at in texts:
            yield extract_claims(text, published_at, gazetteer, vocabulary, parties)
        return
    global _WORKER_GAZETTEER, _WORKER_VOCABULARY, _WORKER_PARTIES
    _WORKER_GAZETTEER, _WORKER_VOCABULARY, _WORKER_PARTIES = gazetteer, vocabulary, parties
    # compile the stages' patterns once, here, before the fork: every worker inherits them
    extract_claims("Some 10 people.", None, gazetteer, vocabulary, parties)
    pending: deque[Future[list[Claim]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for text, published_at in texts:
            pending.append(pool.submit(_extract_in_worker, text, published_at))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
