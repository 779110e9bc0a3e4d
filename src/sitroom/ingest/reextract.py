"""Extraction run again on stored sources, with the extractor and gazetteer of today.

A reviewed claim (confirmed, edited, rejected, or added by a user) is never overwritten
or removed: where the newer extractor reads its words the same way, nothing changes;
where it reads them differently, its claim is stored beside the reviewed one, naming it
(`differs_from`), and waits for an editor (briefings leave it out until then). Claims
nobody reviewed follow the newer reading: one it reads again the same way keeps its row
and id (links to it keep working), one it no longer reads is removed, one it newly reads
is added. Every source changed gets an audit entry. All sources are written in one
transaction: all or nothing, and a run repeated at once changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sitroom.domain import Claim, ReviewStatus
from sitroom.extract.parallel import default_jobs, extract_many
from sitroom.extract.pipeline import EXTRACTOR_VERSION
from sitroom.geo.stored import gazetteer_for, parties_for
from sitroom.progress import Progress, null_progress
from sitroom.store.audit import record_change
from sitroom.store.claims import (
    add_claims,
    delete_claims,
    extracted_claims,
    set_part_of,
)
from sitroom.store.database import Store, refresh_statistics
from sitroom.store.sources import get_source, list_sources, source_texts

# What a reading is: the fields the extractor decides (ids, review and part_of aside:
# a part's whole is compared through its own reading).
_READING = (
    "indicator",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "group",
    "place",
    "origin",
    "destination",
    "subject",
    "window",
    "window_start",
    "window_end",
    "claimant",
    "quote",
    "start",
    "end",
)


def reading(claim: Claim) -> tuple[object, ...]:
    """What the extractor read: equal readings are the same claim."""
    return tuple(getattr(claim, name) for name in _READING)


def is_reviewed(claim: Claim) -> bool:
    """Whether a person stands behind the claim (or rejected it): reextraction keeps it."""
    return claim.review is not ReviewStatus.EXTRACTED


@dataclass(frozen=True)
class SourcePlan:
    """What a new extraction changes in one source's claims."""

    source_id: int
    kept: tuple[Claim, ...] = ()  # unreviewed, read again the same way
    removed: tuple[Claim, ...] = ()  # unreviewed, no longer read
    added: tuple[Claim, ...] = ()  # newly read (with local ids and part_of of the source)
    flagged: tuple[Claim, ...] = ()  # newly read, differing from a reviewed claim (added too)
    reviewed: tuple[Claim, ...] = ()  # reviewed: left as they are
    repointed: tuple[tuple[int, int | None], ...] = ()  # (claim id, its whole's new local id)

    @property
    def changes(self) -> bool:
        return bool(self.removed or self.added or self.flagged or self.repointed)


@dataclass(frozen=True)
class Reextraction:
    """What a run changed (or, dry, would change), per source and in all."""

    plans: tuple[SourcePlan, ...] = field(default_factory=tuple)
    written: bool = False

    def total(self, name: str) -> int:
        return sum(len(getattr(plan, name)) for plan in self.plans)


def plan_source(source_id: int, old: Sequence[Claim], new: Sequence[Claim]) -> SourcePlan:
    """What replacing the extraction `old` (stored, as extracted) by `new` (numbered
    from 0, `part_of` local to `new`) changes, keeping every reviewed claim. Pure."""
    reviewed = [c for c in old if is_reviewed(c)]
    pending = [c for c in old if not is_reviewed(c)]
    unmatched = {id(c): c for c in pending}
    final_local: dict[int, int] = {}  # new local id -> local id in the source after the run
    next_local = max((c.local_id for c in old), default=-1) + 1
    added: list[Claim] = []
    flagged: list[Claim] = []
    kept: list[Claim] = []
    kept_new: dict[int, Claim] = {}  # kept old claim's id -> the new claim that read it
    for claim in new:
        words = [r for r in reviewed if r.start < claim.end and claim.start < r.end]
        same = [r for r in words if reading(r) == reading(claim)]
        if same:  # the reviewed claim stands for this reading
            final_local[claim.local_id] = same[0].local_id
            continue
        # the same reading stored before, unreviewed (or beside a reviewed claim, waiting)
        twin = next((c for c in unmatched.values() if reading(c) == reading(claim)), None)
        if twin is not None:
            del unmatched[id(twin)]
            kept.append(twin)
            kept_new[twin.id or 0] = claim
            final_local[claim.local_id] = twin.local_id
            continue
        differs = None
        if words:  # the reviewed claim whose words overlap most
            differs = max(words, key=lambda r: min(r.end, claim.end) - max(r.start, claim.start))
        stored = replace(claim, local_id=next_local, differs_from=differs.id if differs else None)
        final_local[claim.local_id] = next_local
        next_local += 1
        (flagged if differs else added).append(stored)
    added_all = [
        replace(c, part_of=final_local.get(c.part_of) if c.part_of is not None else None)
        for c in [*added, *flagged]
    ]
    removed = list(unmatched.values())
    removed_locals = {c.local_id for c in removed}
    repointed: list[tuple[int, int | None]] = []
    for twin in kept:  # a kept claim's whole as the newer extraction reads it
        whole = kept_new[twin.id or 0].part_of
        part_of = final_local.get(whole) if whole is not None else None
        if part_of != twin.part_of and twin.id is not None:
            repointed.append((twin.id, part_of))
    for claim in reviewed:  # a reviewed part whose whole is removed: its new reading, if any
        if claim.part_of in removed_locals and claim.id is not None:
            gone = next(c for c in removed if c.local_id == claim.part_of)
            successor = next(
                (a for a in added_all if a.start < gone.end and gone.start < a.end), None
            )
            repointed.append((claim.id, successor.local_id if successor else None))
    return SourcePlan(
        source_id=source_id,
        kept=tuple(kept),
        removed=tuple(removed),
        added=tuple(c for c in added_all if c.differs_from is None),
        flagged=tuple(c for c in added_all if c.differs_from is not None),
        reviewed=tuple(reviewed),
        repointed=tuple(repointed),
    )


def reextract(
    store: Store,
    source_ids: Iterable[int] | None = None,
    *,
    who: str,
    dry_run: bool = False,
    jobs: int | None = None,
    progress: Progress = null_progress,
) -> Reextraction:
    """Extract the stored sources `source_ids` (every source when None) again and apply
    `plan_source` to each, in one transaction, unless `dry_run`; `who` is the audit's."""
    with store.session() as session:
        if source_ids is None:
            sources = list_sources(session)
        else:
            sources = [get_source(session, source_id) for source_id in source_ids]
        texts_of = source_texts(session, {s.id for s in sources if s.id is not None})
    gazetteer, parties = gazetteer_for(store), parties_for(store)
    if jobs is None:
        jobs = default_jobs(sum(map(len, texts_of.values())), len(sources))
    extracted: list[tuple[int, list[Claim]]] = []
    bar = progress(len(sources), "extracting")
    try:
        texts = ((texts_of.get(s.id or 0, ""), s.published_at) for s in sources)
        for source, claims in zip(
            sources, extract_many(texts, gazetteer, None, parties, jobs=jobs), strict=True
        ):
            bar.advance(source.filename or source.title)
            extracted.append((source.id or 0, claims))
    finally:
        bar.close()
    if dry_run:
        with store.session() as session:
            plans = [
                plan_source(sid, extracted_claims(session, sid), new) for sid, new in extracted
            ]
        return Reextraction(tuple(plans), written=False)
    plans = []
    with store.write_session() as session:
        for source_id, new in extracted:
            # read again under lock: a review made since the extraction is honoured
            plan = plan_source(source_id, extracted_claims(session, source_id, lock=True), new)
            plans.append(plan)
            if not plan.changes:
                continue
            delete_claims(session, [c.id for c in plan.removed if c.id is not None])
            add_claims(session, source_id, [*plan.added, *plan.flagged])
            for claim_id, part_of in plan.repointed:
                set_part_of(session, claim_id, part_of)
            record_change(
                session,
                who,
                "reextract",
                "source",
                source_id,
                None,
                f"{EXTRACTOR_VERSION}: {len(plan.kept)} kept, {len(plan.added)} added, "
                f"{len(plan.removed)} removed, {len(plan.flagged)} beside a reviewed claim",
            )
        if any(plan.changes for plan in plans):
            refresh_statistics(session)
    return Reextraction(tuple(plans), written=True)
