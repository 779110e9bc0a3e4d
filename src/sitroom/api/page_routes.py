"""The dashboard's HTML pages: the briefing, the sources, one source with its quotes marked."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from sitroom.api.auth import may_read
from sitroom.api.deps import (
    BriefingCacheDep,
    BriefingDay,
    BriefingPlace,
    BriefingReviewed,
    StoreDep,
    briefing_or_default,
)
from sitroom.api.errors import PAGE_ERROR_RESPONSES
from sitroom.api.limits import Id
from sitroom.report.html import highlight, mark_spans, render_html, templates
from sitroom.report.target import suggested_places
from sitroom.store.claims import ClaimFilter, count_claims, list_claims
from sitroom.store.sources import get_source, list_sources

router = APIRouter(
    tags=["pages"],
    responses=PAGE_ERROR_RESPONSES,
    default_response_class=HTMLResponse,
    dependencies=[Depends(may_read)],
)


def source_page_url(source_id: int, claim_id: int | None) -> str:
    """The dashboard link to a source, at a claim's highlighted quote when one is given."""
    return f"/sources/{source_id}" + (f"#claim-{claim_id}" if claim_id is not None else "")


@router.get("/", summary="The briefing page")
def briefing_page(
    request: Request,
    store: StoreDep,
    cache: BriefingCacheDep,
    place: BriefingPlace = None,
    on: BriefingDay = None,
    reviewed: BriefingReviewed = False,
) -> HTMLResponse:
    """Return the briefing as HTML, each figure footnoted and each footnote linked to its
    quote; the place field suggests the workspace's place and the places claims name.
    Kept until the next write to the store, so a repeat is a lookup."""
    body, headers = cache.served(
        store,
        ("html", place, on, reviewed),
        lambda: render_html(
            briefing_or_default(store, cache, place, on, reviewed),
            standalone=False,
            source_url=source_page_url,
            places=suggested_places(store),
        ),
        request.headers.get("accept-encoding", ""),
    )
    return HTMLResponse(body, headers=headers)


@router.get("/sources", summary="The list of sources")
def sources_page(store: StoreDep) -> HTMLResponse:
    """Return the table of sources with their claim counts."""
    with store.session() as session:
        rows = [
            (s, count_claims(session, ClaimFilter(source_id=s.id))) for s in list_sources(session)
        ]
    return HTMLResponse(
        templates().get_template("sources.html").render(sources=rows, standalone=False)
    )


@router.get("/sources/{source_id}", summary="One source, every claim's quote highlighted")
def source_page(
    source_id: Annotated[Id, Path(description="Source id.")], store: StoreDep
) -> HTMLResponse:
    """Return the source's full text with `<mark id="claim-N">` around every claim's quote."""
    with store.session() as session:
        source = get_source(session, source_id)
        claims = list_claims(session, ClaimFilter(source_id=source_id))
    text = highlight(source.text or "", mark_spans(claims))
    return HTMLResponse(
        templates()
        .get_template("source.html")
        .render(source=source, claims=claims, text=text, standalone=False)
    )
