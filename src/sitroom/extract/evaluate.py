"""Score predicted claims against gold annotations, by the rules of data/gold/README.md.

A prediction matches a gold line when their spans overlap and their values agree (within
0.5%, or both vague); each gold line matches at most one prediction. Value precision,
recall and F1 are over mentions; each field's accuracy is over matched pairs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.domain import InputError
from sitroom.extract.pipeline import extract_claims
from sitroom.extract.records import claim_record
from sitroom.geo.names import fold, name_key
from sitroom.vocabulary import Vocabulary

if TYPE_CHECKING:
    from sitroom.geo.gazetteer import Gazetteer

FIELDS = (
    "indicator",
    "qualifier",
    "unit",
    "group",
    "place",
    "origin",
    "destination",
    "window",
    "claimant",
    "part_of",
)
# Gold null "means nothing to find": filling it is no error for these fields only.
_NULL_FORGIVEN = ("place", "claimant")
# Words that say what kind of place a name is, not which: "Rural Damascus Governorate" and
# "Rural Damascus" name one place.
_DESIGNATORS = frozenset(
    {
        "governorate",
        "province",
        "city",
        "district",
        "region",
        "township",
        "townships",
        "countryside",
        "camp",
    }
)
_DIRECTIONS = {"eastern": "east", "western": "west", "northern": "north", "southern": "south"}
_REQUIRED = ("doc", "id", "start", "end", "value")

Record = Mapping[str, object]


@dataclass
class Score:
    """Counts behind the value P/R/F1 and per-field accuracy of one or more documents."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    # the same over the matched pairs whose gold field is filled: a null gold field is
    # easy to "get right" by leaving it empty, so this is the score that shows recall
    filled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    filled_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Return the share of predictions that match a gold line."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Return the share of gold lines matched by a prediction."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        """Return the share of matched pairs whose `name` field is right."""
        return self.right[name] / self.matched if self.matched else 1.0

    def accuracy_filled(self, name: str) -> float:
        """Return the share of matched pairs with a filled gold `name` whose `name` is right."""
        return self.filled_right[name] / self.filled[name] if self.filled[name] else 1.0

    def add(self, other: Score) -> None:
        """Add the counts of `other` to these."""
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        for name in FIELDS:
            self.right[name] += other.right[name]
            self.filled[name] += other.filled[name]
            self.filled_right[name] += other.filled_right[name]
        self.misses.extend(other.misses)


def read_gold(path: Path) -> dict[str, list[dict[str, object]]]:
    """Return the gold lines of a .jsonl file by document name; a bad line raises InputError."""
    by_doc: dict[str, list[dict[str, object]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(path, number, None, f"not valid JSON: {err.msg}") from err
        if not isinstance(record, dict):
            raise InputError(path, number, None, "is not a JSON object")
        for name in _REQUIRED:
            if name not in record:
                raise InputError(path, number, name, "is missing")
        by_doc.setdefault(str(record["doc"]), []).append(record)
    return by_doc


def score_document(
    gold: Sequence[Record], predicted: Sequence[Record], gazetteer: Gazetteer | None = None
) -> Score:
    """Return the score of `predicted` records against the `gold` records of one document.

    With a gazetteer, a predicted place also matches when the gazetteer puts it inside the
    gold place ("Al-Hali" for "Al Hudaydah"), not only when its name says so.
    """
    score = Score(gold=len(gold), predicted=len(predicted))
    pairs: dict[int, int] = {}  # gold index -> predicted index
    taken: set[int] = set()
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if p_index not in taken and _overlap(g, p) and _same_value(g, p):
                pairs[g_index] = p_index
                taken.add(p_index)
                break
    score.matched = len(pairs)
    gold_by_id = {g["id"]: i for i, g in enumerate(gold)}
    for g_index, p_index in pairs.items():
        g, p = gold[g_index], predicted[p_index]
        for name in FIELDS:
            if name == "part_of":
                ok = _part_of_right(g, p, pairs, gold_by_id, predicted)
            else:
                ok = field_matches(name, g.get(name), p.get(name), gazetteer)
            if g.get(name) is not None:
                score.filled[name] += 1
                score.filled_right[name] += ok
            if ok:
                score.right[name] += 1
            else:
                score.misses.append(
                    f"{g.get('doc')}#{g['id']} {g.get('quote')!r} {name}: "
                    f"gold {g.get(name)!r}, got {p.get(name)!r}"
                )
    for g_index, g in enumerate(gold):
        if g_index not in pairs:
            score.misses.append(f"{g.get('doc')}#{g['id']} {g.get('quote')!r}: not found")
    for p_index, p in enumerate(predicted):
        if p_index not in taken:
            score.misses.append(f"extra {p.get('quote')!r} = {p.get('value')}")
    return score


def field_matches(
    name: str, gold: object, predicted: object, gazetteer: Gazetteer | None = None
) -> bool:
    """Return whether a predicted field value counts as right against the gold one."""
    if gold is None:
        return predicted is None or name in _NULL_FORGIVEN
    if predicted is None:
        return False
    if name in ("place", "origin", "destination"):
        return _places_match(str(gold), str(predicted), gazetteer)
    if name == "claimant":
        return _claimants_match(str(gold), str(predicted))
    if name == "window":
        return _windows_match(str(gold), str(predicted))
    return str(gold).lower() == str(predicted).lower()


def _overlap(g: Record, p: Record) -> bool:
    return int(str(g["start"])) < int(str(p["end"])) and int(str(p["start"])) < int(str(g["end"]))


def _same_value(g: Record, p: Record) -> bool:
    if g.get("qualifier") == "vague" and p.get("qualifier") == "vague":
        return True
    gv, pv = float(str(g["value"])), float(str(p["value"]))
    return abs(gv - pv) <= 0.005 * abs(gv) if gv else pv == 0


def _part_of_right(
    g: Record,
    p: Record,
    pairs: dict[int, int],
    gold_by_id: dict[object, int],
    predicted: Sequence[Record],
) -> bool:
    if g.get("part_of") is None:
        return p.get("part_of") is None
    whole = gold_by_id.get(g["part_of"])
    if whole is None or whole not in pairs or p.get("part_of") is None:
        return False
    return predicted[pairs[whole]].get("id") == p.get("part_of")


def _place_words(name: str) -> list[str]:
    words = [w for w in re.sub(r"\b(?:al|el)[-\s]", "", fold(name)).split() if w != "the"]
    words = [_DIRECTIONS.get(w, w) for w in words if w not in _DESIGNATORS]
    return name_key(" ".join(words)).split()


def _place_matches(gold: str, predicted: str, gazetteer: Gazetteer | None = None) -> bool:
    g, p = _place_words(gold), _place_words(predicted)
    # the prediction names the gold place or a place inside it: "east Aleppo" for "Aleppo"
    if bool(g) and p[-len(g) :] == g:
        return True
    return gazetteer is not None and _inside(gazetteer, gold, predicted)


def _inside(gazetteer: Gazetteer, gold: str, predicted: str) -> bool:
    """Return whether the gazetteer puts `predicted` at or inside `gold` by its parents."""
    area, place = gazetteer.find(gold), gazetteer.find(predicted)
    seen: set[str] = set()
    while place is not None and area is not None and place.name not in seen:
        if place.name == area.name:
            return True
        seen.add(place.name)
        place = gazetteer.find(place.parent) if place.parent else None
    return False


def _places_match(gold: str, predicted: str, gazetteer: Gazetteer | None = None) -> bool:
    golds = [x for x in gold.split(";") if x.strip()]
    preds = [x for x in predicted.split(";") if x.strip()]
    if len(golds) != len(preds):
        return False
    left = list(preds)
    for g in golds:
        hit = next((p for p in left if _place_matches(g, p, gazetteer)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _person_words(name: str) -> list[str]:
    return [w for w in re.sub(r"\b(?:al|el)-", "", fold(name)).split() if w != "the"]


def _claimants_match(gold: str, predicted: str) -> bool:
    g, p = _person_words(gold), _person_words(predicted)
    if g == p:
        return True
    if not g or not p or g[-1] != p[-1]:
        return False
    return set(g) <= set(p) or set(p) <= set(g)


def _windows_match(gold: str, predicted: str) -> bool:
    g, p = fold(gold).split(), fold(predicted).split()
    if g == p:
        return True
    # the prediction holds the gold words whole, with a word or two more
    if len(p) - len(g) not in (1, 2):
        return False
    return any(p[k : k + len(g)] == g for k in range(len(p) - len(g) + 1))


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """Return the .jsonl files of `paths`, a directory standing for the files in it."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def published_at_of(report: Path) -> date:
    """Return the `published_at` of a report's sibling REPORT.meta.json; InputError if none."""
    meta = report.with_name(report.stem + ".meta.json")
    if not meta.exists():
        raise InputError(
            report,
            None,
            "published_at",
            f'no "{meta.name}" beside the report',
            "give --published-at YYYY-MM-DD",
        )
    try:
        raw = json.loads(meta.read_text(encoding="utf-8")).get("published_at")
        return date.fromisoformat(str(raw))
    except (ValueError, AttributeError) as err:
        raise InputError(meta, None, "published_at", "is not a date (use YYYY-MM-DD)") from err


def evaluate(
    paths: Sequence[Path],
    reports: Path,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Score]:
    """Return the score of each document named in the gold files, extracting its report.

    The report of document D is `reports/D.txt`, published on the date of its .meta.json.
    """
    scores: dict[str, Score] = {}
    for path in gold_files(paths):
        for doc, gold in read_gold(path).items():
            report = reports / f"{doc}.txt"
            if not report.exists():
                raise InputError(
                    path,
                    None,
                    "doc",
                    f'no report "{report}" for document "{doc}"',
                    "point --reports at the folder of the reports",
                )
            text = report.read_text(encoding="utf-8")
            claims = extract_claims(text, published_at_of(report), gazetteer, vocabulary)
            predicted = [claim_record(c) for c in claims]
            scores[doc] = score_document(gold, predicted, gazetteer)
    return scores


def total(scores: Mapping[str, Score]) -> Score:
    """Return the sum of the scores of several documents."""
    summed = Score()
    for score in scores.values():
        summed.add(score)
    return summed
