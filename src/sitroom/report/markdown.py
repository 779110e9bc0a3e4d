"""The briefing as Markdown: sections, disagreements, failed checks, footnotes."""

from __future__ import annotations

from collections.abc import Sequence

from sitroom.analysis.disagreements import Disagreement
from sitroom.analysis.sourced import SourcedClaim
from sitroom.report.collector import collector_paused
from sitroom.report.figures import (
    claim_place,
    credibility_words,
    days_in_words,
    event_line,
    events_summary,
    in_own_words,
    reliability_words,
    unlocated_note,
    voice_of,
    window_words,
)
from sitroom.report.html import EVENTS_LISTED
from sitroom.report.model import Briefing, Evidence, Footnote
from sitroom.report.quoting import mention, quoted
from sitroom.report.summary import (
    check_groups,
    disagreement_groups,
    every_claim_command,
    footnotes_by_source,
    since_previous,
    to_review,
)
from sitroom.vocabulary import default_vocabulary

# Markdown viewers pass raw HTML through and turn [text](url) into links: every text the
# briefing copies from sources, metadata or the store is escaped, so a `<script>` or a
# `[click](javascript:...)` in a title shows as the characters it is
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`"}
)


def md(text: object) -> str:
    """`text` as Markdown that shows exactly these characters (HTML and links inert)."""
    return str(text).translate(_ESCAPES)


def _voice(c: SourcedClaim) -> str:
    return md(voice_of(c.claim.claimant, c.source.publisher))


def _source_line(note: Footnote) -> str:
    """A source, once: "**“Title”**, publisher, 2016-12-09 (source 3) — reliability not
    graded"."""
    line = f"**“{md(note.source_title)}”**"
    if note.publisher:
        line += f", {md(note.publisher)}"
    line += f", {note.published_at.isoformat()} (source {note.source_id})"
    return f"{line} — {reliability_words(note.reliability)}"


def _note(footnote: Footnote) -> str:
    who = (
        ", ".join(md(c) for c in footnote.claimants)
        if footnote.claimants
        else ("publisher's own voice" if footnote.publisher else "the source itself")
    )
    said = [who]
    if grade := credibility_words(footnote.credibility):
        said.append(grade)
    if footnote.window:
        said.append(f"window: {md(footnote.window)}")
    if footnote.edited:
        said.append(md(footnote.edited))
    quotes = " / ".join(_evidence(footnote, e) for e in footnote.evidence)
    return f"[^{footnote.number}]: {'; '.join(said)}. {quotes}"


def _evidence(footnote: Footnote, evidence: Evidence) -> str:
    which = mention(footnote, evidence)
    return (
        f"“{md(evidence.quote)}”{f', p. {evidence.page}' if evidence.page else ''}"
        f"{f' ({md(which)})' if which else ''} in: "
        f"{md(quoted(evidence.sentence))}"
    )


def _disagreements(shown: Sequence[Disagreement], noted: dict[int, int]) -> list[str]:
    lines = []
    for d in shown:
        lines.append(f"- {md(d.reason)}")
        for c in (d.first, d.second):
            where = md(claim_place(c.claim) or "")
            note = f"[^{noted[id(c)]}]" if id(c) in noted else ""
            lines.append(
                f"  - **{md(in_own_words(c.claim))}**{f', {where}' if where else ''} "
                f"({md(window_words(c.claim.window)) if c.claim.window else 'no window'}) — "
                f"{_voice(c)}, “{md(c.source.title)}” (source {c.source.id}){note}"
            )
    return lines


def _key_figures(briefing: Briefing) -> list[str]:
    found = briefing.key_figures
    if not found:
        return []
    lines = [
        "## Key figures",
        "",
        "| section | figure | who | why first | change |",
        "|---|---|---|---|---|",
    ]
    for key in found:
        f = key.figure
        earlier = f"[^{key.earlier_footnote}]" if key.earlier_footnote else ""
        lines.append(
            f"| {md(key.section)} | **{md(f.text)}**[^{f.footnote}] | {_voice(f.claim)} "
            f"| {md(key.why)} | {md(key.change)}{earlier} |"
        )
    return [
        *lines,
        "",
        f"Since the previous briefing: {md(since_previous(briefing))}.",
        "",
        f"Then: {to_review(briefing)}.",
        "",
    ]


def _events(briefing: Briefing) -> list[str]:
    if not briefing.events:
        return []
    summary = events_summary(briefing.events, briefing.since, briefing.on)
    lines = ["## Events (ACLED)", "", md(summary), ""]
    for event in briefing.events[:EVENTS_LISTED]:
        lines.append(f"- {md(event_line(event))}")
    if len(briefing.events) > EVENTS_LISTED:
        lines.append(f"- and {len(briefing.events) - EVENTS_LISTED} more")
    return [*lines, ""]


def render_markdown(briefing: Briefing) -> str:
    """The briefing as a Markdown document with footnotes."""
    with collector_paused():  # a line per figure and quote, no cycles: see collector_paused
        return _markdown(briefing)


def _markdown(briefing: Briefing) -> str:
    lines = [
        f"# Briefing: {md(briefing.place)}, {briefing.on.isoformat()}",
        "",
        f"Window: sources published {days_in_words(briefing.since, briefing.on)} "
        f"({briefing.sources} source{'' if briefing.sources == 1 else 's'}). Every figure is "
        "a claim: its footnote, under its source (with the source's reliability, A–F), gives "
        "claimant, the claim's credibility (1–6) where someone graded it, window and the "
        "exact words.",
        "",
    ]
    if briefing.warnings:
        lines += [f"> **Note:** {md(warning)}" for warning in briefing.warnings] + [""]
    lines += _key_figures(briefing)
    for section in briefing.sections:
        if not section.figures and not section.notes:
            continue
        lines += [f"## {md(section.title)}", ""]
        lines += [f"- {md(note)}" for note in section.notes]
        shown: set[int] = set()
        for item in section.figures:
            nested = item.part_of_footnote in shown  # under its whole: "of which ..."
            shown.add(item.footnote)
            part = f" {md(item.part_of_text)}" if item.part_of_text and not nested else ""
            said = f", stated {item.mentions} times" if item.mentions > 1 else ""
            said += (
                " (a party to the conflict; no independent source agrees)"
                if item.party_only
                else ""
            )
            if item.unlocated:
                said += f" ({md(unlocated_note(item.unlocated, briefing.place))})"
            head = (
                f"  - of which **{md(item.text)}**"
                if nested
                else (f"- {md(item.label)}: **{md(item.text)}**")
            )
            lines.append(f"{head}{part} — {_voice(item.claim)}{said}[^{item.footnote}]")
        if section.more:
            lines.append(
                f"- and {section.more:,} more, ranked lower; every claim of the section in "
                f"the window: `{every_claim_command(briefing, section.key).replace('`', '')}`"
            )
        lines.append("")
    lines += _events(briefing)
    vocabulary = default_vocabulary()
    if briefing.footnotes:  # without figures, nothing to compare or check
        lines += ["## Where sources disagree" + ("" if briefing.disagreements else ": none")]
        lines += [""] if briefing.disagreements else []
    noted = {id(f.claim): f.footnote for s in briefing.sections for f in s.figures}
    disputes = disagreement_groups(briefing)
    for group in disputes.groups:
        label = vocabulary.label(group.indicator)
        lines += [f"### {md(label)}, {md(group.place)}", ""]
        lines += _disagreements(group.shown, noted)
        if group.more:
            lines.append(f"- and {group.more} more in the JSON briefing")
        lines.append("")
    if disputes.more_groups:
        lines += [
            f"And {disputes.more_groups:,} more groups, of {disputes.more_in_groups:,} "
            "disagreements with smaller gaps, in the JSON briefing.",
            "",
        ]
    if briefing.footnotes or briefing.checks:
        lines += ["", "## Checks that failed" + ("" if briefing.checks else ": none"), ""]
    for checks in check_groups(briefing):
        rule = checks.rule.replace("`", "")
        lines += [f"- `{rule}`: {md(check.message)}" for check in checks.shown]
        if checks.more:
            lines.append(f"- and {checks.more:,} more `{rule}` in the JSON briefing")
    if briefing.footnotes:
        lines += ["", "## Sources", ""]
        for source in footnotes_by_source(briefing):
            lines += [_source_line(source.source), "", *(_note(f) for f in source.notes), ""]
    lines += ["", f"_Generated by {md(briefing.generated_by)}._", ""]
    return "\n".join(lines)
