"""Benchmark: the briefing for one place and day on a store of many claims.

Builds (or reuses) SQLite stores of generated claims (bench/generate_claims.py), then
times, for Aleppo on 2016-12-09 over the default 7 days:
- one plain SQL query reading the window's claims with their sources (sqlite3, fetchall);
- the store's read (`claims_published_between`, rows into domain Claims);
- `report.build.build_briefing` whole, then its Markdown, dashboard HTML and JSON
  renderings with their sizes and the process's peak memory, in a fresh child process
  each time (5 times), stopped after --budget seconds;
- on the largest store, `sitroom serve`'s page `/`: a cold request, a repeat, the page's
  size and the server's peak memory (--no-serve leaves it out);
- with --stages-at N, the briefing's steps one by one, to show where the time goes.

Usage: .venv/bin/python bench/briefing.py [--claims 2500 10000 100000] [--budget 120]
       [--stages-at 10000] [--profile] [--no-serve]
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import pstats
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from generate_claims import generate
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.report.build import DEFAULT_DAYS, build_briefing
from sitroom.report.collector import collector_paused
from sitroom.report.html import render_html
from sitroom.report.json_out import render_json
from sitroom.report.markdown import render_markdown
from sitroom.store.claims import claims_published_between
from sitroom.store.database import Store

PLACE, DAY = "Aleppo", date(2016, 12, 9)
SINCE = DAY - timedelta(days=DEFAULT_DAYS - 1)
CACHE = Path(tempfile.gettempdir()) / "sitroom-bench"  # generated stores, reused across runs
GOAL_SECONDS = 1.0
GOAL_MB = 2.0  # the Markdown and the HTML of one briefing
GOAL_PEAK_MB = 300.0  # a process that builds and renders one briefing
GENERATION = 3  # bump when generate_claims makes different stores: cached ones are stale
SQL = """SELECT c.*, s.title, s.publisher, s.published_at, s.reliability
FROM claims c JOIN sources s ON s.id = c.source_id
WHERE s.published_at BETWEEN ? AND ?"""


def store_file(claims: int, seed: int) -> Path:
    """The SQLite file of `claims` generated claims, made on first use."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"briefing-{claims}-{seed}-{GENERATION}.db"
    if not path.exists():
        made = generate(f"sqlite:///{path}", claims, seed)
        print(
            f"generated {path.name}: {made['claims']} claims, {made['sources']} sources "
            f"from the {made['claims_from']} in {made['seconds']:.1f} s",
            file=sys.stderr,
        )
    Store(f"sqlite:///{path}").dispose()  # a store cached by an older sitroom: migrate it
    return path


def timed(work: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The best of `repeat` runs, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def plain_sql(path: Path) -> tuple[float, int]:
    """Seconds to read the window's claims with one SQL query, and how many rows."""

    def read() -> int:
        with sqlite3.connect(path) as connection:
            return len(connection.execute(SQL, (SINCE.isoformat(), DAY.isoformat())).fetchall())

    return timed(read)


def store_read(path: Path) -> float:
    """Seconds for the store's read of the same claims into domain objects."""
    store = Store(f"sqlite:///{path}")

    def read() -> int:
        with store.session() as session:
            return len(claims_published_between(session, SINCE, DAY))

    seconds, _ = timed(read)
    store.dispose()
    return seconds


def _briefing_child(path: str, queue: Any) -> None:
    store = Store(f"sqlite:///{path}")
    gazetteer = bundled_gazetteer()  # built before the clock starts, as a server keeps it
    started = time.perf_counter()
    briefing = build_briefing(store, PLACE, DAY, gazetteer=gazetteer)
    built = time.perf_counter()
    markdown = render_markdown(briefing)
    written_md = time.perf_counter()
    # one briefing: the interpreter, the store read, the Briefing and its Markdown
    one_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the dashboard's page: the same template as the file, its charts left to the browser
    html = render_html(
        briefing, standalone=False, source_url=lambda s, c: f"/sources/{s}#claim-{c}"
    )
    written_html = time.perf_counter()
    render_json(briefing)
    written_json = time.perf_counter()
    queue.put(
        {
            "build": built - started,
            "markdown": written_md - built,
            "html": written_html - written_md,
            "json": written_json - written_html,
            "markdown_mb": len(markdown.encode()) / 1e6,
            "html_mb": len(html.encode()) / 1e6,
            "peak_mb": one_mb,
            # and once the JSON of all its disagreements and checks is written
            "json_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "figures": len(briefing.footnotes),
            "disagreements": len(briefing.disagreements),
        }
    )


@dataclass(frozen=True)
class BriefingTimes:
    """Seconds of the briefing's build and of its renderings, over fresh processes."""

    build: list[float]
    markdown: list[float]
    html: list[float]
    json: list[float]
    markdown_mb: float
    html_mb: float
    peak_mb: float
    json_peak_mb: float
    figures: int
    disagreements: int


def briefing_time(path: Path, budget: float, repeat: int = 5) -> BriefingTimes | None:
    """build_briefing, then the Markdown, HTML and JSON renderings of its result, `repeat`
    times, each in a fresh process (no cache warm from the run before); None past `budget`
    s."""
    runs = []
    for _ in range(repeat):
        queue: Any = multiprocessing.Queue()
        child = multiprocessing.Process(target=_briefing_child, args=(str(path), queue))
        child.start()
        child.join(budget)
        if child.is_alive():
            child.terminate()
            child.join()
            return None
        runs.append(queue.get())
    return BriefingTimes(
        build=sorted(r["build"] for r in runs),
        markdown=sorted(r["markdown"] for r in runs),
        html=sorted(r["html"] for r in runs),
        json=sorted(r["json"] for r in runs),
        markdown_mb=runs[0]["markdown_mb"],
        html_mb=runs[0]["html_mb"],
        peak_mb=max(r["peak_mb"] for r in runs),
        json_peak_mb=max(r["json_peak_mb"] for r in runs),
        figures=runs[0]["figures"],
        disagreements=runs[0]["disagreements"],
    )


@dataclass(frozen=True)
class PageTimes:
    """The dashboard's page `/` from `sitroom serve`: a cold request to each of several
    fresh servers (sorted), then a repeat."""

    cold: list[float]
    repeat: float
    page_mb: float
    server_mb: float


def page_time(path: Path, servers: int = 5) -> PageTimes:
    """Start `sitroom serve` on the store `servers` times; of each, ask for `/` once (cold:
    the briefing is built, rendered and gzipped); of the last, again (cached), and read
    its peak memory. Each server is a fresh process, as a cold request meets it."""
    from api import _free_port, peak_rss_mb, wait_until_up

    cold: list[float] = []
    for _ in range(servers):
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "sitroom"), "serve", "--db", f"sqlite:///{path}",
             "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until_up(base, server)
            url = f"{base}/?place={PLACE}&date={DAY.isoformat()}"
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=300) as answer:
                size = len(answer.read())
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=300) as answer:
                answer.read()
            repeat = time.perf_counter() - started
            peak = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    return PageTimes(sorted(cold), repeat, size / 1e6, peak)


def _best(seconds: list[float]) -> str:
    """'best (median)' of sorted seconds."""
    return f"{seconds[0]:.3f} ({seconds[len(seconds) // 2]:.3f})"


def stages(path: Path) -> list[tuple[str, float]]:
    """The briefing's steps timed one by one (the same calls build_briefing makes)."""
    from sitroom.analysis.disagreements import find_disagreements
    from sitroom.analysis.mentions import group_mentions
    from sitroom.analysis.series import build_series
    from sitroom.analysis.sourced import SourcedClaim
    from sitroom.analysis.voices import Corroboration, default_voices
    from sitroom.geo.names import fold_text
    from sitroom.report.build import where_within
    from sitroom.report.selection import SHOWN_PER_SECTION, Ranking
    from sitroom.store.sources import source_texts
    from sitroom.vocabulary import default_vocabulary, section_for

    store, gazetteer, voices = Store(f"sqlite:///{path}"), bundled_gazetteer(), default_voices()
    found: list[tuple[str, float]] = []
    # paused as build_briefing pauses it, so no step pays for another's garbage
    with collector_paused():

        def step(name: str, work: Callable[[], Any]) -> Any:
            started = time.perf_counter()
            result = work()
            found.append((name, time.perf_counter() - started))
            return result

        with store.session() as session:
            pairs = step(
                "store read (claims_published_between)",
                lambda: claims_published_between(session, SINCE, DAY),
            )
            where = step(
                "where each claim is (where_within)",
                lambda: [where_within(c, PLACE, gazetteer) for c, _ in pairs],
            )
            texts = step(
                "source texts (of placeless claims)",
                lambda: source_texts(
                    session,
                    {s.id for (_, s), w in zip(pairs, where, strict=True) if w is None},
                ),
            )
        target = f" {fold_text(PLACE)} "
        named = step(
            f"texts naming the place x {len(texts)}",
            lambda: {sid: target in f" {fold_text(text)} " for sid, text in texts.items()},
        )
        relevant = step(
            "claims of the place",
            lambda: [
                SourcedClaim(c, s)
                for (c, s), w in zip(pairs, where, strict=True)
                if (named.get(s.id or -1, False) if w is None else w)
            ],
        )
        groups = step("group_mentions", lambda: group_mentions(relevant))
        leads = [members[0] for members in groups]
        corroboration = step("Corroboration", lambda: Corroboration(leads, voices, gazetteer))
        ranking = Ranking(corroboration.party_only, SINCE)
        by_section: dict[str, list[int]] = {}
        for n, lead in enumerate(leads):
            by_section.setdefault(section_for(lead.claim.indicator), []).append(n)
        step(
            f"the listed figures of {len(by_section)} sections (Ranking.first)",
            lambda: [
                ranking.first(members, groups, SHOWN_PER_SECTION) for members in by_section.values()
            ],
        )
        step(
            "find_disagreements", lambda: find_disagreements(leads, default_vocabulary(), gazetteer)
        )
        step(
            "build_series (the charts, on first use)",
            lambda: build_series(leads, default_vocabulary(), gazetteer, PLACE, (SINCE, DAY)),
        )
    store.dispose()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[2_500, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument(
        "--budget", type=float, default=120.0, help="stop build_briefing after this many seconds"
    )
    parser.add_argument(
        "--stages-at",
        type=int,
        metavar="CLAIMS",
        help="time the briefing's steps on the store of this many claims",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile build_briefing on the smallest store"
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="leave out the cold / from `sitroom serve`"
    )
    args = parser.parse_args(argv)
    bundled_gazetteer()
    print(
        f"briefing for {PLACE} on {DAY}, sources of {SINCE} to {DAY}; plain SQL and store "
        "read best of 3; build_briefing and its renderings (Markdown, the dashboard's HTML, "
        "JSON) in 5 fresh processes, best (median); peak: the largest resident memory of those "
        "processes after the Markdown, and after the JSON too\n"
    )
    print(
        "| claims in store | claims in window | plain SQL s | store read s | "
        "build_briefing s | Markdown s | Markdown MB | HTML s | HTML MB | JSON s | peak MB | "
        "peak with JSON MB | "
        "figures listed | disagreements | build vs SQL |"
    )
    print("|" + "---:|" * 15)
    met = True
    largest = None
    for total in args.claims:
        path = store_file(total, args.seed)
        sql_s, rows = plain_sql(path)
        read_s = store_read(path)
        times = briefing_time(path, args.budget)
        if times is None:
            print(f"| {total:,} | {rows:,} | {sql_s:.3f} | {read_s:.3f} | "
                  f"> {args.budget:.0f} (stopped) |" + " - |" * 10)  # fmt: skip
            met = False
            continue
        largest = path
        met = (
            met
            and times.build[0] < GOAL_SECONDS
            and max(times.markdown[0], times.html[0]) < GOAL_SECONDS
            and max(times.markdown_mb, times.html_mb) < GOAL_MB
            and times.peak_mb < GOAL_PEAK_MB
        )
        print(
            f"| {total:,} | {rows:,} | {sql_s:.3f} | {read_s:.3f} | {_best(times.build)} | "
            f"{_best(times.markdown)} | {times.markdown_mb:.2f} | {_best(times.html)} | "
            f"{times.html_mb:.2f} | {_best(times.json)} | {times.peak_mb:.0f} | "
            f"{times.json_peak_mb:.0f} | "
            f"{times.figures:,} | {times.disagreements:,} | {times.build[0] / sql_s:.0f}x |"
        )
    if largest is not None and not args.no_serve:
        page = page_time(largest)
        met = met and page.cold[0] < GOAL_SECONDS
        print(
            f"\n`sitroom serve` on the largest store, GET /?place={PLACE}&date={DAY}, "
            f"{len(page.cold)} fresh servers, best (median):\n\n"
            "| cold request s | repeat s | page MB | server peak MB |\n|---:|---:|---:|---:|\n"
            f"| {_best(page.cold)} | {page.repeat:.3f} | {page.page_mb:.2f} | "
            f"{page.server_mb:.0f} |"
        )
    print(
        f"\ngoals: build_briefing, Markdown, HTML and a cold / under {GOAL_SECONDS:.0f} s, "
        f"Markdown and HTML under {GOAL_MB:.0f} MB, a briefing's process under "
        f"{GOAL_PEAK_MB:.0f} MB: " + ("met" if met else "NOT met")
    )
    if args.stages_at:
        print(f"\nsteps at {args.stages_at:,} claims:")
        for name, seconds in stages(store_file(args.stages_at, args.seed)):
            print(f"  {name:45s} {seconds:9.3f} s")
    if args.profile:
        path = store_file(min(args.claims), args.seed)
        store, gazetteer = Store(f"sqlite:///{path}"), bundled_gazetteer()
        profiler = cProfile.Profile()
        profiler.runcall(build_briefing, store, PLACE, DAY, gazetteer=gazetteer)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
