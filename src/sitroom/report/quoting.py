"""How a footnote quotes its source: the sentence in quotation marks, each mention named."""

from __future__ import annotations

from sitroom.report.model import Evidence, Footnote

_OPENING = '“"‘«'
_CLOSING = '”"’»'


def quote_marks(sentence: str) -> tuple[str, str]:
    """The marks to put before and after a sentence to quote it: none on a side where it
    already has one (a quoted speech ends in ”, not in ””)."""
    text = sentence.strip()
    return ("" if text[:1] in _OPENING else "“", "" if text[-1:] in _CLOSING else "”")


def quoted(sentence: str) -> str:
    """The sentence in quotation marks (see `quote_marks`)."""
    opening, closing = quote_marks(sentence)
    return f"{opening}{sentence.strip()}{closing}"


def mention(footnote: Footnote, evidence: Evidence) -> str:
    """What tells one mention of a figure from the others: its claim id (what `sitroom
    grade claim` takes), its own grade and its voice where they differ from the figure's."""
    parts = [f"claim {evidence.claim_id}"] if evidence.claim_id is not None else []
    if evidence.credibility != footnote.credibility:
        parts.append(f"credibility {evidence.credibility}")
    lead = footnote.claimants[0] if footnote.claimants else None
    if evidence.claimant != lead:
        parts.append(evidence.claimant or "publisher's own voice")
    return ", ".join(parts)
