"""Repository of claims: written per source, read back with filters and pagination."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date
from typing import Any, cast

from sqlalchemy import Connection, Select, Table, Text, func, insert, or_, select, type_coerce
from sqlalchemy.orm import Session

from sitroom.domain import Claim, NotFound, Qualifier, ReviewStatus, Source
from sitroom.store.limits import row_problems
from sitroom.store.sources import sources_without_text
from sitroom.store.tables import ClaimRow, SourceRow
from sitroom.vocabulary import section_prefixes

AnySelect = Select[*tuple[Any, ...]]  # a SELECT of any columns (SQLAlchemy 2.1 typing)


@dataclass(frozen=True)
class ClaimFilter:
    """What `list_claims` narrows to; None means any. Text filters match case-insensitively,
    `place` also inside longer names ("Aleppo" finds "east Aleppo")."""

    indicator: str | None = None
    place: str | None = None
    claimant: str | None = None
    source_id: int | None = None
    on_or_before: date | None = None  # source published on or before this day
    on_or_after: date | None = None  # source published on or after this day
    review: str | None = None  # extracted, confirmed, edited or rejected
    quote: str | None = None  # words within the quote or its sentence
    places_inside: tuple[str, ...] = ()  # names (lower case) of places within `place`
    claimant_in: tuple[str, ...] | None = None  # exactly one of these claimants
    claimant_not_in: tuple[str, ...] | None = None  # none of these (or no claimant)
    differs: bool = False  # only newer readings that differ from a reviewed claim
    section: str | None = None  # a briefing section's key ("movements"): its indicators


# The claims table's columns in the order of Claim's fields, so a row is the positional
# arguments of Claim(...): plain tuples of table (Core) columns rather than ORM objects,
# named rows, ORM attributes or keyword arguments keep the read of thousands of claims
# cheap (bench/briefing.py).
_CLAIMS_TABLE = cast(Table, ClaimRow.__table__)
_CLAIMS = _CLAIMS_TABLE.c
_SOURCES = SourceRow.__table__.c
_COLUMN_OF_FIELD = {
    "start": "quote_start",
    "end": "quote_end",
    "group": "group_name",
    "part_of": "part_of_local",
    "edited": "edits",
}
_FIELDS = tuple(f.name for f in fields(Claim))
# Read as the database gives them, parsed in `_to_domain`: SQLAlchemy's SQLite Date type
# parses each day with a regular expression and its JSON type decodes every `null`, a
# third of the read of 19,000 claims (bench/briefing.py).
_RAW = frozenset({"window_start", "window_end", "edits"})
_COLUMNS = tuple(
    type_coerce(_CLAIMS[column], Text) if column in _RAW else _CLAIMS[column]
    for column in (_COLUMN_OF_FIELD.get(name, name) for name in _FIELDS)
)
_QUALIFIER_AT, _REVIEW_AT = _FIELDS.index("qualifier"), _FIELDS.index("review")
_REVIEWED_AT_AT, _EDITED_AT = _FIELDS.index("reviewed_at"), _FIELDS.index("edited")
_INDEX_OF_FIELD = {name: n for n, name in enumerate(_FIELDS)}
_SOURCE_ID_AT = _FIELDS.index("source_id")
_QUALIFIERS = {q.value: q for q in Qualifier}
_REVIEWS = {r.value: r for r in ReviewStatus}


_START_AT, _END_AT = _FIELDS.index("window_start"), _FIELDS.index("window_end")


def _day(value: date | str | None) -> date | None:
    """A day as SQLite ("2016-12-09") or PostgreSQL (a date) gives it."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _edits(value: dict[str, Any] | str | None) -> dict[str, Any] | None:
    """The `edits` column as SQLite (JSON text, "null" for none) or PostgreSQL's driver
    (decoded) gives it."""
    if isinstance(value, str):
        decoded: dict[str, Any] | None = json.loads(value) if value != "null" else None
        return decoded
    return value


def _to_domain(row: Sequence[Any]) -> Claim:
    values = list(row)
    if values[_START_AT] is not None:
        values[_START_AT] = _day(values[_START_AT])
    if values[_END_AT] is not None:
        values[_END_AT] = _day(values[_END_AT])
    edits = _edits(values[_EDITED_AT])
    values[_EDITED_AT] = ()
    if edits:  # a reviewer's values stand in for the extracted ones
        for name, value in edits.items():
            values[_INDEX_OF_FIELD[name]] = edit_value(name, value)
        values[_EDITED_AT] = tuple(sorted(edits))
    values[_QUALIFIER_AT] = _QUALIFIERS[values[_QUALIFIER_AT]]
    values[_REVIEW_AT] = _REVIEWS[values[_REVIEW_AT]]
    if (at := values[_REVIEWED_AT_AT]) is not None and at.tzinfo is None:
        values[_REVIEWED_AT_AT] = at.replace(tzinfo=UTC)  # SQLite drops the zone
    return Claim(*values)


def edit_value(name: str, value: Any) -> Any:
    """A field's value as the claims table's `edits` keeps it (JSON), as Claim holds it."""
    if value is not None and name in ("window_start", "window_end"):
        return date.fromisoformat(value)
    return value


def claim_values(source_id: int, claim: Claim) -> dict[str, Any]:
    """The claims table's row for `claim` of the source `source_id`."""
    return {
        "source_id": source_id,
        "local_id": claim.local_id,
        "part_of_local": claim.part_of,
        "indicator": claim.indicator,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "unit": claim.unit,
        "group_name": claim.group,
        "place": claim.place,
        "origin": claim.origin,
        "destination": claim.destination,
        "subject": claim.subject,
        "window": claim.window,
        "window_start": claim.window_start,
        "window_end": claim.window_end,
        "claimant": claim.claimant,
        "quote": claim.quote,
        "quote_start": claim.start,
        "quote_end": claim.end,
        "sentence": claim.sentence,
        "review": claim.review.value,
        "extracted_by": claim.extracted_by,
        "credibility": claim.credibility,
        "reviewed_by": claim.reviewed_by,
        "reviewed_at": claim.reviewed_at,
        "edits": None,  # a claim is stored as extracted; reviews add edits beside it
        "differs_from": claim.differs_from,
    }


def extracted_claims(session: Session, source_id: int, *, lock: bool = False) -> list[Claim]:
    """The claims of a source as the extractor stored them, by local id: a reviewer's
    edits left aside (status, reviewer and ids kept). With `lock`, the rows are locked
    until the transaction ends (PostgreSQL; SQLite's write session holds the database)."""
    query = select(*_COLUMNS).where(_CLAIMS.source_id == source_id).order_by(_CLAIMS.local_id)
    if lock:
        query = query.with_for_update()
    return [
        _to_domain((*row[:_EDITED_AT], None, *row[_EDITED_AT + 1 :]))
        for row in session.execute(query)
    ]


def delete_claims(session: Session, ids: Sequence[int]) -> int:
    """Delete the claims `ids`; how many were deleted."""
    if not ids:
        return 0
    result = session.execute(_CLAIMS_TABLE.delete().where(_CLAIMS.id.in_(ids)))
    return int(result.rowcount)  # type: ignore[attr-defined]


def set_part_of(session: Session, claim_id: int, part_of: int | None) -> None:
    """Point a claim at the local id of its whole in its source (None: no whole)."""
    session.execute(
        _CLAIMS_TABLE.update().where(_CLAIMS.id == claim_id).values(part_of_local=part_of)
    )


def claim_problems(claim: Claim) -> list[tuple[str, str]]:
    """(column, problem) for each value of `claim` the claims table cannot hold everywhere."""
    return row_problems(ClaimRow.__table__, claim_values(1, claim))


def add_claims(session: Session, source_id: int, claims: Sequence[Claim]) -> int:
    """Store the claims of one source; `part_of` stays the local id within that source."""
    return add_claims_of_sources(session, [(source_id, claims)])


def add_claims_of_sources(
    session: Session, claims_of: Sequence[tuple[int, Sequence[Claim]]]
) -> int:
    """Store the claims of several sources, (source id, its claims) each, in one executemany
    through Core (not the ORM's bulk path); how many were stored."""
    rows = [claim_values(source_id, c) for source_id, claims in claims_of for c in claims]
    if rows:
        session.connection().execute(insert(_CLAIMS_TABLE), rows)
    return len(rows)


def _filtered(query: AnySelect, where: ClaimFilter) -> AnySelect:
    if where.indicator:
        query = query.where(ClaimRow.indicator == where.indicator)
    if where.section:
        # autoescape: the _ of "mine_action." is itself, not any character
        own, earlier = section_prefixes(where.section)
        starts = [ClaimRow.indicator.startswith(p, autoescape=True) for p in own]
        query = query.where(or_(*starts))
        if earlier:
            taken = [ClaimRow.indicator.startswith(p, autoescape=True) for p in earlier]
            query = query.where(~or_(*taken))
    if where.place:
        # autoescape: a % or _ in the filter is matched as itself, not as a wildcard
        place = where.place.lower()
        columns = (ClaimRow.place, ClaimRow.origin, ClaimRow.destination)
        matches = [func.lower(c).contains(place, autoescape=True) for c in columns]
        if where.places_inside:  # and the places within it, named exactly
            matches += [func.lower(c).in_(where.places_inside) for c in columns]
        query = query.where(or_(*matches))
    if where.claimant:
        query = query.where(
            func.lower(ClaimRow.claimant).contains(where.claimant.lower(), autoescape=True)
        )
    if where.source_id is not None:
        query = query.where(ClaimRow.source_id == where.source_id)
    if where.review:
        query = query.where(ClaimRow.review == where.review)
    if where.differs:
        query = query.where(ClaimRow.differs_from.is_not(None))
    if where.claimant_in is not None:
        query = query.where(ClaimRow.claimant.in_(where.claimant_in))
    if where.claimant_not_in:
        query = query.where(
            or_(ClaimRow.claimant.is_(None), ClaimRow.claimant.not_in(where.claimant_not_in))
        )
    if where.quote:
        words = where.quote.lower()
        query = query.where(
            or_(
                func.lower(ClaimRow.quote).contains(words, autoescape=True),
                func.lower(ClaimRow.sentence).contains(words, autoescape=True),
            )
        )
    if where.on_or_before is not None or where.on_or_after is not None:
        query = query.join(SourceRow, SourceRow.id == ClaimRow.source_id)
        if where.on_or_before is not None:
            query = query.where(SourceRow.published_at <= where.on_or_before)
        if where.on_or_after is not None:
            query = query.where(SourceRow.published_at >= where.on_or_after)
    return query


def list_claims(
    session: Session | Connection,
    where: ClaimFilter | None = None,
    *,
    after_id: int = 0,
    limit: int | None = None,
) -> list[Claim]:
    """Claims matching `where`, by id, starting after `after_id` (keyset pagination)."""
    query = _filtered(select(*_COLUMNS), where or ClaimFilter())
    query = query.where(ClaimRow.id > after_id).order_by(ClaimRow.id)
    if limit is not None:
        query = query.limit(limit)
    return [_to_domain(row) for row in session.execute(query)]


# The orders a page of claims can be sorted in: column, then id to break ties.
SORTS = {
    "id": (_CLAIMS.id,),
    "indicator": (_CLAIMS.indicator, _CLAIMS.id),
    "value": (_CLAIMS.value, _CLAIMS.id),
    "place": (_CLAIMS.place, _CLAIMS.id),
    "claimant": (_CLAIMS.claimant, _CLAIMS.id),
    "review": (_CLAIMS.review, _CLAIMS.id),
}


def sorted_claims(
    session: Session | Connection,
    where: ClaimFilter,
    sort: str,
    *,
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> list[Claim]:
    """A page of the claims `where` matches, sorted by one of SORTS (ties by id), from
    `offset`: for a table a reader sorts by its columns (`list_claims` pages by id)."""
    columns = SORTS[sort]
    order = [c.desc() if descending else c.asc() for c in columns]
    query = _filtered(select(*_COLUMNS), where).order_by(*order).offset(offset).limit(limit)
    return [_to_domain(row) for row in session.execute(query)]


def count_claims(session: Session, where: ClaimFilter | None = None) -> int:
    """How many claims match `where`."""
    query = _filtered(select(ClaimRow), where or ClaimFilter()).subquery()
    return session.scalar(select(func.count()).select_from(query)) or 0


def claims_published_between(
    session: Session,
    since: date,
    until: date,
    *,
    indicators: Collection[str] | None = None,
    claimants: Collection[str | None] | None = None,
) -> list[tuple[Claim, Source]]:
    """Every claim of the sources published from `since` to `until` (inclusive), of
    `indicators` and `claimants` (None: no claimant named) if given, with its source (full
    text left out), ordered by source date, source and position.

    Reads plain tuples, not ORM objects, and each source once without its text: at 19,000
    claims this is 0.2 s instead of 1.6 s (bench/briefing.py).
    """
    query = (
        select(*_COLUMNS)
        .join(SourceRow.__table__, _SOURCES.id == _CLAIMS.source_id)
        .where(_SOURCES.published_at >= since, _SOURCES.published_at <= until)
        .order_by(_SOURCES.published_at, _SOURCES.id, _CLAIMS.quote_start)
    )
    if indicators is not None:
        query = query.where(_CLAIMS.indicator.in_(sorted(indicators)))
    if claimants is not None:
        named = sorted(c for c in claimants if c is not None)
        unnamed = [_CLAIMS.claimant.is_(None)] if None in claimants else []
        query = query.where(or_(_CLAIMS.claimant.in_(named), *unnamed))
    rows = session.execute(query).all()
    published = (SourceRow.published_at >= since, SourceRow.published_at <= until)
    sources = {s.id: s for s in sources_without_text(session, *published)}
    return [(_to_domain(row), sources[row[_SOURCE_ID_AT]]) for row in rows]


def claims_with_sources(
    session: Session, where: ClaimFilter | None = None, *, page: int = 5000
) -> Iterator[tuple[Claim, Source]]:
    """Every claim `where` matches, by id, with its source (its text left out), read a
    page at a time so an export of 100,000 claims holds one page in memory."""
    sources: dict[int, Source] = {}
    after = 0
    while True:
        claims = list_claims(session, where, after_id=after, limit=page)
        if not claims:
            return
        wanted = {c.source_id for c in claims if c.source_id not in sources}
        if wanted:
            sources.update(
                {
                    s.id: s
                    for s in sources_without_text(session, SourceRow.id.in_(wanted))
                    if s.id is not None
                }
            )
        for claim in claims:
            yield claim, sources[claim.source_id or 0]
        after = claims[-1].id or 0


def claimants(session: Session | Connection) -> list[str]:
    """Every claimant the claims name, once each."""
    rows = session.execute(
        select(ClaimRow.claimant).where(ClaimRow.claimant.is_not(None)).distinct()
    )
    return sorted(str(name) for (name,) in rows)


def claim_places(session: Session, limit: int = 100) -> list[tuple[str, int]]:
    """The places claims name, with how many name each, most named first (then by name)."""
    count = func.count(ClaimRow.id)
    rows = session.execute(
        select(ClaimRow.place, count)
        .where(ClaimRow.place.is_not(None), ClaimRow.place != "")
        .group_by(ClaimRow.place)
        .order_by(count.desc(), ClaimRow.place)
        .limit(limit)
    )
    return [(str(place), int(n)) for place, n in rows]


def placed_days(
    session: Session, limit: int = 50_000
) -> list[tuple[date, str | None, str | None, str | None]]:
    """(publication day, place, origin, destination) of the latest claims, latest first:
    enough to find the latest day a place has figures without reading every claim."""
    rows = session.execute(
        select(SourceRow.published_at, ClaimRow.place, ClaimRow.origin, ClaimRow.destination)
        .join(SourceRow, SourceRow.id == ClaimRow.source_id)
        .order_by(SourceRow.published_at.desc())
        .limit(limit)
    )
    return [(day, place, origin, destination) for day, place, origin, destination in rows]


def get_claim(session: Session | Connection, claim_id: int) -> Claim:
    """The claim with this id, as it reads after its review; NotFound if there is none."""
    found = session.execute(select(*_COLUMNS).where(ClaimRow.id == claim_id)).first()
    if found is None:
        raise NotFound(f"no claim {claim_id}")
    return _to_domain(found)
