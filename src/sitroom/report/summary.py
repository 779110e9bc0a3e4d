"""The first screen of a briefing: its key figures and what needs a second look.

A duty officer reads this before anything else: per section, the largest figures an
independent voice gives first, then those only a party gives, each footnoted; and how
many disagreements and failed checks follow, with links to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.analysis.disagreements import Disagreement
from sitroom.report.figures import claim_place
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


SHOWN_PER_GROUP = 5  # disagreements of one indicator and place shown; the rest counted


@dataclass(frozen=True)
class DisagreementGroup:
    """The disagreements about one indicator at one place, the largest gaps first."""

    indicator: str
    place: str
    shown: tuple[Disagreement, ...]
    more: int  # how many more the full list (the JSON briefing) holds


def gap(d: Disagreement) -> float:
    """How far apart two figures are, as a share of the larger: 0.5 for 100 against 50."""
    a, b = abs(d.first.claim.value), abs(d.second.claim.value)
    return abs(a - b) / max(a, b) if max(a, b) else 0.0


def disagreement_groups(
    briefing: Briefing, per_group: int = SHOWN_PER_GROUP
) -> list[DisagreementGroup]:
    """The briefing's disagreements grouped by indicator and place, groups with the
    largest gap first, at most `per_group` shown in each: at 100,000 claims a reader gets
    a page, not 46,879 pairs."""
    grouped: dict[tuple[str, str], list[Disagreement]] = {}
    for d in briefing.disagreements:
        where = claim_place(d.first.claim) or "no place"
        grouped.setdefault((d.indicator, where), []).append(d)
    groups = [(key, sorted(members, key=gap, reverse=True)) for key, members in grouped.items()]
    groups.sort(key=lambda item: -gap(item[1][0]))
    return [
        DisagreementGroup(
            indicator, place, tuple(members[:per_group]), max(0, len(members) - per_group)
        )
        for (indicator, place), members in groups
    ]
