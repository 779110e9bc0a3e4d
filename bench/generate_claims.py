"""Generate a large SQLite store of claims from the bundled sample, deterministically.

The sample's four reports and the claims the extractor finds in them are copied into
many sources spread over the days of the sample (15 Nov - 22 Dec 2016) and over places:
Aleppo neighbourhoods, governorates, or the report's own places. Each copy keeps its
text (with a line of its own at the end, so no two texts are the same), claimants and
windows (moved with the day); values vary by up to 20%.

Usage: .venv/bin/python bench/generate_claims.py OUT.db [--claims 100000] [--seed 2016]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from sitroom.domain import Claim, PlaceKind, Source, SourceKind
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.bundled import bundled_gazetteer, bundled_places
from sitroom.store.claims import claim_values
from sitroom.store.database import Store, refresh_statistics
from sitroom.store.tables import ClaimRow, SourceRow

FIRST_DAY = date(2016, 11, 15)
DAYS = 38
REPORTS = Path(__file__).parents[1] / "src" / "sitroom" / "sample" / "reports"


@dataclass(frozen=True)
class Template:
    """One sample report: its source and claims, to be copied."""

    source: Source
    claims: tuple[Claim, ...]


def _read_sample(path: Path) -> Source:
    # read here rather than through sitroom.ingest.reports, which needs the extractor
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    return Source(
        title=meta["title"],
        published_at=date.fromisoformat(meta["published_at"]),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        kind=SourceKind(meta["kind"]),
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        text=text,
        filename=path.name,
    )


def templates() -> list[Template]:
    """The sample's reports with the claims the extractor finds in them."""
    gazetteer = bundled_gazetteer()
    found = []
    for path in sorted(REPORTS.glob("*.txt")):
        source = _read_sample(path)
        claims = extract_claims(source.text or "", source.published_at, gazetteer)
        found.append(Template(source, tuple(claims)))
    return found


def places_to_use() -> list[str]:
    """Aleppo's neighbourhoods and Syria's governorates, by name, in gazetteer order."""
    return [
        p.name for p in bundled_places() if p.kind in (PlaceKind.NEIGHBOURHOOD, PlaceKind.ADMIN1)
    ]


def generate(url: str, total: int, seed: int = 2016) -> dict[str, object]:
    """Fill the store at `url` with about `total` claims; return what was made."""
    rng = random.Random(seed)
    sample = templates()
    places = places_to_use()
    store = Store(url)
    sources = claims = 0
    started = time.perf_counter()
    with store.session() as session:
        connection = session.connection()
        while claims < total:
            template = rng.choice(sample)
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            shift = day - template.source.published_at
            roll = rng.random()
            # half the copies speak of a neighbourhood, a third of a governorate, the rest
            # keep the report's own places (Aleppo, east Aleppo, Khan al-Shih -> Idlib)
            focus = rng.choice(places) if roll < 0.83 else None
            sha = hashlib.sha256(f"{seed}:{sources}".encode()).hexdigest()
            source = template.source
            source_id = connection.execute(
                insert(SourceRow)
                .values(
                    title=f"{source.title} #{sources}",
                    kind=source.kind.value,
                    publisher=source.publisher,
                    url=source.url,
                    published_at=day,
                    language=source.language,
                    # every copy its own text, as real sources have: work done per text
                    # (folding it, searching it) must not be cached across copies; the line
                    # goes at the end so the claims' character offsets still hold
                    text=f"{source.text}\n\n[bench copy {sources} of {source.filename}]\n",
                    sha256=sha,
                    filename=source.filename,
                    ingested_at=datetime.now(UTC),
                    ingested_by="bench",
                    reliability="F",
                )
                .returning(SourceRow.id)
            ).scalar_one()
            rows = []
            for claim in template.claims[: total - claims]:
                moved = replace(
                    claim,
                    value=round(claim.value * rng.uniform(0.8, 1.2), 4)
                    if claim.unit not in ("percent", "ratio")
                    else claim.value,
                    place=(focus if claim.place and focus else claim.place),
                    window_start=claim.window_start + shift if claim.window_start else None,
                    window_end=claim.window_end + shift if claim.window_end else None,
                )
                rows.append(claim_values(source_id, moved))
            connection.execute(insert(ClaimRow), rows)
            sources += 1
            claims += len(rows)
        refresh_statistics(session)  # as an import does
    store.dispose()
    return {
        "sources": sources,
        "claims": claims,
        "claims_from": "extractor",
        "seconds": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="SQLite file to create (must not exist)")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"error: {args.out} exists; remove it first", file=sys.stderr)
        return 1
    made = generate(f"sqlite:///{args.out.resolve()}", args.claims, args.seed)
    print(
        f"{made['claims']} claims in {made['sources']} sources from the {made['claims_from']}"
        f", {made['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
