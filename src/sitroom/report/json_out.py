"""The briefing as JSON, following the schema in `briefing.schema.json`."""

from __future__ import annotations

import json
from typing import Any

from sitroom.analysis.sourced import SourcedClaim
from sitroom.report.claims_table import claim_record
from sitroom.report.model import Briefing

SCHEMA_VERSION = "1"


def _claim(c: SourcedClaim) -> dict[str, Any]:
    return {
        **claim_record(c.claim),
        "source_title": c.source.title,
        "published_at": c.source.published_at.isoformat(),
    }


def briefing_record(briefing: Briefing) -> dict[str, Any]:
    """The briefing as a JSON-ready dict."""
    return {
        "schema_version": SCHEMA_VERSION,
        "place": briefing.place,
        "date": briefing.on.isoformat(),
        "since": briefing.since.isoformat(),
        "sources": briefing.sources,
        "generated_by": briefing.generated_by,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "notes": list(s.notes),
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
                "claims": [_claim(d.first), _claim(d.second)],
            }
            for d in briefing.disagreements
        ],
        "checks": [
            {
                "rule": c.rule,
                "message": c.message,
                "numbers": c.numbers,
                "claims": [_claim(x) for x in c.claims],
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
                "evidence": [
                    {
                        "claim_id": e.claim_id,
                        "quote": e.quote,
                        "start": e.start,
                        "end": e.end,
                        "sentence": e.sentence,
                        "claimant": e.claimant,
                    }
                    for e in f.evidence
                ],
            }
            for f in briefing.footnotes
        ],
    }


def render_json(briefing: Briefing) -> str:
    """The briefing as indented JSON text."""
    return json.dumps(briefing_record(briefing), ensure_ascii=False, indent=2)
