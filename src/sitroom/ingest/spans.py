"""A figure the extractor missed: a claim made by a user from a span of a stored source.

The span's fields are what the extractor says about it: the extracted claim the span
covers when there is one (its indicator, place, window, claimant...); else the number
written in the span, with the place, window and claimant of the extracted claim nearest
to it in its sentence. The user may change any field before it is stored; `extracted_by`
names them, the claim is stored as confirmed by them, and its adding is an audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, select

from sitroom.domain import Claim, NotAllowed, ReviewStatus, Role, SitroomError, User
from sitroom.extract.numbers import find_numbers
from sitroom.extract.pipeline import extract_claims
from sitroom.extract.sentences import split_sentences
from sitroom.geo.stored import gazetteer_for, parties_for
from sitroom.store.audit import record_change
from sitroom.store.claims import add_claims, claim_problems, edit_value, get_claim
from sitroom.store.database import Store
from sitroom.store.reviews import BadReview, parse_change
from sitroom.store.sources import get_source
from sitroom.store.tables import ClaimRow

MAX_SPAN_CHARS = 500
UNKNOWN_INDICATOR = "unknown"  # what a span's claim counts until the user says


class BadSpan(SitroomError):
    """A span that is not a figure of its source: out of range, too long, no number."""


def claim_for_span(store: Store, source_id: int, start: int, end: int) -> Claim:
    """What the extractor says about `source.text[start:end]`; nothing is stored."""
    with store.session() as session:
        source = get_source(session, source_id)
    text = source.text or ""
    if not 0 <= start < end <= len(text):
        raise BadSpan(f"the span {start}-{end} is not within the source's {len(text)} characters")
    if end - start > MAX_SPAN_CHARS:
        raise BadSpan(f"the span is {end - start} characters; select the figure's words only")
    quote = text[start:end]
    claims = extract_claims(
        text, source.published_at, gazetteer_for(store), parties=parties_for(store)
    )
    covering = [c for c in claims if c.start < end and start < c.end]
    if covering:  # the extractor read a figure there: its reading, with the user's words
        best = max(covering, key=lambda c: min(end, c.end) - max(start, c.start))
        return replace(best, quote=quote, start=start, end=end, source_id=source_id, id=None)
    numbers = [n for n in find_numbers(text) if start <= n.start and n.end <= end]
    if not numbers:
        raise BadSpan(f'"{quote}" holds no number the extractor reads')
    sentence = next((s for s in split_sentences(text) if s.start <= start < s.end), None)
    near = [c for c in claims if sentence and sentence.start <= c.start < sentence.end]
    context = min(near, key=lambda c: abs(c.start - start)) if near else None
    return Claim(
        indicator=UNKNOWN_INDICATOR,
        value=numbers[0].value,
        low=numbers[0].low,
        high=numbers[0].high,
        quote=quote,
        start=start,
        end=end,
        sentence=sentence.text if sentence else quote,
        place=context.place if context else None,
        window=context.window if context else None,
        window_start=context.window_start if context else None,
        window_end=context.window_end if context else None,
        claimant=context.claimant if context else None,
        source_id=source_id,
    )


def add_claim_from_span(
    store: Store,
    source_id: int,
    start: int,
    end: int,
    user: User,
    changes: Mapping[str, object] | None = None,
) -> Claim:
    """Store the claim of a span with the user's `changes` over the extractor's reading;
    the stored claim. Needs an editor or admin; NotAllowed, BadSpan or BadReview (naming
    the field) otherwise, with nothing written."""
    if user.revoked_at is not None or not user.role.allows(Role.EDITOR):
        raise NotAllowed(f'user "{user.name}" may not add claims (role {user.role})')
    claim = claim_for_span(store, source_id, start, end)
    for name, raw in (changes or {}).items():
        claim = replace(claim, **{name: edit_value(name, parse_change(name, raw))})
    if claim.indicator == UNKNOWN_INDICATOR:
        raise BadReview('field "indicator": the extractor cannot tell what this counts; give it')
    for column, problem in claim_problems(claim):
        raise BadReview(f'field "{column}": {problem}')
    claim = replace(
        claim,
        extracted_by=f"user:{user.name}"[:64],
        review=ReviewStatus.CONFIRMED,
        reviewed_by=user.name,
        reviewed_at=datetime.now(UTC),
        credibility=6,
    )
    with store.write_session() as session:
        last = session.scalar(
            select(func.max(ClaimRow.local_id)).where(ClaimRow.source_id == source_id)
        )
        local_id = 0 if last is None else last + 1
        add_claims(session, source_id, [replace(claim, local_id=local_id)])
        claim_id = session.scalar(
            select(ClaimRow.id).where(
                ClaimRow.source_id == source_id, ClaimRow.local_id == local_id
            )
        )
        assert claim_id is not None
        record_change(session, user.name, "add_claim", "claim", claim_id, None, claim.quote)
        return get_claim(session, claim_id)
