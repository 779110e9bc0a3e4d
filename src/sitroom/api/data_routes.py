"""The JSON routes under /api: claims, sources, briefing, series."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from sitroom.api.auth import may_read, requires
from sitroom.api.cursors import day_and_id_after, encode_cursor, id_after
from sitroom.api.deps import (
    BriefingCacheDep,
    BriefingDay,
    BriefingPlace,
    BriefingReviewed,
    StoreDep,
    briefing_or_default,
)
from sitroom.api.errors import ERROR_RESPONSES
from sitroom.api.limits import Filter, Id
from sitroom.api.schemas import (
    AuditOut,
    BulkReviewIn,
    BulkReviewOut,
    ClaimOut,
    ClaimPage,
    ReviewIn,
    SourceDetail,
    SourceOut,
    SourcePage,
    SpanIn,
    SpanOut,
    claim_out_record,
)
from sitroom.domain import Claim, NotFound, ReviewStatus, Role, User
from sitroom.ingest.spans import add_claim_from_span, claim_for_span
from sitroom.report.claims_table import claim_record
from sitroom.report.json_out import render_json, series_document
from sitroom.store.audit import list_audit
from sitroom.store.claims import ClaimFilter, count_claims, get_claim, list_claims
from sitroom.store.reviews import review_claim, review_claims
from sitroom.store.sources import get_original, get_source, list_sources

router = APIRouter(
    prefix="/api", tags=["data"], responses=ERROR_RESPONSES, dependencies=[Depends(may_read)]
)
Editor = Annotated[User, Depends(requires(Role.EDITOR))]

LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page, 1 to 500.")]
CursorQuery = Annotated[
    str | None, Query(description="Opaque cursor from the `next` URL of the previous page.")
]


def _next_url(request: Request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return str(request.url.include_query_params(cursor=cursor))


@router.get("/claims", response_model=ClaimPage, summary="Claims, filtered, by id")
def claims(
    request: Request,
    store: StoreDep,
    indicator: Annotated[Filter | None, Query(description="Exact indicator key.")] = None,
    place: Annotated[
        Filter | None,
        Query(description="Place, origin or destination contains this, case-insensitively."),
    ] = None,
    claimant: Annotated[Filter | None, Query(description="Claimant contains this.")] = None,
    source: Annotated[Id | None, Query(description="Source id.")] = None,
    review: Annotated[
        ReviewStatus | None, Query(description="extracted, confirmed, edited or rejected.")
    ] = None,
    differs: Annotated[
        bool,
        Query(description="Only newer readings that differ from a reviewed claim (reextract)."),
    ] = False,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Return one page of claims in id order; follow `next` until it is null."""
    where = ClaimFilter(
        indicator=indicator,
        place=place,
        claimant=claimant,
        source_id=source,
        review=review.value if review else None,
        differs=differs,
    )
    after_id = id_after(cursor, "claims")
    with store.reading() as connection:
        # one row more than asked says whether another page follows
        found = list_claims(connection, where, after_id=after_id, limit=limit + 1)
    page = found[:limit]
    more = len(found) > limit and page[-1].id is not None
    following = encode_cursor("claims", [page[-1].id or 0]) if more else None
    # written straight to JSON, in ClaimPage's shape, not built as models and validated
    # again by the framework: the page is the API's busiest answer (bench/api.py)
    items = [claim_out_record(c) for c in page]
    body = {"items": items, "next": _next_url(request, following)}
    return Response(orjson.dumps(body), media_type="application/json")


def _claim_response(claim: Claim, status_code: int = 200) -> Response:
    """One claim in ClaimOut's shape, written straight to JSON (as the page of claims is)."""
    body = orjson.dumps(claim_out_record(claim))
    return Response(body, status_code=status_code, media_type="application/json")


@router.get("/claims/{claim_id}", response_model=ClaimOut, summary="One claim")
def claim(claim_id: Annotated[Id, Path(description="Claim id.")], store: StoreDep) -> Response:
    """Return a claim as it reads after its review (`edited` names the reviewer's fields)."""
    with store.reading() as connection:
        found = get_claim(connection, claim_id)
    return _claim_response(found)


@router.post(
    "/claims/{claim_id}/review",
    response_model=ClaimOut,
    summary="Review a claim (editor)",
    tags=["review"],
)
def review(
    claim_id: Annotated[Id, Path(description="Claim id.")],
    body: ReviewIn,
    store: StoreDep,
    editor: Editor,
) -> Response:
    """Confirm a claim, reject it (`note` is the reason) or edit fields (`changes`). The
    extracted values are kept beside the edited ones; every review is an audit entry.
    Needs an editor's or admin's token."""
    with store.write_session() as session:
        reviewed = review_claim(
            session, claim_id, body.action, editor, changes=body.changes, note=body.note
        )
    return _claim_response(reviewed)


@router.post(
    "/claims/review",
    response_model=BulkReviewOut,
    summary="Confirm or reject every claim a filter matches (editor)",
    tags=["review"],
)
def bulk_review(body: BulkReviewIn, store: StoreDep, editor: Editor) -> BulkReviewOut:
    """Confirm or reject, each with its audit entry, the claims the filter matches, if they
    are still `expected` in number (the count shown before). Needs an editor's token."""
    where = ClaimFilter(
        indicator=body.indicator or None,
        place=body.place or None,
        claimant=body.claimant or None,
        source_id=body.source,
        review=body.review.value if body.review else None,
        quote=body.q or None,
    )
    with store.write_session() as session:
        done = review_claims(
            session, where, body.action, editor, expected=body.expected, note=body.note
        )
    return BulkReviewOut(reviewed=done)


@router.post(
    "/claims",
    response_model=ClaimOut,
    status_code=201,
    summary="Add a claim from a span of a source (editor)",
    tags=["review"],
)
def add_claim(body: SpanIn, store: StoreDep, editor: Editor) -> Response:
    """Store a figure the extractor missed: the words at `start`-`end` of a source, with
    what the extractor says of them and `changes` over it. `extracted_by` names the user;
    the claim is confirmed by them. Needs an editor's or admin's token."""
    added = add_claim_from_span(store, body.source_id, body.start, body.end, editor, body.changes)
    return _claim_response(added, status_code=201)


@router.get(
    "/sources/{source_id}/span",
    response_model=SpanOut,
    summary="What the extractor says of a span",
    tags=["review"],
)
def span(
    source_id: Annotated[Id, Path(description="Source id.")],
    store: StoreDep,
    start: Annotated[int, Query(ge=0, le=2**31 - 1)],
    end: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> SpanOut:
    """The fields a claim of `text[start:end]` would start from, for a form to fill."""
    found = claim_for_span(store, source_id, start, end)
    record = claim_record(found)
    return SpanOut.model_validate({**record, "source_id": source_id})


@router.get(
    "/claims/{claim_id}/audit",
    response_model=list[AuditOut],
    summary="A claim's history",
    tags=["review"],
)
def claim_audit(
    claim_id: Annotated[Id, Path(description="Claim id.")], store: StoreDep
) -> list[AuditOut]:
    """Every change to a claim, oldest first: reviews and grades, with who and when."""
    with store.session() as session:
        get_claim(session, claim_id)  # 404 for a claim that does not exist
        entries = list_audit(session, "claim", claim_id)
    return [
        AuditOut(
            id=e.id or 0,
            at=e.at,
            who=e.who,
            what=e.what,
            entity=e.entity,
            entity_id=e.entity_id,
            before=e.before,
            after=e.after,
        )
        for e in entries
    ]


@router.get("/sources", response_model=SourcePage, summary="Sources, oldest first")
def sources(
    request: Request, store: StoreDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> SourcePage:
    """Return one page of sources (without full texts), by publication day then id."""
    with store.session() as session:
        everything = list_sources(session)
    start = 0
    if cursor is not None:
        after = day_and_id_after(cursor, "sources")
        keys = [(s.published_at, s.id or 0) for s in everything]
        # the first source sorting after the key, so a page survives sources added since
        start = next((i for i, key in enumerate(keys) if key > after), len(keys))
    page = everything[start : start + limit]
    more = start + limit < len(everything)
    following = (
        encode_cursor("sources", [page[-1].published_at.isoformat(), page[-1].id or 0])
        if more
        else None
    )
    return SourcePage(items=[SourceOut.of(s) for s in page], next=_next_url(request, following))


@router.get("/sources/{source_id}", response_model=SourceDetail, summary="One source, full text")
def source(
    source_id: Annotated[Id, Path(description="Source id.")], store: StoreDep
) -> SourceDetail:
    """Return a source with its full text and how many claims were taken from it."""
    with store.session() as session:
        found = get_source(session, source_id)
        count = count_claims(session, ClaimFilter(source_id=source_id))
    return SourceDetail(**SourceOut.of(found).model_dump(), text=found.text, claims=count)


@router.get(
    "/sources/{source_id}/original",
    summary="A source's original file (web page, PDF, spreadsheet)",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "The file."}},
)
def source_original(
    source_id: Annotated[Id, Path(description="Source id.")], store: StoreDep
) -> Response:
    """The file a source's text was taken from, byte for byte as imported (its sha256 is the
    source's); 404 for a text file, whose text is the file. Sent as a download, never shown
    in the dashboard's origin: a page may hold scripts."""
    with store.session() as session:
        found = get_source(session, source_id)
        original = get_original(session, source_id)
    if original is None:
        raise NotFound(f"source {source_id} has no original file kept (its text is the file)")
    name = (found.filename or f"source-{source_id}").replace('"', "")
    return Response(
        original[1],
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/briefing",
    summary="The briefing as JSON (briefing.schema.json)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The briefing."}},
)
def briefing(
    request: Request,
    store: StoreDep,
    cache: BriefingCacheDep,
    place: BriefingPlace = None,
    on: BriefingDay = None,
    reviewed: BriefingReviewed = False,
) -> Response:
    """Return the briefing for a place and day, as `sitroom briefing --format json` writes it.

    The text is written once, by the briefing's own JSON writer, not re-encoded by the
    framework: at 15,000 figures that is 1.5 s instead of many. Kept until the next write
    to the store, so a repeat is a lookup."""
    body, headers = cache.served(
        store,
        ("json", place, on, reviewed),
        lambda: render_json(briefing_or_default(store, cache, place, on, reviewed)),
        request.headers.get("accept-encoding", ""),
    )
    return Response(body, media_type="application/json", headers=headers)


@router.get(
    "/series",
    summary="Series over days of the briefing's figures, for charts",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The charts."}},
)
def series(
    request: Request,
    store: StoreDep,
    cache: BriefingCacheDep,
    place: BriefingPlace = None,
    on: BriefingDay = None,
    reviewed: BriefingReviewed = False,
    indicator: Annotated[
        Filter | None,
        Query(description='One indicator, or all under a prefix ending in "." ("people.").'),
    ] = None,
) -> Response:
    """The series the briefing for a place and day draws, grouped in one chart per
    indicator: one series per claimant, place, group and unit, never added across
    claimants. A flow's point is its running total up to the day, a stock's the value
    stated for the day; each point names the claims it rests on. The dashboard draws its
    charts from this."""
    body, headers = cache.served(
        store,
        ("series", place, on, reviewed, indicator),
        lambda: orjson.dumps(
            series_document(briefing_or_default(store, cache, place, on, reviewed), indicator)
        ).decode(),
        request.headers.get("accept-encoding", ""),
    )
    return Response(body, media_type="application/json", headers=headers)
