"""The first screen of a briefing: its key figures and what needs a second look.

A duty officer reads this before anything else: per section, the largest figures an
independent voice gives first, then those only a party gives, each footnoted; and how
many disagreements and failed checks follow, with links to them.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.analysis.checks import CheckResult
from sitroom.analysis.disagreements import Disagreement
from sitroom.analysis.sourced import SourcedClaim
from sitroom.report.figures import claim_place
from sitroom.report.model import Briefing, Footnote


def to_review(briefing: Briefing) -> str:
    """ "2 disagreements and 3 failed checks follow" (or that none do)."""
    d, c = len(briefing.disagreements), len(briefing.checks)
    parts = [
        f"{d} disagreement{'' if d == 1 else 's'} between sources" if d else "no disagreement",
        f"{c} failed check{'' if c == 1 else 's'}" if c else "no failed check",
    ]
    return " and ".join(parts)


@dataclass(frozen=True)
class SourceNotes:
    """One source of the briefing, said once with its grade, and the footnotes it backs."""

    source: Footnote  # its first footnote, which names the source
    notes: tuple[Footnote, ...]


def footnotes_by_source(briefing: Briefing) -> list[SourceNotes]:
    """The footnotes grouped by source, sources in the order a reader meets them: a
    source's title, publisher and reliability are written once, not on every quote."""
    grouped: dict[object, list[Footnote]] = {}
    for note in briefing.footnotes:
        key = note.source_id if note.source_id is not None else ("untitled", note.source_title)
        grouped.setdefault(key, []).append(note)
    return [SourceNotes(notes[0], tuple(notes)) for notes in grouped.values()]


def since_previous(briefing: Briefing) -> str:
    """ "12 new figures from 2 sources published 9 December" (or that none are)."""
    day = f"{briefing.on.day} {briefing.on:%B}"
    n, s = briefing.new_figures, briefing.new_sources
    if not n:
        return f"no new figure (no source about {briefing.place} published {day})"
    return (
        f"{n:,} new figure{'' if n == 1 else 's'} from {s} source{'' if s == 1 else 's'} "
        f"published {day}"
    )


CHECKS_PER_RULE = 10  # failed checks of one rule listed; the rest counted


@dataclass(frozen=True)
class CheckGroup:
    rule: str
    shown: tuple[CheckResult, ...]
    more: int  # how many more the full list (the JSON briefing) holds


def check_groups(briefing: Briefing, per_rule: int = CHECKS_PER_RULE) -> list[CheckGroup]:
    """The failed checks by rule, in the order first met, at most `per_rule` listed each."""
    grouped: dict[str, list[CheckResult]] = {}
    for check in briefing.checks:
        grouped.setdefault(check.rule, []).append(check)
    return [
        CheckGroup(rule, tuple(found[:per_rule]), max(0, len(found) - per_rule))
        for rule, found in grouped.items()
    ]


def shown_claims(disputes: Disagreements, checks: Sequence[CheckGroup]) -> list[SourcedClaim]:
    """The claims of the disagreements and failed checks a briefing shows (not those it
    only counts; see `disagreement_groups`, `check_groups`): with the footnotes, what its
    appendix of source texts quotes."""
    found = [c for g in disputes.groups for d in g.shown for c in (d.first, d.second)]
    return found + [c for g in checks for check in g.shown for c in check.claims]


def every_claim_command(briefing: Briefing, section: str) -> str:
    """The command that lists every claim of a section in the briefing's window, of which
    the section lists the first."""
    return (
        f"sitroom export claims --section {section} --place {shlex.quote(briefing.place)} "
        f"--from {briefing.since.isoformat()} --to {briefing.on.isoformat()}"
    )


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


GROUPS_SHOWN = 10  # groups of disagreements shown; the rest counted


@dataclass(frozen=True)
class Disagreements:
    """What a briefing shows of its disagreements: the groups with the largest gaps, and
    how many groups and disagreements the full list (the JSON briefing) holds beyond them."""

    groups: tuple[DisagreementGroup, ...]
    more_groups: int
    more_in_groups: int  # the disagreements of the groups not shown


def disagreement_groups(
    briefing: Briefing, per_group: int = SHOWN_PER_GROUP, groups_shown: int = GROUPS_SHOWN
) -> Disagreements:
    """The briefing's disagreements grouped by indicator and place, groups with the
    largest gap first (of equal gaps, the larger group), at most `groups_shown` groups of
    at most `per_group` each: at 100,000 claims a reader gets a page, not 46,879 pairs."""
    grouped: dict[tuple[str, str], list[Disagreement]] = {}
    for d in briefing.disagreements:
        where = claim_place(d.first.claim) or "no place"
        grouped.setdefault((d.indicator, where), []).append(d)
    # ranked by their largest gap; only the groups shown are sorted
    largest = {key: max(map(gap, members)) for key, members in grouped.items()}
    groups = sorted(grouped.items(), key=lambda item: (-largest[item[0]], -len(item[1])))
    return Disagreements(
        tuple(
            DisagreementGroup(
                indicator,
                place,
                tuple(sorted(members, key=gap, reverse=True)[:per_group]),
                max(0, len(members) - per_group),
            )
            for (indicator, place), members in groups[:groups_shown]
        ),
        max(0, len(groups) - groups_shown),
        sum(len(members) for _, members in groups[groups_shown:]),
    )
