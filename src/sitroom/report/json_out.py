"""The briefing as JSON, following the schema in `briefing.schema.json`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sitroom.analysis.series import Series
from sitroom.analysis.sourced import SourcedClaim
from sitroom.report.charts import chart_title
from sitroom.report.claims_table import claim_record
from sitroom.report.collector import collector_paused
from sitroom.report.model import Briefing
from sitroom.vocabulary import default_vocabulary

SCHEMA_VERSION = "2"


class _ClaimRecords:
    """The records of the claims that disagreements and checks name, each made once: a
    figure stands in several disagreements (seven on average at 15,000 figures)."""

    def __init__(self, briefing: Briefing) -> None:
        # where each claim's footnote is: by the lead object, by store id for other mentions
        self._by_lead = {id(f.claim): f.footnote for s in briefing.sections for f in s.figures}
        self._by_claim_id = {
            e.claim_id: note.number
            for note in briefing.footnotes
            for e in note.evidence
            if e.claim_id is not None
        }
        self._made: dict[int, dict[str, Any]] = {}

    def __call__(self, c: SourcedClaim) -> dict[str, Any]:
        made = self._made.get(id(c))
        if made is None:
            made = self._made[id(c)] = self._record(c)
        return made

    def _record(self, c: SourcedClaim) -> dict[str, Any]:
        # The sentence is in the footnote's evidence: a figure in many disagreements would
        # otherwise carry it into each (at 15,000 figures, 90 of 105 MB were such copies).
        record = claim_record(c.claim)
        del record["sentence"]
        number = self._by_lead.get(id(c))
        if number is None and c.claim.id is not None:
            number = self._by_claim_id.get(c.claim.id)
        return {
            **record,
            "source_title": c.source.title,
            "published_at": c.source.published_at.isoformat(),
            "footnote": number,
        }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def briefing_record(briefing: Briefing) -> dict[str, Any]:
    """The briefing as a JSON-ready dict."""
    claim = _ClaimRecords(briefing)
    return {
        "schema_version": SCHEMA_VERSION,
        "place": briefing.place,
        "date": briefing.on.isoformat(),
        "since": briefing.since.isoformat(),
        "sources": briefing.sources,
        "generated_by": briefing.generated_by,
        "key_figures": [
            {
                "section": k.section,
                "footnote": k.figure.footnote,
                "why": k.why,
                "change": k.change,
                "earlier_footnote": k.earlier_footnote,
            }
            for k in briefing.key_figures
        ],
        "new_figures": briefing.new_figures,
        "new_sources": briefing.new_sources,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "notes": list(s.notes),
                "more": s.more,
                "figures": [
                    {
                        "indicator": f.indicator,
                        "label": f.label,
                        "text": f.text,
                        "value": f.claim.claim.value,
                        "qualifier": f.claim.claim.qualifier.value,
                        "unit": f.claim.claim.unit,
                        "group": f.claim.claim.group,
                        "claimant": f.claim.claim.claimant,
                        "mentions": f.mentions,
                        "part_of": f.part_of_text,
                        "party_only": f.party_only,
                        "place": f.claim.claim.place,
                        "origin": f.claim.claim.origin,
                        "destination": f.claim.claim.destination,
                        "unlocated": list(f.unlocated),
                        "window": f.claim.claim.window,
                        "window_start": _day(f.claim.claim.window_start),
                        "window_end": _day(f.claim.claim.window_end),
                        "claim_id": f.claim.claim.id,
                        "source_id": f.claim.source.id,
                        "footnote": f.footnote,
                    }
                    for f in s.figures
                ],
            }
            for s in briefing.sections
        ],
        "disagreements": [
            {
                "indicator": d.indicator,
                "reason": d.reason,
                "claims": [claim(d.first), claim(d.second)],
            }
            for d in briefing.disagreements
        ],
        "checks": [
            {
                "rule": c.rule,
                "message": c.message,
                "numbers": c.numbers,
                "claims": [claim(x) for x in c.claims],
            }
            for c in briefing.checks
        ],
        "territory": [
            {
                "claim_id": t.claim.claim.id,
                "text": t.text,
                "problem": t.problem,
                "share": None
                if t.share is None
                else {
                    "actor": t.share.actor,
                    "date": t.share.date.isoformat(),
                    "area": t.share.area,
                    "claimed": t.share.claimed,
                    "mapped_held": round(t.share.mapped_held, 2),
                    "mapped_held_or_unsettled": round(t.share.mapped_held_or_unsettled, 2),
                    "gap_held": round(t.share.gap_held, 2),
                    "gap_held_or_unsettled": round(t.share.gap_held_or_unsettled, 2),
                    "unknown": round(t.share.unknown, 2),
                },
                "areas_taken": None
                if t.areas is None
                else {
                    "actor": t.areas.actor,
                    "from": t.areas.window_start.isoformat(),
                    "to": t.areas.window_end.isoformat(),
                    "area": t.areas.area,
                    "claimed": t.areas.claimed,
                    "mapped": t.areas.mapped,
                    "mapped_with_unsettled": t.areas.mapped_with_unsettled,
                },
            }
            for t in briefing.territory
        ],
        "series": [series_record(series) for series in briefing.series],
        "events": [
            {
                "event_id_cnty": e.event_id_cnty,
                "event_date": e.event_date.isoformat(),
                "event_type": e.event_type,
                "sub_event_type": e.sub_event_type,
                "actor1": e.actor1,
                "actor2": e.actor2,
                "location": e.location,
                "admin1": e.admin1,
                "latitude": e.latitude,
                "longitude": e.longitude,
                "fatalities": e.fatalities,
                "source": e.source,
                "notes": e.notes,
            }
            for e in briefing.events
        ],
        "warnings": list(briefing.warnings),
        "footnotes": [
            {
                "number": f.number,
                "source_id": f.source_id,
                "source_title": f.source_title,
                "publisher": f.publisher,
                "published_at": f.published_at.isoformat(),
                "claimants": list(f.claimants),
                "window": f.window,
                "reliability": f.reliability,
                "credibility": f.credibility,
                "edited": f.edited,
                "evidence": [
                    {
                        "claim_id": e.claim_id,
                        "quote": e.quote,
                        "start": e.start,
                        "end": e.end,
                        "sentence": e.sentence,
                        "claimant": e.claimant,
                        "credibility": e.credibility,
                        "page": e.page,
                    }
                    for e in f.evidence
                ],
            }
            for f in briefing.footnotes
        ],
    }


def series_record(series: Series) -> dict[str, Any]:
    """One series as the briefing's JSON and `/api/series` write it."""
    return {
        "indicator": series.indicator,
        "from_before": series.from_before,
        "place": series.place,
        "claimant": series.speaker,
        "kind": series.kind.value,
        "unit": series.unit,
        "group": series.group,
        "points": [
            {"day": p.day.isoformat(), "value": p.value, "claim_ids": list(p.claim_ids)}
            for p in series.points
        ],
    }


def series_document(briefing: Briefing, indicator: str | None = None) -> dict[str, Any]:
    """The briefing's series grouped in charts, one per indicator (sorted), and for the
    totals since before the window (`Series.from_before`) one more, so a cumulative figure
    never shares an axis with the day figures; for charts drawn in the browser
    (`/api/series`). `indicator` keeps one indicator, or every one under a prefix that
    ends in "." ("people." for the movements)."""
    vocabulary = default_vocabulary()
    by_chart: dict[tuple[str, bool], list[Series]] = {}
    for series in briefing.series:
        key = series.indicator
        if (
            indicator is None
            or key == indicator
            or (indicator.endswith(".") and key.startswith(indicator))
        ):
            by_chart.setdefault((key, series.from_before), []).append(series)
    return {
        "place": briefing.place,
        "date": briefing.on.isoformat(),
        "since": briefing.since.isoformat(),
        "reviewed_only": briefing.reviewed_only,
        "charts": [
            {
                "indicator": key,
                "title": chart_title(vocabulary.label(key), from_before),
                "from_before": from_before,
                "series": [
                    {**series_record(s), "label": s.label} for s in by_chart[(key, from_before)]
                ],
            }
            for key, from_before in sorted(by_chart)
        ],
    }


def render_json(briefing: Briefing) -> str:
    """The briefing as JSON text, one record a line (see `records_per_line`)."""
    with collector_paused():  # 10^5 records and lists, no cycles: see collector_paused
        return records_per_line(briefing_record(briefing))


_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _is_record(value: object) -> bool:
    """A dict that holds no list of dicts: written on one line."""
    if type(value) is not dict:
        return False
    for held in value.values():  # loops, not any(): this runs once per record
        if type(held) is list:
            for item in held:
                if type(item) is dict:
                    return False
    return True


def records_per_line(value: Any) -> str:  # Any: any JSON-ready value
    """JSON text with containers indented down to the records, each record on one line
    (a record: a dict that holds no list of dicts); lists of texts one item a line.

    A figure, an evidence quote or a claim reads as one line, so a diff of two briefings
    shows which records changed; and records go through the standard library's C
    encoder, which `indent=` would turn off (5 s instead of 0.7 s for a 15,000-figure
    briefing, bench/briefing.py). A record object met again (a figure in several
    disagreements) is encoded once. json.loads reads it like any other JSON.
    """
    return _lines(value, "", {})


def _lines(value: Any, indent: str, encoded: dict[int, str]) -> str:  # Any: JSON-ready
    inner = indent + "  "
    if isinstance(value, dict) and value and not (indent and _is_record(value)):
        items = [f"{inner}{_encode(k)}: {_lines(v, inner, encoded)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and any(isinstance(x, dict | list | str) for x in value):
        items = [inner + _item(x, inner, encoded) for x in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return _encode(value)


def _item(value: Any, indent: str, encoded: dict[int, str]) -> str:  # Any: JSON-ready
    if not _is_record(value):
        return _lines(value, indent, encoded)
    # the records are alive for the whole call, so their ids stay theirs
    text = encoded.get(id(value))
    if text is None:
        text = encoded[id(value)] = _encode(value)
    return text
