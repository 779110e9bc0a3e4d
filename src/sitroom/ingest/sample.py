"""The bundled samples: Aleppo 2016 (the default) and a world sample of six crises.

`samples.toml` lists them. A sample is a folder of reports (`reports/*.txt` with their
`.meta.json`), and either the package's bundled gazetteer and control observations (Aleppo)
or its own `places.toml` (places the world gazetteer lacks) and `parties.toml` (actors).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from sitroom.domain import (
    Actor,
    ActorKind,
    ImportResult,
    InputError,
    InputErrors,
    NotFound,
    Place,
    PlaceKind,
)
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold
from sitroom.geo.stored import gazetteer_for
from sitroom.ingest.control import load_bundled_control
from sitroom.ingest.places import load_bundled_places
from sitroom.ingest.reports import import_reports
from sitroom.progress import Progress, null_progress
from sitroom.store.actors import list_actors, upsert_actors
from sitroom.store.audit import record_change
from sitroom.store.control import add_import, find_import
from sitroom.store.database import Store
from sitroom.store.places import upsert_places

SAMPLES_FILE = "samples.toml"
PLACES_FILE = "places.toml"
PARTIES_FILE = "parties.toml"
SAMPLE_WHO = "sitroom sample load"  # who the audit trail names for a sample's changes


# Of one report in several forms, the one a sample loads: the original first.
ORIGINAL_FIRST = (".html", ".htm", ".pdf", ".txt")


@dataclass(frozen=True)
class Sample:
    """A bundled sample: its reports' folder and the briefing its demo prints."""

    name: str
    description: str
    folder: Path
    place: str
    on: date
    bundled_geo: bool = False  # the package's Aleppo gazetteer and control observations

    def reports(self) -> list[Path]:
        """The sample's report files, in name order: of a report kept both as the page or
        PDF it came from and as its text (which gold annotations' offsets refer to), the
        page or PDF."""
        found: dict[str, Path] = {}
        for path in sorted((self.folder / "reports").iterdir()):
            if path.suffix.lower() not in ORIGINAL_FIRST or path.name.endswith(".meta.json"):
                continue
            kept = found.get(path.stem)
            if kept is None or ORIGINAL_FIRST.index(path.suffix.lower()) < ORIGINAL_FIRST.index(
                kept.suffix.lower()
            ):
                found[path.stem] = path
        return [found[stem] for stem in sorted(found)]


class UnknownSample(NotFound):
    """A sample name that `samples.toml` does not list."""


def sample_dir() -> Path:
    """The folder of the bundled samples inside the installed package."""
    return Path(str(resources.files("sitroom").joinpath("sample")))


@cache
def samples() -> tuple[Sample, ...]:
    """The bundled samples of `samples.toml`, the default first."""
    path = sample_dir() / SAMPLES_FILE
    found = []
    for number, entry in enumerate(tomllib.loads(path.read_text("utf-8"))["sample"], start=1):
        try:
            on = date.fromisoformat(entry["date"])
        except ValueError as err:
            raise InputError(
                path, None, f"sample {number} date", f'"{entry["date"]}" is not a date'
            ) from err
        found.append(
            Sample(
                name=entry["name"],
                description=entry["description"],
                folder=(sample_dir() / entry["folder"]).resolve(),
                place=entry["place"],
                on=on,
                bundled_geo=bool(entry.get("bundled_geo", False)),
            )
        )
    return tuple(found)


def find_sample(name: str | None = None) -> Sample:
    """The sample called `name` (the default one for None); UnknownSample naming the others."""
    every = samples()
    if name is None:
        return every[0]
    for sample in every:
        if sample.name == name.strip().lower():
            return sample
    names = [s.name for s in every]
    close = difflib.get_close_matches(name.lower(), names, n=3, cutoff=0.4) or names
    raise UnknownSample(f'"{name}" is not a sample (samples: {", ".join(close)})')


DEFAULT = samples()[0]
SAMPLE_PLACE = DEFAULT.place  # the default sample's briefing: the dashboard's first page
SAMPLE_DATE = DEFAULT.on.isoformat()


def sample_reports() -> list[Path]:
    """The default sample's report files, in name order."""
    return DEFAULT.reports()


def _entries(path: Path, table: str) -> list[dict[str, object]]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise InputErrors([InputError(path, None, None, f"is not valid TOML: {err}")]) from err
    entries = raw.get(table, [])
    if not isinstance(entries, list):
        raise InputErrors([InputError(path, None, table, f"must be a list of [[{table}]] tables")])
    return entries


def _text(entry: dict[str, object], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(key)
    return value.strip()


def _aliases(entry: dict[str, object]) -> tuple[str, ...]:
    value = entry.get("aliases", [])
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValueError("aliases")
    return tuple(a.strip() for a in value if a.strip())


def _kind_error(
    path: Path, where: str, value: object, kinds: list[str]
) -> InputError:  # the closest kinds first, as places and control files refuse
    close = difflib.get_close_matches(str(value), kinds, n=3, cutoff=0.4) or kinds
    return InputError(
        path, None, f"{where} kind", f'"{value}" is not a kind', "one of " + ", ".join(close)
    )


def read_sample_places(path: Path) -> list[Place]:
    """The `[[place]]` entries of a sample's places.toml: name, kind, parent, aliases.

    Every entry is checked first; InputErrors names the file, the entry and the field.
    """
    places: list[Place] = []
    problems: list[InputError] = []
    kinds = [k.value for k in PlaceKind]
    for number, entry in enumerate(_entries(path, "place"), start=1):
        where = f"place {number}"
        try:
            name = _text(entry, "name")
            aliases = _aliases(entry)
            parent = _text(entry, "parent") if "parent" in entry else None
        except ValueError as err:
            problems.append(InputError(path, None, f"{where} {err}", "missing or not a text"))
            continue
        if (kind := entry.get("kind", "area")) not in kinds:
            problems.append(_kind_error(path, f"{where} ({name})", kind, kinds))
            continue
        places.append(Place(name, PlaceKind(str(kind)), aliases=aliases, parent=parent))
    if problems:
        raise InputErrors(problems)
    return places


def read_sample_parties(path: Path, stored: list[Actor] | None = None) -> list[Actor]:
    """The `[[actor]]` entries of a sample's parties.toml: name, kind, aliases, parent,
    is_party.

    Refused (InputErrors naming the entry and field): a missing name, an unknown kind, an
    alias that another actor of the file or of `stored` already has.
    """
    actors: list[Actor] = []
    problems: list[InputError] = []
    kinds = [k.value for k in ActorKind]
    owner = {fold(s): a.name for a in stored or [] for s in (a.name, *a.aliases)}
    for number, entry in enumerate(_entries(path, "actor"), start=1):
        where = f"actor {number}"
        try:
            name = _text(entry, "name")
            aliases = _aliases(entry)
            parent = _text(entry, "parent") if "parent" in entry else None
        except ValueError as err:
            problems.append(InputError(path, None, f"{where} {err}", "missing or not a text"))
            continue
        if (kind := entry.get("kind", "unknown")) not in kinds:
            problems.append(_kind_error(path, f"{where} ({name})", kind, kinds))
            kind = ActorKind.UNKNOWN.value  # refused above; its aliases are checked still
        for spelling in (name, *aliases):
            taken = owner.setdefault(fold(spelling), name)
            if taken != name:
                problems.append(
                    InputError(
                        path,
                        None,
                        f"{where} ({name}) aliases",
                        f'"{spelling}" is already an alias of "{taken}"',
                    )
                )
        actors.append(
            Actor(
                name,
                ActorKind(str(kind)),
                aliases=aliases,
                parent=parent,
                is_party=bool(entry.get("is_party", False)),
            )
        )
    if problems:
        raise InputErrors(problems)
    return actors


def _sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_places_and_parties(store: Store, sample: Sample, who: str) -> tuple[int, int]:
    """Store the sample's places and parties in one transaction, once (by their sha256);
    every new actor is audited. Returns (places written, actors created)."""
    places_file, parties_file = sample.folder / PLACES_FILE, sample.folder / PARTIES_FILE
    files = [p for p in (places_file, parties_file) if p.exists()]
    if not files:
        return 0, 0
    places = read_sample_places(places_file) if places_file.exists() else []
    with store.session() as session:
        sha256 = _sha256(*files)
        if find_import(session, sha256) is not None:
            return 0, 0
        stored = list_actors(session)
        before = {a.name for a in stored}
        actors = read_sample_parties(parties_file, stored) if parties_file.exists() else []
        created, updated = upsert_places(session, places)
        new_actors = upsert_actors(session, actors)
        for actor in list_actors(session):
            if actor.name not in before:
                record_change(
                    session,
                    who,
                    "add_actor",
                    "actor",
                    actor.id,
                    None,
                    json.dumps(
                        {
                            "name": actor.name,
                            "kind": actor.kind.value,
                            "aliases": list(actor.aliases),
                            "parent": actor.parent,
                            "is_party": actor.is_party,
                        },
                        ensure_ascii=False,
                    ),
                )
        add_import(session, sha256, "sample", f"sitroom:sample/{sample.name}", created + updated)
    return created + updated, new_actors


def load_sample(
    store: Store,
    name: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    progress: Progress = null_progress,
    who: str = SAMPLE_WHO,
) -> ImportResult:
    """Import the bundled sample `name` (the default, Aleppo, for None) into `store`: its
    places, control observations or parties, then its reports and their claims.

    A second run changes nothing. The result counts report files. Reports are read with
    `gazetteer`, by default the store's once the sample's places are in it. UnknownSample
    for a name `samples.toml` does not list.
    """
    sample = find_sample(name)
    if sample.bundled_geo:
        load_bundled_places(store)
        load_bundled_control(store)
    _, actors = _load_places_and_parties(store, sample, who)
    result = import_reports(
        store,
        sample.reports(),
        gazetteer=gazetteer if gazetteer is not None else gazetteer_for(store),
        progress=progress,
    )
    if result.new or actors:
        with store.session() as session:
            record_change(
                session,
                who,
                "load_sample",
                "sample",
                None,
                None,
                f"{sample.name}: {result.new} reports, {result.claims} claims, {actors} actors",
            )
    return result
