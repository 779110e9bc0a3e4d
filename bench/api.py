"""Benchmark: `sitroom serve` under load from wrk, on a store of 100,000 claims.

Starts a real `sitroom serve` subprocess on 127.0.0.1 and a free port, on the SQLite
store bench/briefing.py generates (bench/generate_claims.py, reused from its cache), asks
once for the briefing (JSON and page) to fill the cache and times that, then drives each
path with wrk (Debian's `wrk`, `apt-get install wrk`) at 1, 8 and 32 connections for a few
seconds each (asking for gzip, as browsers do), and prints requests/s, p50 and p99 beside
a static file of the same server (the floor), and the server's peak RSS (VmHWM) over the
whole run.

Goals: /api/claims p99 < 50 ms at 32 clients; /api/briefing and / p99 < 1 s once
cached; the server under 1 GB.

Usage: .venv/bin/python bench/api.py [--claims 100000] [--seconds 4] [--clients 1 8 32]
       [--workers 1]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from briefing import store_file

PATHS = [
    ("static file (floor)", "/static/sitroom.css"),
    ("/api/claims?limit=100", "/api/claims?limit=100"),
    ("/api/claims filtered", "/api/claims?indicator=people.evacuated&place=Aleppo&limit=100"),
    ("/api/briefing", "/api/briefing?place=Aleppo&date=2016-12-09"),
    ("/ (briefing page)", "/?place=Aleppo&date=2016-12-09"),
]
CLAIMS_P99_GOAL_MS = 50.0
BRIEFING_P99_GOAL_MS = 1000.0
MEMORY_GOAL_MB = 1024.0


@dataclass(frozen=True)
class Cell:
    """What wrk measured for one path at one concurrency."""

    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(url: str, clients: int, seconds: float) -> Cell:
    """wrk at `clients` connections for `seconds` on `url` (30 s request timeout)."""
    done = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s",
         "--latency", "-H", "Accept-Encoding: gzip", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = done.stdout
    latency = dict(
        (p, _ms(v, u)) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\b", out, re.M)
    )
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Cell(
        requests_per_s=float(rate.group(1)) if rate else 0.0,
        p50_ms=latency.get("50", float("nan")),
        p99_ms=latency.get("99", float("nan")),
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
    )


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of process `pid` and its children (uvicorn workers), MB."""
    total = 0.0
    pids = [pid, *_children(pid)]
    for each in pids:
        status = Path(f"/proc/{each}/status").read_text()
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        total += int(found.group(1)) / 1024 if found else 0.0
    return total


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def wait_until_up(base: str, server: subprocess.Popen[bytes], budget: float = 120.0) -> None:
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"sitroom serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/static/sitroom.css", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("sitroom serve did not answer")


def timed_get(url: str) -> float:
    started = time.perf_counter()
    asked = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asked, timeout=300) as answer:
        answer.read()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--seconds", type=float, default=4.0, help="wrk's run per cell")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("bench/api.py needs wrk: apt-get install wrk")
    db = store_file(args.claims, args.seed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    sitroom = Path(sys.executable).with_name("sitroom")
    server = subprocess.Popen(
        [str(sitroom), "serve", "--db", f"sqlite:///{db}", "--port", str(port),
         "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(base, server)
        cold = {name: timed_get(base + path) for name, path in PATHS[3:]}
        warm = {name: timed_get(base + path) for name, path in PATHS[3:]}
        cells = {
            (name, clients): run_wrk(base + path, clients, args.seconds)
            for name, path in PATHS
            for clients in args.clients
        }
        peak = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    print(
        f"sitroom serve --workers {args.workers}, SQLite, {args.claims:,} claims; wrk "
        f"{args.seconds:g} s per cell on loopback; p50 / p99 in ms\n"
    )
    for name in cold:
        print(f"first {name}: {cold[name]:.2f} s (build), second: {warm[name] * 1000:.1f} ms")
    print()
    header = " | ".join(f"{c} clients: req/s, p50, p99" for c in args.clients)
    print(f"| path | {header} | errors |")
    print("|---|" + "---:|" * len(args.clients) + "---:|")
    for name, _ in PATHS:
        row = [cells[name, c] for c in args.clients]
        shown = " | ".join(f"{c.requests_per_s:,.0f}, {c.p50_ms:.1f}, {c.p99_ms:.1f}" for c in row)
        print(f"| {name} | {shown} | {sum(c.errors for c in row)} |")
    top = max(args.clients)
    claims_p99 = max(cells[name, top].p99_ms for name, _ in PATHS[1:3])
    briefing_p99 = max(cells[name, top].p99_ms for name, _ in PATHS[3:])
    goals = [
        (f"/api/claims p99 < {CLAIMS_P99_GOAL_MS:.0f} ms at {top} clients", claims_p99,
         claims_p99 < CLAIMS_P99_GOAL_MS, "ms"),
        (f"/api/briefing and / p99 < {BRIEFING_P99_GOAL_MS:.0f} ms cached", briefing_p99,
         briefing_p99 < BRIEFING_P99_GOAL_MS, "ms"),
        (f"server peak RSS < {MEMORY_GOAL_MB:.0f} MB", peak, peak < MEMORY_GOAL_MB, "MB"),
    ]  # fmt: skip
    print()
    for goal, value, met, unit in goals:
        print(f"goal: {goal}: {value:.1f} {unit}, {'met' if met else 'NOT met'}")
    return 0 if all(met for *_, met, _ in goals) else 1


if __name__ == "__main__":
    raise SystemExit(main())
