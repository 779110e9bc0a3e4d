"""Benchmark: importing many reports, beside a plain executemany of the same rows.

Makes --reports distinct report files (the bundled and world samples, each copy with a line
of its own so that no two share a sha256), then for SQLite and PostgreSQL times:
- `sitroom import` as a user runs it (a whole process: start-up, reading, extraction,
  checks, one write transaction);
- `import_reports` in this process (the gazetteer already loaded), extracting in a pool of
  one process per core (the default) and in one process;
- its two halves: extraction alone (`extract_reports`: read, check, extract in the pool)
  and storing alone (`store_reports`: the write transaction of bulk statements);
- the reference: a plain DB-API `executemany` of the very rows the import wrote (sources,
  then claims) into an empty schema, in one transaction.

The issue's goal is the import within 2x of the reference; the table prints the ratio.
Storing is what the reference does; extraction is work the reference does not do, so the
whole import is bounded below by extraction however fast the database.

Usage: .venv/bin/python bench/import.py [--reports 200]
       [--pg postgresql://postgres@127.0.0.1:5432/postgres] [--no-pg]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sitroom.ingest.reports import (
    ExtractedReports,
    extract_reports,
    import_reports,
    store_reports,
)
from sitroom.store.database import Store, open_store

SAMPLES = Path(__file__).parent.parent / "src" / "sitroom" / "sample"
SITROOM = Path(sys.executable).parent / "sitroom"


def make_reports(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports with their metadata, copied round-robin from the samples."""
    originals = sorted((SAMPLES / "reports").glob("*.txt"))
    originals += sorted((SAMPLES / "world" / "reports").glob("*.txt"))
    paths = []
    for n in range(count):
        original = originals[n % len(originals)]
        path = folder / f"r{n:04d}.txt"
        body = original.read_text(encoding="utf-8")
        path.write_text(f"{body}\n\n(copy {n} of {original.name})\n", encoding="utf-8")
        meta = original.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, path.with_suffix(".meta.json"))
        paths.append(path)
    return paths


@contextmanager
def pg_database(base: str, name: str) -> Iterator[str]:
    """A new PostgreSQL database `name` beside `base`'s, dropped afterwards."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def whole_process(url: str, paths: list[Path]) -> float:
    def run() -> None:
        subprocess.run(
            [str(SITROOM), "import", "--db", url, *map(str, paths)],
            check=True,
            capture_output=True,
        )

    return timed(run)


def written_rows(store: Store) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """The columns and rows of the tables an import writes, as stored."""
    rows = {}
    with store.engine.connect() as conn:
        for table in ("sources", "claims"):
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            rows[table] = (list(result.keys()), [tuple(r) for r in result])
    return rows


def executemany(url: str, rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]) -> float:
    """Seconds to write `rows` with a plain DB-API executemany into `url`'s empty schema."""
    store = open_store(url)  # the schema, made before the clock starts
    marker = "?" if store.engine.dialect.name == "sqlite" else "%s"
    raw = store.engine.raw_connection()
    try:
        started = time.perf_counter()
        cursor = raw.cursor()
        if marker == "?":  # the store's sqlite3 connections leave BEGIN to the caller
            cursor.execute("BEGIN")
        for table, (columns, values) in rows.items():
            names = ", ".join(f'"{c}"' for c in columns)
            slots = ", ".join([marker] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({slots})", values)
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()
        store.engine.dispose()


def measure(label: str, urls: Callable[[str], Iterator[str]], paths: list[Path]) -> list[tuple]:
    lines = []
    with urls("process") as url:
        lines.append((label, "sitroom import, whole process", whole_process(url, paths)))
    rows = {}
    for way, jobs in (("import_reports, in process, pool", None), ("... one process", 1)):
        with urls(f"inproc{jobs}") as url:
            store = open_store(url)
            import_reports(store, paths[:1])  # loads the gazetteer and vocabulary once
            rest = paths[1:]
            seconds = timed(lambda: import_reports(store, rest, jobs=jobs))  # noqa: B023
            # the first file was imported before the clock: count it at the same rate
            lines.append((label, way, seconds * len(paths) / len(rest)))
            rows = written_rows(store)
            store.engine.dispose()
    with urls("halves") as url:
        store = open_store(url)
        import_reports(store, paths[:1])
        extracted: list[ExtractedReports] = []
        seconds = timed(lambda: extracted.append(extract_reports(store, paths[1:])))
        lines.append((label, "... extraction alone (extract_reports)", seconds))
        seconds = timed(lambda: store_reports(store, extracted[0]))
        lines.append((label, "... storing alone (store_reports)", seconds))
        store.engine.dispose()
    with urls("plain") as url:
        lines.append((label, "reference: executemany of the same rows", executemany(url, rows)))
    return [(*line, len(rows["claims"][1])) for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        paths = make_reports(Path(folder), args.reports)

        @contextmanager
        def sqlite_urls(name: str) -> Iterator[str]:
            yield f"sqlite:///{folder}/{name}.db"

        @contextmanager
        def pg_urls(name: str) -> Iterator[str]:
            with pg_database(args.pg, f"sitroom_bench_import_{name}") as url:
                yield url

        results = measure("SQLite", sqlite_urls, paths)
        if not args.no_pg:
            results += measure("PostgreSQL", pg_urls, paths)

    print(f"\n{args.reports} reports\n")
    print("| database | way | seconds | reports/s | claims/s | x executemany |")
    print("|---|---|---:|---:|---:|---:|")
    for database in dict.fromkeys(r[0] for r in results):
        mine = [r for r in results if r[0] == database]
        reference = mine[-1][2]
        for _, way, seconds, claims in mine:
            print(
                f"| {database} | {way} | {seconds:.3f} | {args.reports / seconds:,.0f} | "
                f"{claims / seconds:,.0f} | {seconds / reference:.1f}x |"
            )


if __name__ == "__main__":
    main()
