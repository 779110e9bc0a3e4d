"""The briefing as HTML, and source text with its claims' quotes highlighted.

One template set (`sitroom/web/templates`) serves both the dashboard page `/` and the
standalone file of `sitroom briefing --format html`; the standalone file inlines the
stylesheet and ends with an appendix of source excerpts that its footnotes link to, so it
(and the PDF made from it) works without a server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim
from sitroom.geo.bundled import named_places
from sitroom.report.charts import MOVEMENT_PREFIX, movement_charts
from sitroom.report.control_map import control_map_svg
from sitroom.report.figures import (
    claim_place,
    credibility_words,
    days_in_words,
    event_line,
    events_summary,
    figure,
    in_own_words,
    reliability_words,
    unlocated_note,
    voice_of,
    window_words,
)
from sitroom.report.model import Briefing
from sitroom.report.quoting import mention, quote_marks
from sitroom.report.summary import (
    check_groups,
    disagreement_groups,
    every_claim_command,
    footnotes_by_source,
    shown_claims,
    since_previous,
    to_review,
)
from sitroom.vocabulary import default_vocabulary

SourceUrl = Callable[[int, int | None], str]
EVENTS_LISTED = 20  # events listed one by one at most; the rest are counted
STATIC_URL = "/static"


@cache
def templates() -> Environment:
    """The Jinja2 environment of the package's templates (autoescaped, strict)."""
    env = Environment(
        loader=PackageLoader("sitroom", "web/templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,  # a misspelt name in a template fails the render, loudly
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        figure=figure,
        in_own_words=in_own_words,
        claim_place=claim_place,
        unlocated_note=unlocated_note,
        days_in_words=days_in_words,
        reliability_words=reliability_words,
        credibility_words=credibility_words,
        footnotes_by_source=footnotes_by_source,
        window_words=window_words,
        voice=voice,
        excerpt=excerpt,
        static_url=STATIC_URL,
        label=indicator_label,
        mention=mention,
        quote_marks=quote_marks,
        web_link=web_link,
        event_line=event_line,
        events_summary=events_summary,
        events_listed=EVENTS_LISTED,
        to_review=to_review,
        since_previous=since_previous,
        every_claim_command=every_claim_command,
    )
    return env


def web_link(url: str | None) -> str | None:
    """`url` if it may become a link (http or https, with a host), else None: a source's
    url is whatever its metadata said, and `javascript:` must stay text."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@cache
def indicator_label(key: str) -> str:
    """The vocabulary's label of an indicator key, or the key itself."""
    return default_vocabulary().label(key)


def stylesheet() -> str:
    """The text of the package's stylesheet, `web/static/sitroom.css`."""
    return resources.files("sitroom").joinpath("web/static/sitroom.css").read_text("utf-8")


def voice(c: SourcedClaim) -> str:
    """Who says a figure: its claimant, else the publisher in its own voice."""
    return voice_of(c.claim.claimant, c.source.publisher)


def excerpt(sentence: str, quote: str) -> Markup:
    """The sentence, HTML-escaped, with the first occurrence of `quote` in a <mark>."""
    sentence = sentence.strip()
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return escape(sentence)
    end = at + len(quote)
    return Markup("{}<mark>{}</mark>{}").format(sentence[:at], sentence[at:end], sentence[end:])


def appendix_url(source_id: int, claim_id: int | None) -> str:
    """The in-document link to a quote in the standalone file's appendix of source texts
    (to the source, where the claim has no id)."""
    return f"#claim-{claim_id}" if claim_id is not None else f"#source-{source_id}"


@dataclass
class _Appended:
    """One source at the end of a standalone briefing: its text with the briefing's quotes
    highlighted, or (a source without text) the sentences they stand in."""

    source_id: int | None
    title: str
    publisher: str | None
    published_at: date
    text: Markup | None
    excerpts: list[tuple[int | None, Markup]] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    spans: dict[int, MarkSpan] = field(default_factory=dict)


def _appendix(
    briefing: Briefing, texts: Mapping[int, str], shown: Sequence[SourcedClaim]
) -> list[_Appended]:
    """Every source the briefing quotes, in order of first footnote: its full text with
    each quote the briefing links to highlighted (footnote evidence, then the claims of
    the disagreements and checks it shows)."""
    found: dict[int | None, _Appended] = {}
    sentences: dict[int | None, dict[int | None, tuple[str, str]]] = {}

    def add(source_id: int | None, title: str, publisher: str | None, published_at: date,
            claim_id: int | None, span: tuple[int, int], quote: str, sentence: str,
            label: str) -> _Appended:  # fmt: skip
        item = found.setdefault(
            source_id, _Appended(source_id, title, publisher, published_at, None)
        )
        if claim_id is not None:
            item.spans.setdefault(claim_id, MarkSpan(claim_id, span[0], span[1], label))
        sentences.setdefault(source_id, {}).setdefault(claim_id, (sentence, quote))
        return item

    for note in briefing.footnotes:
        for ev in note.evidence:
            item = add(note.source_id, note.source_title, note.publisher, note.published_at,
                       ev.claim_id, (ev.start, ev.end), ev.quote, ev.sentence,
                       f"[{note.number}] {ev.quote}")  # fmt: skip
            if note.number not in item.footnotes:
                item.footnotes.append(note.number)
    for c in shown:
        add(c.source.id, c.source.title, c.source.publisher, c.source.published_at,
            c.claim.id, (c.claim.start, c.claim.end), c.claim.quote, c.claim.sentence,
            claim_label(c.claim))  # fmt: skip
    for source_id, item in found.items():
        text = texts.get(source_id) if source_id is not None else None
        if text:
            item.text = highlight(text, list(item.spans.values()))
        else:  # no text to show: the sentences, with the anchors the links point at
            item.excerpts = [
                (claim_id, excerpt(sentence, quote))
                for claim_id, (sentence, quote) in sentences[source_id].items()
            ]
    return list(found.values())


def render_html(
    briefing: Briefing,
    *,
    standalone: bool,
    source_url: SourceUrl,
    texts: Mapping[int, str] | None = None,
    places: Sequence[str] = (),
) -> str:
    """The briefing as one HTML document.

    `source_url(source_id, claim_id)` gives the link of a quote: the dashboard passes
    `/sources/{id}#claim-{claim_id}`, a standalone file passes `appendix_url`. A standalone
    document inlines the stylesheet, drops the dashboard's navigation and form, and ends
    with the appendix of its sources: each one's text from `texts` (source id -> text,
    see `build.quoted_texts`) with the briefing's quotes highlighted. The dashboard's
    place field suggests `places` (`target.suggested_places`).
    """
    # grouped once for the page and its appendix: 0.09 s at 36,000 disagreements
    disputes, checks = disagreement_groups(briefing), check_groups(briefing)
    return (
        templates()
        .get_template("briefing.html")
        .render(
            briefing=briefing,
            standalone=standalone,
            source_url=source_url,
            places=places,
            disputes=disputes,
            check_groups=checks,
            css=Markup(stylesheet()) if standalone else "",
            appendix=_appendix(briefing, texts or {}, shown_claims(disputes, checks))
            if standalone
            else [],
            # the dashboard draws its charts in the browser from /api/series; a file
            # (HTML, PDF) carries them drawn
            charts=movement_charts(
                briefing.series,
                {s.indicator: indicator_label(s.indicator) for s in briefing.series},
                (briefing.since, briefing.on),
            )
            if standalone
            else [],
            # the section's figures tell whether there are movements to chart, so the
            # page never works out the series it leaves to the browser
            live_charts=not standalone
            and any(
                f.indicator.startswith(MOVEMENT_PREFIX)
                for s in briefing.sections
                for f in s.figures
            ),
            map_credit=_map_credit(briefing),
            control_map=Markup(
                control_map_svg(
                    briefing.map_polygons,
                    f"Control of {briefing.place} on {briefing.on.isoformat()} (mapped)",
                    sides=dict(briefing.map_colours) if briefing.map_colours else None,
                )
            )
            if briefing.map_polygons
            else "",
        )
    )


_SAMPLE_CREDIT = (
    "Polygons: the bundled sample's, from the Columbia Center for Spatial Research, "
    "“Conflict Urbanism: Aleppo”, MIT licence."
)
_STORED_CREDIT = "Polygons: the places imported into this database (sitroom places import)."


def _map_credit(briefing: Briefing) -> str:
    """Who drew the map's polygons: the bundled sample's source only when they are its."""
    bundled = {p.name for p in named_places()}
    if all(p.name in bundled for p in briefing.map_polygons):
        return _SAMPLE_CREDIT
    return _STORED_CREDIT


@dataclass(frozen=True)
class MarkSpan:
    """A run `text[start:end]` to highlight as claim `claim_id`, labelled on hover."""

    claim_id: int
    start: int
    end: int
    label: str


def claim_label(claim: Claim) -> str:
    """What a highlighted quote says when pointed at: indicator and figure."""
    group = f" ({claim.group.replace('_', ' ')})" if claim.group else ""
    return f"{claim.indicator}: {figure(claim)}{group}"


def mark_spans(claims: Sequence[Claim]) -> list[MarkSpan]:
    """The highlight spans of stored claims (those with an id)."""
    return [MarkSpan(c.id, c.start, c.end, claim_label(c)) for c in claims if c.id is not None]


def _open_tag(span: MarkSpan, first: bool) -> str:
    ident = f' id="claim-{span.claim_id}"' if first else ""
    css = "claim" if first else "claim cont"
    label = escape(span.label)
    return (
        f'<mark{ident} class="{css}" data-claim="{span.claim_id}" '
        f'data-label="{label}" title="{label}">'
    )


def highlight(text: str, spans: Sequence[MarkSpan]) -> Markup:
    """`text`, HTML-escaped, with each span wrapped in `<mark id="claim-N">`.

    Spans that overlap without nesting are split: the first piece of a span carries its
    id, later pieces carry `class="claim cont"` and the same `data-claim`. Spans outside
    the text are clipped; empty ones are dropped.
    """
    size = len(text)
    clean = [MarkSpan(s.claim_id, max(0, s.start), min(size, s.end), s.label) for s in spans]
    clean = [s for s in clean if s.start < s.end]
    cuts = sorted({0, size, *(s.start for s in clean), *(s.end for s in clean)})
    # longer spans open first so they sit outside the shorter ones starting with them
    starting: dict[int, list[MarkSpan]] = {}
    for s in sorted(clean, key=lambda s: (s.start, -s.end, s.claim_id)):
        starting.setdefault(s.start, []).append(s)
    stack: list[MarkSpan] = []
    opened: set[int] = set()
    out: list[str] = []
    for here, following in zip(cuts, [*cuts[1:], size], strict=True):
        # close every span ending here, and those nested inside them, to reopen the latter
        ending = [i for i, s in enumerate(stack) if s.end == here]
        reopen: list[MarkSpan] = []
        if ending:
            lowest = ending[0]
            for s in reversed(stack[lowest:]):
                out.append("</mark>")
                if s.end != here:
                    reopen.append(s)
            del stack[lowest:]
        to_open = sorted([*reopen, *starting.get(here, [])], key=lambda s: (-s.end, s.claim_id))
        for s in to_open:
            key = id(s)
            out.append(_open_tag(s, first=key not in opened))
            opened.add(key)
            stack.append(s)
        out.append(str(escape(text[here:following])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
