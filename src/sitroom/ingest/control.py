"""Importing control observations (who holds which place, as claimed), all or nothing."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
from datetime import date
from importlib import resources
from pathlib import Path

from sitroom.domain import (
    Actor,
    ActorKind,
    ControlObservation,
    ControlStatus,
    ImportResult,
    InputError,
    InputErrors,
    NotFound,
    Place,
)
from sitroom.geo.actors import resolve_actor, workspace_parties
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.names import fold
from sitroom.ingest.places import load_bundled_places
from sitroom.store.actors import actors_in_order, upsert_actors
from sitroom.store.audit import record_change
from sitroom.store.control import add_import, add_observations, find_import
from sitroom.store.database import Store
from sitroom.store.places import list_places

COLUMNS = (
    "place",
    "actor",
    "status",
    "observed_at",
    "claimant",
    "source_title",
    "source_url",
    "evidence",
    "note",
)
REQUIRED = ("place", "actor", "status", "observed_at", "claimant", "source_title")
BUNDLED_FILE = "aleppo-2016-control-observations.csv"


def closest_names(name: str, gazetteer: Gazetteer, limit: int = 3) -> list[str]:
    """The gazetteer names most like `name` (by any spelling or P-code), best first; a
    P-code is named with its place ("SY07 Idleb")."""
    spellings: dict[str, str] = {}
    for place in gazetteer.places.values():
        for spelling in (place.name, *place.aliases):
            spellings.setdefault(fold(spelling), place.name)
        if place.pcode:
            spellings.setdefault(fold(place.pcode), f"{place.pcode} {place.name}")
    wanted = fold(name)
    if gazetteer.world is not None and wanted:
        # the world's names that begin with the same letter and are about as long: a few
        # thousand of 74,000, so a misspelt "Karkiv" is answered "Kharkiv" in good time
        world = gazetteer.world
        for world_name in world.names:
            folded = fold(world_name)
            if folded[:1] == wanted[:1] and abs(len(folded) - len(wanted)) <= 3:
                spellings.setdefault(folded, world_name)
    found = difflib.get_close_matches(wanted, list(spellings), n=limit * 3, cutoff=0.5)
    return list(dict.fromkeys(spellings[s] for s in found))[:limit]


def find_place(name: str, gazetteer: Gazetteer) -> Place:
    """The place called `name` in any spelling, or with P-code `name` ("SY07"); NotFound
    naming the closest names if none."""
    found = gazetteer.find(name)
    if found is None:
        close = closest_names(name, gazetteer)
        hint = f" (closest: {', '.join(close)})" if close else ""
        raise NotFound(f'"{name}" is not in the gazetteer{hint}')
    return found


def parse_observations(
    path: Path, text: str, gazetteer: Gazetteer, actors: list[Actor]
) -> tuple[list[ControlObservation], list[Actor]]:
    """The observations of a control CSV and the actors it names that are not yet known.

    Places are written as the gazetteer names them, or by P-code; actors through their aliases
    ("Syrian Army" is "Government of Syria and allies"). Raises InputErrors with every
    problem of the file, sorted by line.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputErrors(
            [
                InputError(path, 1, c, "column missing", "columns: " + ", ".join(COLUMNS))
                for c in missing
            ]
        )
    errors: list[InputError] = []
    observations: list[ControlObservation] = []
    new_actors: dict[str, Actor] = {}
    for line, row in enumerate(reader, start=2):
        values = {k: (row.get(k) or "").strip() for k in COLUMNS}
        problems = len(errors)
        for column in REQUIRED:
            if not values[column]:
                errors.append(InputError(path, line, column, "empty"))
        place = gazetteer.find(values["place"]) if values["place"] else None
        if values["place"] and place is None:
            close = closest_names(values["place"], gazetteer)
            hint = (
                ("closest: " + ", ".join(f'"{c}"' for c in close))
                if close
                else ("import places first: sitroom places import FILE, or sitroom sample load")
            )
            errors.append(
                InputError(
                    path,
                    line,
                    "place",
                    f'"{values["place"]}" is no place stored in this database (control needs '
                    "its polygon: sitroom places import)",
                    hint,
                )
            )
        try:
            status = ControlStatus(values["status"].lower())
        except ValueError:
            if values["status"]:
                errors.append(
                    InputError(
                        path,
                        line,
                        "status",
                        f'"{values["status"]}" is not a control status',
                        "use held or contested",
                    )
                )
        try:
            observed_on = date.fromisoformat(values["observed_at"])
        except ValueError:
            if values["observed_at"]:
                errors.append(
                    InputError(
                        path,
                        line,
                        "observed_at",
                        f'"{values["observed_at"]}" is not a date',
                        "use YYYY-MM-DD",
                    )
                )
        if len(errors) > problems or place is None:
            continue
        actor = resolve_actor(values["actor"], [*actors, *new_actors.values()])
        if actor is None:
            # an actor said to hold or fight over a place is a party to the conflict
            new_actors[values["actor"]] = Actor(values["actor"], ActorKind.PARTY, is_party=True)
            actor = values["actor"]
        observations.append(
            ControlObservation(
                place=place.name,
                actor=actor,
                status=status,
                observed_on=observed_on,
                claimant=values["claimant"],
                source_title=values["source_title"],
                source_url=values["source_url"] or None,
                evidence=values["evidence"] or None,
                note=values["note"] or None,
            )
        )
    if errors:
        raise InputErrors(errors)
    if not observations:
        raise InputErrors([InputError(path, None, None, "no observations in the file")])
    return observations, list(new_actors.values())


def import_control_file(
    store: Store, path: Path, *, label: str | None = None, who: str = "sitroom"
) -> ImportResult:
    """Import a control-observation CSV whole, or refuse it whole; a repeat is unchanged.

    Its places are the stored ones (imported polygons, the sample), by name or P-code; the
    import is audited as `who`.

    `claims` in the result counts observations written. Raises InputErrors listing every
    problem (unknown place with the closest gazetteer names, bad status or date).
    """
    try:
        content = path.read_bytes()
        text = content.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputErrors([InputError(path, None, None, f"not readable: {err}")]) from err
    sha256 = hashlib.sha256(content).hexdigest()
    with store.session() as session:
        if find_import(session, sha256) is not None:
            return ImportResult(unchanged=1)
        gazetteer = Gazetteer(list_places(session))
        # the workspace's sides first: its own aliases win over the bundled ones
        parties = workspace_parties(actors_in_order(session))
        known = [*parties.sides, *(a for a in parties.actors if a not in parties.sides)]
        observations, new_actors = parse_observations(Path(label or path), text, gazetteer, known)
        # a bundled side is stored when a file first names it, not before
        named = {o.actor for o in observations}
        bundled = [a for a in parties.sides if a.id is None and a.name in named]
        upsert_actors(session, [*bundled, *new_actors])
        import_id = add_import(session, sha256, "control", label or str(path), len(observations))
        written = add_observations(session, observations, import_id)
        places = len({o.place for o in observations})
        record_change(
            session,
            who,
            "import_control",
            "import",
            import_id,
            None,
            f"{label or path}: {written} observations of {places} places",
        )
    notes = tuple(_new_party_note(a.name, known) for a in new_actors)
    return ImportResult(new=1, claims=written, notes=notes)


def _new_party_note(name: str, known: list[Actor]) -> str:
    """Say that a file's actor became a new party, with the known names it resembles: a
    typo ("Russain Armed Forces") must not pass as a new side unseen."""
    names = {n for actor in known for n in (actor.name, *actor.aliases)}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.6)
    hint = f" (close to: {', '.join(close)}; check the spelling)" if close else ""
    return f'"{name}" is a new party{hint}'


def bundled_control_file() -> Path:
    """The bundled sample of control observations (Aleppo, 15 Nov - 22 Dec 2016)."""
    return Path(str(resources.files("sitroom").joinpath("sample", "control", BUNDLED_FILE)))


def load_bundled_control(store: Store) -> ImportResult:
    """Import the bundled places (if not yet) and control observations, idempotently."""
    load_bundled_places(store)
    return import_control_file(
        store, bundled_control_file(), label=f"sitroom:sample/control/{BUNDLED_FILE}"
    )
