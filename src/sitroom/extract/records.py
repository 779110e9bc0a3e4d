"""Claims as JSON records with the gold files' field names (the `sitroom extract` contract)."""

from __future__ import annotations

from sitroom.domain import Claim

GOLD_FIELDS = (
    "id",
    "start",
    "end",
    "quote",
    "value",
    "qualifier",
    "unit",
    "indicator",
    "group",
    "place",
    "origin",
    "destination",
    "window",
    "claimant",
    "part_of",
)
EXTRA_FIELDS = ("subject", "sentence", "window_start", "window_end", "extracted_by")


def claim_record(claim: Claim) -> dict[str, object]:
    """Return `claim` as one JSONL record: the gold fields, then subject, sentence and dates."""
    value: float | int = int(claim.value) if float(claim.value).is_integer() else claim.value
    record: dict[str, object] = {
        "id": claim.local_id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "value": value,
        "qualifier": str(claim.qualifier),
        "unit": claim.unit,
        "indicator": claim.indicator,
        "group": claim.group,
        "place": claim.place,
        "origin": claim.origin,
        "destination": claim.destination,
        "window": claim.window,
        "claimant": claim.claimant,
        "part_of": claim.part_of,
        "subject": claim.subject,
        "sentence": claim.sentence,
        "window_start": claim.window_start.isoformat() if claim.window_start else None,
        "window_end": claim.window_end.isoformat() if claim.window_end else None,
        "extracted_by": claim.extracted_by,
    }
    return record
