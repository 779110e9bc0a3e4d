"""Response bodies of the REST API, apart from domain and ORM classes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from sitroom.domain import Claim, ReviewAction, ReviewStatus, Source
from sitroom.report.claims_table import claim_record


class ErrorDetail(BaseModel):
    field: str | None = Field(description="The parameter or field at fault, if one is.")
    problem: str


class ErrorInfo(BaseModel):
    status: int
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """The one error body every route answers with."""

    error: ErrorInfo


class ClaimFields(BaseModel):
    """What a claim says and where it says it: the fields a claim and a span's reading share."""

    indicator: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    group: str | None
    place: str | None
    origin: str | None
    destination: str | None
    subject: str | None
    window: str | None
    window_start: date | None
    window_end: date | None
    claimant: str | None
    quote: str
    start: int
    end: int
    sentence: str


class ClaimOut(ClaimFields):
    """A claim with its quote span; `page` links to the quote highlighted in its source."""

    id: int
    source_id: int
    local_id: int
    part_of: int | None
    review: str
    credibility: int
    extracted_by: str
    reviewed_by: str | None = Field(description="Who reviewed the claim last, if anyone did.")
    edited: list[str] = Field(
        description="The fields whose values are a reviewer's; the extracted ones are in the "
        "claim's audit trail."
    )
    differs_from: int | None = Field(
        default=None,
        description="The reviewed claim of the same words that a newer extraction "
        "(`sitroom reextract`) reads differently from this one; counted once reviewed.",
    )
    page: str


def claim_out_record(claim: Claim) -> dict[str, object]:
    """ClaimOut as a JSON-ready dict: the fields of the CLI's JSON (claim_record) and the
    page of the quote. A stored claim's (one with id and source id)."""
    assert claim.id is not None and claim.source_id is not None  # stored claims have both
    record = claim_record(claim)
    record["page"] = f"/sources/{claim.source_id}#claim-{claim.id}"
    return record


# FIELD: VALUE of a review's edit or a new claim's fields, checked by store/reviews.py
Changes = dict[
    Annotated[str, StringConstraints(max_length=32)],
    Annotated[str, StringConstraints(max_length=2000)] | float | None,
]


class ReviewIn(BaseModel):
    """A review of a claim: confirm it, reject it (the note is the reason), or edit fields."""

    action: ReviewAction
    changes: Changes = Field(
        default_factory=dict,
        max_length=16,
        description="FIELD: VALUE for an edit: value, low, high, qualifier, indicator, unit, "
        "group, place, origin, destination, subject, window, window_start, window_end, "
        'claimant, part_of. null or "" clears a field.',
    )
    note: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        default=None, description="Why; required to reject."
    )


class SpanIn(BaseModel):
    """A figure the extractor missed: its words in a source, and the fields to set."""

    source_id: int = Field(ge=1, le=2**31 - 1)
    start: int = Field(ge=0, le=2**31 - 1, description="First character of the figure's words.")
    end: int = Field(ge=1, le=2**31 - 1, description="One past their last character.")
    changes: Changes = Field(
        default_factory=dict,
        max_length=16,
        description="FIELD: VALUE over what the extractor says of the span (GET "
        "/api/sources/{id}/span); `indicator` is needed where it cannot tell.",
    )


class SpanOut(ClaimFields):
    """What the extractor says of a span: the fields a new claim would start from."""

    source_id: int


class BulkReviewIn(BaseModel):
    """Confirm or reject every claim a filter matches (as `GET /api/claims` filters)."""

    action: ReviewAction
    expected: int = Field(
        ge=0,
        le=5000,
        description="How many claims the filter matched when shown: if it "
        "matches another number now, nothing changes (422).",
    )
    indicator: Annotated[str, StringConstraints(max_length=200)] | None = None
    place: Annotated[str, StringConstraints(max_length=200)] | None = None
    claimant: Annotated[str, StringConstraints(max_length=200)] | None = None
    source: int | None = Field(default=None, ge=1, le=2**31 - 1)
    review: ReviewStatus | None = None
    q: Annotated[str, StringConstraints(max_length=200)] | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class BulkReviewOut(BaseModel):
    reviewed: int


class AuditOut(BaseModel):
    """One change: who, when, what, and the values before and after (JSON text)."""

    id: int
    at: datetime
    who: str
    what: str
    entity: str
    entity_id: int | None
    before: str | None
    after: str | None


class ClaimPage(BaseModel):
    """One page of claims; `next` is the full URL of the next page, null on the last."""

    items: list[ClaimOut]
    next: str | None


class SourceOut(BaseModel):
    """A source without its full text."""

    id: int
    title: str
    kind: str
    publisher: str | None
    url: str | None
    published_at: date
    language: str
    sha256: str
    filename: str | None
    reliability: str
    page: str
    media_type: str = Field(
        default="text/plain",
        description="What the text was read from: text/plain, text/html, application/pdf, "
        "text/csv (HXL)...; the original of any other than text/plain is at `original`.",
    )
    pages: list[int] = Field(
        default_factory=list,
        description="For a PDF, the offset in the text where each page starts.",
    )
    original: str | None = Field(default=None, description="The original file, if one is kept.")

    @classmethod
    def of(cls, source: Source) -> SourceOut:
        """The response body of a stored source (one with an id)."""
        assert source.id is not None  # stored sources have one
        return cls(
            id=source.id,
            title=source.title,
            kind=source.kind.value,
            publisher=source.publisher,
            url=source.url,
            published_at=source.published_at,
            language=source.language,
            sha256=source.sha256,
            filename=source.filename,
            reliability=source.reliability,
            page=f"/sources/{source.id}",
            media_type=source.media_type,
            pages=list(source.pages),
            original=(
                f"/api/sources/{source.id}/original" if source.media_type != "text/plain" else None
            ),
        )


class SourcePage(BaseModel):
    """One page of sources, oldest first; `next` is the full URL of the next page or null."""

    items: list[SourceOut]
    next: str | None


class SourceDetail(SourceOut):
    """A source with its full text and the number of claims taken from it."""

    text: str | None
    claims: int
