"""The first screen of a briefing: its key figures and what needs a second look.

A duty officer reads this before anything else: per section, the largest figures an
independent voice gives first, then those only a party gives, each footnoted; and how
many disagreements and failed checks follow, with links to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.report.model import Briefing, Figure

PER_SECTION = (
    1  # key figures a section gives at most: one line a section keeps page 1 for the map too
)
SKIPPED = frozenset({"other"})  # sections whose figures are not key by nature


@dataclass(frozen=True)
class KeyFigure:
    section: str  # the section's title
    figure: Figure
    why: str  # "largest", "stated 3 times", "only a party gives it"


def key_figures(briefing: Briefing) -> list[KeyFigure]:
    """Per section, the figures to read first: independent voices before a party's
    alone, then the most often stated, then the largest; parts after their wholes."""
    found: list[KeyFigure] = []
    for section in briefing.sections:
        if section.key in SKIPPED or not section.figures:
            continue
        ranked = sorted(
            section.figures,
            key=lambda f: (
                f.party_only,
                f.part_of_text is not None,
                -f.mentions,
                -f.claim.claim.value,
            ),
        )
        for n, figure in enumerate(ranked[:PER_SECTION]):
            reasons = []
            if figure.party_only:
                reasons.append("only a party to the conflict gives it")
            if figure.mentions > 1:
                reasons.append(f"stated {figure.mentions} times")
            if not reasons:
                reasons.append("the largest" if n == 0 else "the next largest")
            found.append(KeyFigure(section.title, figure, "; ".join(reasons)))
    return found


def to_review(briefing: Briefing) -> str:
    """ "2 disagreements and 3 failed checks follow" (or that none do)."""
    d, c = len(briefing.disagreements), len(briefing.checks)
    parts = [
        f"{d} disagreement{'' if d == 1 else 's'} between sources" if d else "no disagreement",
        f"{c} failed check{'' if c == 1 else 's'}" if c else "no failed check",
    ]
    return " and ".join(parts)
