"""Reviews of claims: confirm, reject with a reason, or edit fields beside the extracted values.

A claim's extracted values stay in their columns; an edit goes to `claims.edits` (field ->
value, JSON), which readers lay over them (store/claims.py), and the footnote of an edited
figure says so. Every review is an audit entry holding the review status and edits before
and after, and the reviewer's note.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from sitroom.domain import (
    Claim,
    NotAllowed,
    NotFound,
    Qualifier,
    ReviewAction,
    ReviewStatus,
    Role,
    SitroomError,
    User,
)
from sitroom.store.audit import record_change
from sitroom.store.claims import ClaimFilter, get_claim, list_claims
from sitroom.store.limits import day_problem, id_in_range, value_problem
from sitroom.store.tables import ClaimRow
from sitroom.vocabulary import default_vocabulary

# The fields a reviewer may change, with the claims table's column of each.
EDITABLE = {
    "value": "value",
    "low": "low",
    "high": "high",
    "qualifier": "qualifier",
    "indicator": "indicator",
    "unit": "unit",
    "group": "group_name",
    "place": "place",
    "origin": "origin",
    "destination": "destination",
    "subject": "subject",
    "window": "window",
    "window_start": "window_start",
    "window_end": "window_end",
    "claimant": "claimant",
    "part_of": "part_of_local",
}
_NUMBERS = ("value", "low", "high")
_REQUIRED = ("value", "qualifier", "indicator", "unit")


class BadReview(SitroomError):
    """A review that cannot be applied: an unknown field, a value of the wrong kind, a
    rejection without a reason."""


JsonValue = str | int | float | None


def parse_change(name: str, raw: object) -> JsonValue:
    """The value a reviewer gave for `name` (text from the command line, or JSON), as
    `claims.edits` keeps it; BadReview naming the field otherwise."""
    if name not in EDITABLE:
        raise BadReview(
            f'"{name}" is not a field a review can change (one of {", ".join(EDITABLE)})'
        )
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if name in _REQUIRED:
            raise BadReview(f'field "{name}": a claim needs one')
        return None
    if isinstance(raw, bool):
        raise BadReview(f'field "{name}": {raw!r} is not a value for it')
    if name in _NUMBERS:
        try:
            number = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError) as err:
            raise BadReview(f'field "{name}": "{raw}" is not a number') from err
        if not math.isfinite(number):
            raise BadReview(f'field "{name}": "{raw}" is not a finite number')
        return number
    if name == "part_of":
        try:
            local = int(str(raw))
        except ValueError as err:
            raise BadReview(f'field "part_of": "{raw}" is not a claim number') from err
        if local < 0 or not id_in_range(local + 1):
            raise BadReview(f'field "part_of": {local} is not a claim number')
        return local
    text = str(raw).strip()
    if name in ("window_start", "window_end"):
        try:
            day = date.fromisoformat(text)
        except ValueError as err:
            raise BadReview(f'field "{name}": "{text}" is not a date (YYYY-MM-DD)') from err
        if (problem := day_problem(day)) is not None:
            raise BadReview(f'field "{name}": {problem}')
        return day.isoformat()
    if name == "qualifier" and text not in {q.value for q in Qualifier}:
        known = ", ".join(q.value for q in Qualifier)
        raise BadReview(f'field "qualifier": "{text}" is not one of {known}')
    if name == "indicator" and text not in default_vocabulary():
        raise BadReview(f'field "indicator": "{text}" is not in the vocabulary (indicators.toml)')
    if (problem := value_problem(ClaimRow.__table__, EDITABLE[name], text)) is not None:
        raise BadReview(f'field "{name}": {problem}')
    return text


def _extracted(row: ClaimRow, name: str) -> JsonValue:
    value = getattr(row, EDITABLE[name])
    return value.isoformat() if isinstance(value, date) else value


def review_claim(
    session: Session,
    claim_id: int,
    action: ReviewAction,
    reviewer: User,
    *,
    changes: Mapping[str, object] | None = None,
    note: str | None = None,
) -> Claim:
    """Confirm, reject (`note` is the reason) or edit (`changes`) the claim `claim_id` as
    `reviewer`, an editor or admin whose token is not revoked; the claim as it reads now.

    An edit keeps the extracted values and stores the new ones beside them; giving a
    field its extracted value again drops that edit. Raises NotAllowed, NotFound or
    BadReview, writing nothing.
    """
    if reviewer.revoked_at is not None or not reviewer.role.allows(Role.EDITOR):
        raise NotAllowed(f'user "{reviewer.name}" may not review claims (role {reviewer.role})')
    row = session.get(ClaimRow, claim_id) if id_in_range(claim_id) else None
    if row is None:
        raise NotFound(f"no claim {claim_id}")
    note = (note or "").strip() or None
    if note is not None and len(note) > 2000:
        raise BadReview("the note is longer than 2,000 characters")
    edits: dict[str, JsonValue] = dict(row.edits or {})
    before = {"review": row.review, "edits": dict(edits)}
    if action is ReviewAction.REJECT:
        if note is None:
            raise BadReview("a rejection needs a reason (the note)")
        status = ReviewStatus.REJECTED
    elif action is ReviewAction.CONFIRM:
        status = ReviewStatus.CONFIRMED
    else:
        if not changes:
            raise BadReview("an edit needs at least one field to change")
        for name, raw in changes.items():
            value = parse_change(name, raw)
            if value == _extracted(row, name):
                edits.pop(name, None)  # back to what the extractor said
            else:
                edits[name] = value
        status = ReviewStatus.EDITED if edits else ReviewStatus.CONFIRMED
    row.review = status.value
    row.edits = edits or None
    row.reviewed_by = reviewer.name
    row.reviewed_at = datetime.now(UTC)
    after = {"review": status.value, "edits": edits, "note": note}
    record_change(
        session,
        reviewer.name,
        f"review_{action.value}",
        "claim",
        claim_id,
        json.dumps(before, ensure_ascii=False, sort_keys=True),
        json.dumps(after, ensure_ascii=False, sort_keys=True),
    )
    session.flush()
    return get_claim(session, claim_id)


BULK_MAX = 5_000  # claims one bulk review may change; more is a filter to narrow first


def review_claims(
    session: Session,
    where: ClaimFilter,
    action: ReviewAction,
    reviewer: User,
    *,
    expected: int,
    note: str | None = None,
) -> int:
    """Confirm or reject every claim `where` matches, each with its own audit entry; how
    many. `expected` is the count the reviewer was shown: if the filter matches another
    number now (claims were added or reviewed since), nothing changes (BadReview)."""
    if action is ReviewAction.EDIT:
        raise BadReview("a bulk review confirms or rejects; edit claims one by one")
    ids = [c.id for c in list_claims(session, where, limit=BULK_MAX + 1) if c.id is not None]
    if len(ids) > BULK_MAX:
        raise BadReview(f"the filter matches more than {BULK_MAX:,} claims; narrow it")
    if len(ids) != expected:
        raise BadReview(
            f"the filter matches {len(ids)} claims now, not the {expected} shown; look again"
        )
    for claim_id in ids:
        review_claim(session, claim_id, action, reviewer, note=note)
    return len(ids)
