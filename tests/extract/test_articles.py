"""Counts of one written with an article: events on their own, losses with their outcome."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.extract.pipeline import extract_claims

DAY = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        ("Residents reported an airstrike on the market.", "an airstrike", "incidents.reported"),
        ("A drone was shot down over the port.", "A drone", "equipment.destroyed"),
        ("A nurse was killed when the clinic was hit.", "A nurse", "casualties.killed"),
        (
            "Footage shows a Russian tank destroyed near the bridge.",
            "a Russian tank",
            "equipment.destroyed",
        ),
    ],
)
def test_an_article_counts_one_event_or_loss(text: str, quote: str, indicator: str) -> None:
    [claim] = extract_claims(text, DAY)
    assert (claim.quote.split()[0], claim.value, claim.indicator) == (
        quote.split()[0],
        1,
        indicator,
    )
    assert text[claim.start : claim.start + len(quote)] == quote


@pytest.mark.parametrize(
    "text",
    [
        "A spokesperson said the situation was calm.",
        "The convoy passed a tank on the road.",
        "A number of attacks were reported.",
        "A series of attacks hit the district.",
        "A United Nations convoy reached the town.",
    ],
)
def test_an_article_without_an_event_or_outcome_counts_nothing(text: str) -> None:
    assert extract_claims(text, DAY) == []
