"""Benchmark: two workers drain a queue of imports on PostgreSQL while one is killed.

(Not named queue.py: this folder is on sys.path, and the standard library has a `queue`.)

Makes --reports distinct report files (as bench/import.py does), queues them with
`sitroom import --queue` on a new PostgreSQL database, starts two `sitroom worker`
processes, kills one with SIGKILL once a quarter of the jobs are done, lets the other
drain the queue, queues the killed worker's job again (`sitroom jobs retry`) and drains it
with a third worker. Then compares the store with an in-process import of the same files
into another database: every source once, each with all its claims.

Usage: .venv/bin/python bench/drain.py [--reports 200]
       [--pg postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))

from sitroom.ingest.queue import TASK
from sitroom.ingest.reports import import_reports
from sitroom.store.database import Store, open_store
from sitroom.store.jobs import job_counts

bench_import = import_module("import")  # bench/import.py: "import" is a keyword
SITROOM = str(Path(sys.executable).parent / "sitroom")


def claims_by_sha256(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(
            text(
                "SELECT s.sha256, count(c.id) FROM sources s "
                "LEFT JOIN claims c ON c.source_id = s.id GROUP BY s.sha256"
            )
        )
        return {str(sha256): int(count) for sha256, count in rows}


def worker(url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [SITROOM, "worker", "--concurrency", "1", "--until-empty", "--db", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def sitroom(*args: str) -> str:
    done = subprocess.run([SITROOM, *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        paths = bench_import.make_reports(Path(folder), args.reports)
        with (
            bench_import.pg_database(args.pg, "sitroom_bench_queue") as url,
            bench_import.pg_database(args.pg, "sitroom_bench_queue_ref") as reference_url,
        ):
            reference = open_store(reference_url)
            started = time.perf_counter()
            import_reports(reference, paths)
            in_process_s = time.perf_counter() - started
            expected = claims_by_sha256(reference)
            reference.dispose()

            store = open_store(url)
            started = time.perf_counter()
            queued = sitroom("import", "--queue", "--db", url, *map(str, paths))
            enqueue_s = time.perf_counter() - started
            started = time.perf_counter()
            killed, other = worker(url), worker(url)
            while job_counts(store, TASK).get("succeeded", 0) < args.reports // 4:
                time.sleep(0.05)
            killed.send_signal(signal.SIGKILL)
            killed.wait()
            to_kill_s = time.perf_counter() - started
            at_kill = job_counts(store, TASK)
            other.wait()
            alone_s = time.perf_counter() - started - to_kill_s
            retried = sitroom("jobs", "retry", "--stalled-after", "0", "--db", url)
            worker(url).wait()
            drain_s = time.perf_counter() - started
            counts = job_counts(store, TASK)
            found = claims_by_sha256(store)
            store.dispose()

    same = found == expected
    print(f"\n{args.reports} reports: {queued}; one of two workers killed at {at_kill}\n")
    print("| what | value |")
    print("|---|---:|")
    print(f"| enqueue (sitroom import --queue, whole process) | {enqueue_s:.2f} s |")
    print(f"| drain: two workers, one killed, retry, a third worker | {drain_s:.2f} s |")
    print(f"| ... two workers start, a quarter of the jobs done, one killed | {to_kill_s:.2f} s |")
    print(f"| ... the other worker drains the rest | {alone_s:.2f} s |")
    rest_s = drain_s - to_kill_s - alone_s
    print(f"| ... `jobs retry`, a third worker runs the killed one's job | {rest_s:.2f} s |")
    print(f"| reference: import_reports of the same files in process | {in_process_s:.2f} s |")
    print(f"| jobs after the drain | {counts} |")
    print(f"| jobs queued again after the kill | {retried} |")
    print(f"| sources stored / expected | {len(found)} / {len(expected)} |")
    print(f"| claims stored / expected | {sum(found.values())} / {sum(expected.values())} |")
    print(f"| every source once, each with all its claims | {'yes' if same else 'NO'} |")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
