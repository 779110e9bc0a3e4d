"""Claims as records for JSON and as a terminal table."""

from __future__ import annotations

from sitroom.domain import Claim
from sitroom.report.figures import figure


def claim_record(claim: Claim) -> dict[str, object]:
    """A claim as a JSON-ready dict (dates as ISO text)."""
    return {
        "id": claim.id,
        "source_id": claim.source_id,
        "local_id": claim.local_id,
        "part_of": claim.part_of,
        "indicator": claim.indicator,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "unit": claim.unit,
        "group": claim.group,
        "place": claim.place,
        "origin": claim.origin,
        "destination": claim.destination,
        "subject": claim.subject,
        "window": claim.window,
        "window_start": claim.window_start.isoformat() if claim.window_start else None,
        "window_end": claim.window_end.isoformat() if claim.window_end else None,
        "claimant": claim.claimant,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "review": claim.review.value,
        "credibility": claim.credibility,
        "extracted_by": claim.extracted_by,
        "reviewed_by": claim.reviewed_by,
        "edited": list(claim.edited),  # fields whose values above are a reviewer's
        "differs_from": claim.differs_from,
    }


def print_claims_table(claims: list[Claim]) -> None:
    """Print claims as a table on stdout (rich)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in (
        "id",
        "src",
        "indicator",
        "figure",
        "group",
        "place",
        "window",
        "claimant",
        "quote",
    ):
        table.add_column(column, overflow="fold")
    for claim in claims:
        place = claim.place or " → ".join(p for p in (claim.origin, claim.destination) if p)
        table.add_row(
            str(claim.id),
            str(claim.source_id),
            claim.indicator,
            figure(claim),
            claim.group or "",
            place or "",
            claim.window or "",
            claim.claimant or "",
            claim.quote,
        )
    Console().print(table)
    Console(stderr=True).print(f"{len(claims)} claims")
