"""Assembling the briefing for a place and a day from the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from sitroom.analysis.checks import CheckResult, check_cumulative, check_parts, check_ranges
from sitroom.analysis.disagreements import Disagreement, find_disagreements
from sitroom.analysis.mentions import group_mentions
from sitroom.analysis.scope import names_namesake, names_within, place_names, unlocated
from sitroom.analysis.series import build_series
from sitroom.analysis.sourced import SourcedClaim
from sitroom.analysis.territory import compare_territory, territory_checks
from sitroom.analysis.voices import Corroboration, default_voices, with_stored
from sitroom.domain import Claim, Event, ReviewStatus, SitroomError, Source
from sitroom.geo.actors import workspace_parties
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold, fold_text
from sitroom.geo.shares import ControlMap
from sitroom.geo.stored import NoControlData, control_map, gazetteer_for
from sitroom.ingest.control import find_place
from sitroom.report.collector import collector_paused
from sitroom.report.control_map import MapPolygon, map_colours, polygons_on
from sitroom.report.figures import claim_place, in_own_words, one_source, window_words
from sitroom.report.model import Briefing, Evidence, Figure, Footnote, KeyFigure, Section
from sitroom.report.selection import (
    NOT_KEY,
    SHOWN_PER_SECTION,
    Ranking,
    change_words,
    earlier_figures,
    why_first,
)
from sitroom.report.summary import check_groups, disagreement_groups, shown_claims
from sitroom.store.actors import actors_in_order
from sitroom.store.claims import claims_published_between
from sitroom.store.database import Store
from sitroom.store.events import EventFilter, list_events
from sitroom.store.sources import publication_span, source_texts
from sitroom.vocabulary import SECTIONS, Vocabulary, default_vocabulary, section_for

GENERATED_BY = "sitroom-briefing/0.1"
_NOT_REJECTED = frozenset(r for r in ReviewStatus if r is not ReviewStatus.REJECTED)
_REVIEWED = frozenset((ReviewStatus.CONFIRMED, ReviewStatus.EDITED))
DEFAULT_DAYS = 7


def _parts_after_wholes(figures: list[Figure]) -> list[Figure]:
    """A section's figures in order, each part right after its whole (and the whole's
    earlier parts), so it reads "of which ..." under it; a part whose whole is elsewhere
    stays where it was. Linear: a section may hold thousands of figures."""
    wholes = {f.footnote for f in figures}
    parts: dict[int, list[Figure]] = defaultdict(list)
    tops: list[Figure] = []
    for figure in figures:
        if figure.part_of_footnote in wholes and figure.part_of_footnote != figure.footnote:
            parts[figure.part_of_footnote].append(figure)
        else:
            tops.append(figure)
    placed: list[Figure] = []
    seen: set[int] = set()

    def place(figure: Figure) -> None:
        stack = [figure]
        while stack:
            current = stack.pop()
            if current.footnote in seen:
                continue
            seen.add(current.footnote)
            placed.append(current)
            stack.extend(reversed(parts.get(current.footnote, [])))

    for figure in tops:
        place(figure)
    for figure in figures:  # parts of a cycle of wholes, which no top reaches
        place(figure)
    return placed


def _numbered_as_read(sections: tuple[Section, ...]) -> tuple[tuple[Section, ...], list[int]]:
    """The sections with footnotes numbered 1, 2, 3... in the order a reader meets their
    figures (parts under their wholes), and the figures' former numbers in that order."""
    order = [f.footnote for section in sections for f in section.figures]
    number = {old: n for n, old in enumerate(order, start=1)}

    def renumbered(f: Figure) -> Figure:
        whole = f.part_of_footnote
        return replace(
            f,
            footnote=number[f.footnote],
            part_of_footnote=None if whole is None else number[whole],
        )

    return (
        tuple(replace(s, figures=tuple(renumbered(f) for f in s.figures)) for s in sections),
        order,
    )


def _inconsistent(d: Disagreement, vocabulary: Vocabulary) -> CheckResult:
    label = vocabulary.label(d.indicator)
    return CheckResult(
        "inconsistent within one source",
        f"{label}: “{d.first.claim.quote}” and “{d.second.claim.quote}” in "
        f"“{d.first.source.title}”: {d.reason}",
        (d.first, d.second),
        {"first": d.first.claim.value, "second": d.second.claim.value},
    )


def _event_within(event: Event, place: str, gazetteer: Gazetteer | None) -> bool:
    """Whether an ACLED event happened in `place`: its location or one of its admin
    areas is the place, or lies within it by the gazetteer."""
    target = fold(place)
    names = (event.location, event.admin3, event.admin2, event.admin1, event.country)
    if any(name and fold(name) == target for name in names):
        return True
    return any(
        name and names_within(name, None, None, place, gazetteer) is True
        for name in (event.location, event.admin3, event.admin2)
    )


def _counts(claim: Claim, counted: frozenset[ReviewStatus]) -> bool:
    """Whether a briefing counts the claim: of a status counted, and not a newer reading
    of a reviewed claim's words still waiting for review (`sitroom reextract`)."""
    if claim.differs_from is not None and claim.review is ReviewStatus.EXTRACTED:
        return False
    return claim.review in counted


def _about(
    session: Session, pairs: list[tuple[Claim, Source]], place: str, gazetteer: Gazetteer | None
) -> list[SourcedClaim]:
    """The claims about `place`: those whose places lie within it, and those that name
    none it can locate ("Al-Razi") when their source names the place."""
    # claims name a few hundred places among thousands of claims: each asked once
    asked: dict[tuple[str | None, str | None, str | None], bool | None] = {}
    where = []
    for c, _ in pairs:
        names = (c.place, c.origin, c.destination)
        if names not in asked:
            asked[names] = where_within(c, place, gazetteer)
        where.append(asked[names])
    # only the texts of sources with such claims are read and searched
    undecided = {s.id for (_, s), w in zip(pairs, where, strict=True) if w is None}
    texts = source_texts(session, {i for i in undecided if i is not None})
    target = f" {fold(place)} "
    named = {sid: target in f" {fold_text(text)} " for sid, text in texts.items()}
    return [
        SourcedClaim(c, s)
        for (c, s), w in zip(pairs, where, strict=True)
        if (named.get(s.id or -1, False) if w is None else w)
    ]


def where_within(claim: Claim, place: str, gazetteer: Gazetteer | None) -> bool | None:
    """Whether the claim's places lie within `place`; None when it names none, or only
    places the gazetteer cannot locate (a hospital, a shelter): such a claim concerns the
    place its source is about, which the source's text decides. A city's briefing also
    holds the figures of the division of its name ("Khartoum state" for "Khartoum")."""
    within = names_within(claim.place, claim.origin, claim.destination, place, gazetteer)
    if within is False and names_namesake(
        claim.place, claim.origin, claim.destination, place, gazetteer
    ):
        return True
    if within is False:
        lost = unlocated(claim.place, claim.origin, claim.destination, gazetteer)
        if lost and set(place_names(claim.place, claim.origin, claim.destination)) <= set(lost):
            return None
    return within


def build_briefing(
    store: Store,
    place: str,
    on: date,
    *,
    days: int = DEFAULT_DAYS,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    control: ControlMap | None = None,
    reviewed_only: bool = False,
) -> Briefing:
    """The briefing for `place` on `on`, from sources published in the `days` up to it.

    With a control map, the control section opens with the mapped shares of `place` on
    the day and every territory claim is held against them. Rejected claims are left
    out, edited ones read with the reviewer's values; with `reviewed_only`, only claims
    a reviewer confirmed or edited count.
    """
    with collector_paused():
        return _build(store, place, on, days, gazetteer, vocabulary, control, reviewed_only)


def _build(
    store: Store,
    place: str,
    on: date,
    days: int,
    gazetteer: Gazetteer | None,
    vocabulary: Vocabulary | None,
    control: ControlMap | None,
    reviewed_only: bool = False,
) -> Briefing:
    vocabulary = vocabulary or default_vocabulary()
    since = on - timedelta(days=days - 1)
    counted = _REVIEWED if reviewed_only else _NOT_REJECTED
    with store.session() as session:
        pairs = [p for p in claims_published_between(session, since, on) if _counts(p[0], counted)]
        relevant = _about(session, pairs, place, gazetteer)
        span = None if pairs else publication_span(session)
        stored_actors = actors_in_order(session)
        events = list_events(session, EventFilter(on_or_after=since, on_or_before=on))

    def day_before(indicators: set[str], claimants: set[str | None]) -> list[SourcedClaim]:
        """The claims of these indicators and claimants about the place published the day
        before the window: the previous briefing's, which the key figures are set against."""
        day = since - timedelta(days=1)
        with store.session() as session:
            read = claims_published_between(
                session, day, day, indicators=indicators, claimants=claimants
            )
            return _about(session, [p for p in read if _counts(p[0], counted)], place, gazetteer)

    # who is a party, who holds ground and by which words: the bundled actors with the
    # workspace's own over them
    voices = with_stored(default_voices(), stored_actors)
    parties = workspace_parties(stored_actors)
    # figures kept for their source though their place cannot be located say so
    unknown = {
        id(c): names
        for c in relevant
        if (names := unlocated(c.claim.place, c.claim.origin, c.claim.destination, gazetteer))
    }

    def within(inner: str, outer: str) -> bool:
        return names_within(inner, None, None, outer, gazetteer) is True

    groups = group_mentions(relevant, within)
    leads = [members[0] for members in groups]  # in the order stated: what the rules read
    corroboration = Corroboration(leads, voices, gazetteer)
    party: dict[int, bool] = {}

    def party_only(c: SourcedClaim) -> bool:  # asked only of figures ranked or shown
        if id(c) not in party:
            party[id(c)] = corroboration.party_only(c)
        return party[id(c)]

    # every mention's figure, so a part can name its whole
    group_of = {(m.source.id, m.claim.local_id): n for n, g in enumerate(groups) for m in g}
    in_section: dict[str, list[int]] = {key: [] for key, _, _ in SECTIONS}
    for n, lead in enumerate(leads):
        in_section[section_for(lead.claim.indicator)].append(n)
    ranking = Ranking(party_only, since)
    # each section's figures most important first, of which the first is its key figure;
    # those listed, in the order stated
    ranked = {
        key: ranking.first(members, groups, SHOWN_PER_SECTION)
        for key, members in in_section.items()
    }
    listed = {key: sorted(numbers) for key, numbers in ranked.items()}
    chosen = {n for numbers in listed.values() for n in numbers}
    sections = tuple(
        Section(
            key,
            title,
            tuple(
                _parts_after_wholes(
                    [
                        _figure(n, groups, group_of, chosen, vocabulary, party_only, unknown)
                        for n in listed[key]
                    ]
                )
            ),
            more=len(in_section[key]) - len(listed[key]),
        )
        for key, title, _ in SECTIONS
    )
    # footnotes are numbered in the order a reader meets the figures, parts under wholes
    sections, order = _numbered_as_read(sections)
    footnotes = [_footnote(number, groups[n]) for number, n in enumerate(order, start=1)]
    numbers = {n: number for number, n in enumerate(order, start=1)}
    key_figures = _key_figures(
        sections,
        ranked,
        groups,
        ranking,
        corroboration.independently_agreed,
        numbers,
        footnotes,
        day_before,
        on,
        gazetteer,
        within,
    )
    checks: list[CheckResult] = [
        *check_parts(relevant),
        *check_cumulative(leads),
        *check_ranges(leads, vocabulary),
    ]
    # a source that contradicts itself is a check on the source, not a dispute between voices
    disputes: list[Disagreement] = []
    for d in find_disagreements(leads, vocabulary, gazetteer):
        if one_source(d):
            checks.append(_inconsistent(d, vocabulary))
        else:
            disputes.append(d)
    notes: list[str] = []
    warnings: list[str] = []
    if reviewed_only:
        warnings.append("only reviewed claims (confirmed or edited) are counted")
    if not pairs:
        held = (
            f"the store holds sources published {span[0].isoformat()} to {span[1].isoformat()}"
            if span
            else "the store holds no sources"
        )
        warnings.append(
            f"no figures: no source was published {since.isoformat()} to {on.isoformat()} ({held})"
        )
    sides = [*parties.sides, *(a for a in parties.actors if a not in parties.sides)]
    territory = compare_territory(leads, control, sides) if control is not None else []
    map_polygons: tuple[MapPolygon, ...] = ()
    colours: tuple[tuple[str, str], ...] = ()
    if control is not None:
        try:
            notes.append(_mapped_note(control, place, on))
            map_polygons = tuple(polygons_on(control, place, on))
            colours = tuple(map_colours(parties, control).items())
        except SitroomError as err:
            warnings.append(f"no mapped control for {place}: {err}")
        notes += [f"Claim against map: {t.text}" for t in territory]
        checks += territory_checks(territory)
    if notes:
        sections = tuple(
            replace(s, notes=tuple(notes)) if s.key == "control" else s for s in sections
        )
    fresh = [lead for lead in leads if lead.published_at >= on]
    return Briefing(
        place=place,
        on=on,
        since=since,
        sections=sections,
        disagreements=tuple(disputes),
        checks=tuple(checks),
        footnotes=tuple(footnotes),
        sources=len({s.id for _, s in pairs}),
        generated_by=GENERATED_BY,
        territory=tuple(territory),
        series_of=lambda: tuple(build_series(leads, vocabulary, gazetteer, place, (since, on))),
        map_polygons=map_polygons,
        map_colours=colours,
        warnings=tuple(warnings),
        reviewed_only=reviewed_only,
        events=tuple(e for e in events if _event_within(e, place, gazetteer)),
        key_figures=key_figures,
        new_figures=len(fresh),
        new_sources=len({c.source.id for c in fresh}),
    )


def _figure(
    n: int,
    groups: list[list[SourcedClaim]],
    group_of: dict[tuple[int | None, int], int],
    chosen: set[int],
    vocabulary: Vocabulary,
    party_only: Callable[[SourcedClaim], bool],
    unknown: dict[int, tuple[str, ...]],
) -> Figure:
    """The figure of `groups[n]`, its footnote its index until `_numbered_as_read`; a part
    names its whole, and points to the whole's footnote when the whole is listed too."""
    lead = groups[n][0]
    claim = lead.claim
    whole = group_of.get((lead.source.id, claim.part_of)) if claim.part_of is not None else None
    return Figure(
        indicator=claim.indicator,
        label=vocabulary.label(claim.indicator),
        text=_describe(claim),
        claim=lead,
        footnote=n,
        mentions=len(groups[n]),
        part_of_text=f"of {_describe(groups[whole][0].claim)}" if whole is not None else None,
        part_of_footnote=whole if whole in chosen else None,
        party_only=party_only(lead),
        unlocated=unknown.get(id(lead), ()),
    )


def _key_figures(
    sections: tuple[Section, ...],
    ranked: dict[str, list[int]],
    groups: list[list[SourcedClaim]],
    ranking: Ranking,
    agreed: Callable[[SourcedClaim], bool],
    numbers: dict[int, int],
    footnotes: list[Footnote],
    day_before: Callable[[set[str], set[str | None]], list[SourcedClaim]],
    on: date,
    gazetteer: Gazetteer | None,
    within: Callable[[str, str], bool],
) -> tuple[KeyFigure, ...]:
    """Page 1: each section's first figure by `selection.Ranking`, set against the same
    voice's earlier figure of the same thing (from the window or the day before it); an
    earlier figure not listed gets a footnote after the others (appended to `footnotes`)."""
    firsts = [
        (section, ranked[section.key][0])
        for section in sections
        if section.key not in NOT_KEY and ranked[section.key]
    ]
    if not firsts:
        return ()
    # the figures of the window and of the day before it, as the previous briefing read them
    leads = [groups[n][0] for _, n in firsts]
    earlier_day = day_before({c.claim.indicator for c in leads}, {c.claim.claimant for c in leads})
    candidates = [*groups, *group_mentions(earlier_day, within)]
    earlier = earlier_figures([groups[n] for _, n in firsts], candidates, gazetteer)
    by_lead = {id(g[0]): n for n, g in enumerate(groups)}
    found = []
    for (section, n), prior in zip(firsts, earlier, strict=True):
        figure = next(f for f in section.figures if f.footnote == numbers[n])
        note = None
        text = ""
        if prior is not None:
            listed = by_lead.get(id(prior.group[0]))
            note = numbers.get(listed) if listed is not None else None
            if note is None:
                note = len(footnotes) + 1
                footnotes.append(_footnote(note, prior.group))
            text = in_own_words(prior.group[0].claim)
        found.append(
            KeyFigure(
                section.title,
                figure,
                why_first(groups[n], ranking.party_only(groups[n][0]), agreed(groups[n][0])),
                change_words(groups[n][0], on, prior, text),
                note,
            )
        )
    return tuple(found)


# A map whose latest observation is older than this is shown with its age, not as today's.
STALE_AFTER_DAYS = 7


def _mapped_note(control: ControlMap, place: str, on: date) -> str:
    shares = control.shares(place, on)
    observed = [day for day in control.ledger.days if day <= on]
    age = (on - observed[-1]).days if observed else None
    stale = (
        f" — the latest observation is of {observed[-1].isoformat()}, {age} days before: "
        "this is the map as it was then, not today's"
        if observed and age is not None and age > STALE_AFTER_DAYS
        else ""
    )
    if not observed:
        first = control.ledger.days[0].isoformat() if control.ledger.days else None
        return (
            f"Mapped control of {shares.area} on {on.isoformat()}: no observation of who "
            "held any place on or before this day"
            + (f" (the map starts on {first})" if first else "")
        )
    held = "; ".join(
        f"{actor} {percent:.1f}% held ({shares.held_or_unsettled.get(actor, 0.0):.1f}% with "
        "unsettled places it is party to)"
        for actor, percent in sorted(shares.held.items(), key=lambda item: -item[1])
    )
    return (
        f"Mapped control of {shares.area} on {on.isoformat()} ({shares.area_km2:.1f} km², "
        f"from neighbourhood polygons and dated observations): {held}; contested "
        f"{shares.contested:.1f}%, disputed {shares.disputed:.1f}%, unknown {shares.unknown:.1f}%"
        + stale
    )


_SUBJECT_ROLE = {
    "territory.share": "held by",
    "territory.areas_taken": "taken by",
    "territory.held_change": "area held by",
    "territory.area": "held by",
}


def _describe(claim: Claim) -> str:
    """The figure in the source's own words (`in_own_words`), then who is counted, where,
    by whom held and when."""
    words = in_own_words(claim)
    places = claim_place(claim)
    if places:
        words += f", {places}"
    if claim.subject:
        words += f", {_SUBJECT_ROLE.get(claim.indicator, 'about')} {claim.subject}"
    if claim.window:
        words += f", {window_words(claim.window)}"
    return words


def _position(c: SourcedClaim) -> int:
    return c.claim.start


def _footnote(number: int, members: Sequence[SourcedClaim]) -> Footnote:
    lead = members[0]
    claimants = tuple(dict.fromkeys(m.claim.claimant for m in members if m.claim.claimant))
    return Footnote(
        number=number,
        source_id=lead.source.id,
        source_title=lead.source.title,
        publisher=lead.source.publisher,
        published_at=lead.source.published_at,
        claimants=claimants,
        window=lead.claim.window,
        reliability=lead.source.reliability,
        edited=_edited(lead.claim),
        # a user who grades one mention of a figure has graded the figure
        credibility=min(m.claim.credibility for m in members),
        evidence=tuple(
            Evidence(
                m.claim.id,
                m.claim.quote,
                m.claim.start,
                m.claim.end,
                m.claim.sentence,
                m.claim.claimant,
                m.claim.credibility,
                m.source.page_at(m.claim.start),
            )
            for m in (sorted(members, key=_position) if len(members) > 1 else members)
        ),
    )


def _edited(claim: Claim) -> str | None:
    """What a reviewer changed in the figure, by whom and when, as its footnote says it."""
    if not claim.edited:
        return None
    when = f" on {claim.reviewed_at.date().isoformat()}" if claim.reviewed_at else ""
    return f"{', '.join(claim.edited)} edited by {claim.reviewed_by}{when}"


def quoted_texts(store: Store, briefing: Briefing) -> dict[int, str]:
    """The texts of the sources the briefing quotes (its footnotes, the disagreements and
    checks it shows), by id: what the appendix of a standalone HTML or PDF briefing shows
    ("" for a source stored without text)."""
    ids = {note.source_id for note in briefing.footnotes}
    shown = shown_claims(disagreement_groups(briefing), check_groups(briefing))
    ids |= {c.source.id for c in shown}
    with store.session() as session:
        return source_texts(session, {i for i in ids if i is not None})


def briefing_for(
    store: Store, place: str, on: date, *, days: int = DEFAULT_DAYS, reviewed_only: bool = False
) -> Briefing:
    """The briefing with everything the store offers: its gazetteer (stored, bundled and
    world places) and, when the store holds places and control observations, the mapped
    control."""
    gazetteer = gazetteer_for(store)
    # "Alepo", "eastern Aleppo": the briefing names the place as listed
    place = find_place(place, gazetteer).name
    try:
        control: ControlMap | None = control_map(store)
    except NoControlData:
        control = None
    return build_briefing(
        store,
        place,
        on,
        days=days,
        gazetteer=gazetteer,
        control=control,
        reviewed_only=reviewed_only,
    )
