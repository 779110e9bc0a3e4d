"""Importing text reports: read, check metadata, store the source, extract its claims."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitroom.domain import ImportResult, InputError, InputErrors, Source, SourceKind
from sitroom.extract.pipeline import extract_claims
from sitroom.geo.actors import Parties
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for, parties_for
from sitroom.progress import Progress, null_progress
from sitroom.store.claims import add_claims
from sitroom.store.database import Store
from sitroom.store.sources import add_source, find_source_by_sha256
from sitroom.vocabulary import Vocabulary

SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Metadata:
    """What the command line says of a report, overriding its sibling `.meta.json`."""

    title: str | None = None
    published_at: date | None = None
    publisher: str | None = None


NO_METADATA = Metadata()  # nothing given on the command line: the .meta.json decides


def meta_path(path: Path) -> Path:
    """The sibling metadata file of a report: `x.txt` -> `x.meta.json`."""
    return path.with_name(path.stem + ".meta.json")


def read_report(path: Path, given: Metadata = NO_METADATA) -> Source:
    """The report at `path` as a Source, its metadata from flags or `x.meta.json`.

    Raises InputError naming the file and field for an unreadable file, metadata that is
    not JSON, an unknown kind or a missing or malformed publication date.
    """
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            path,
            None,
            None,
            f'"{path.suffix}" is not a report type sitroom reads',
            hint="give a .txt file",
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(path, None, None, f"cannot be read: {err.strerror}") from err
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            path, None, None, f"is not UTF-8 text (byte {err.start})", hint="convert it to UTF-8"
        ) from err
    meta = _read_meta(path)
    from_meta = _published_at(meta, meta_path(path))  # checked even when a flag overrides it
    published = given.published_at or from_meta
    if published is None:
        raise InputError(
            meta_path(path) if meta else path,
            None,
            "published_at",
            "no publication date",
            hint="add it to the .meta.json or pass --published-at YYYY-MM-DD",
        )
    kind_name = str(meta.get("kind") or "news")
    try:
        kind = SourceKind(kind_name)
    except ValueError as err:
        raise InputError(
            meta_path(path),
            None,
            "kind",
            f'"{kind_name}" is not a source kind',
            hint="one of " + ", ".join(k.value for k in SourceKind),
        ) from err
    title = given.title or _text_field(meta, "title", path) or _first_line(text) or path.stem
    return Source(
        title=title,
        published_at=published,
        sha256=hashlib.sha256(raw).hexdigest(),
        kind=kind,
        publisher=given.publisher or _text_field(meta, "publisher", path),
        url=_text_field(meta, "url", path),
        language=_text_field(meta, "language", path) or "en",
        text=text,
        filename=path.name,
    )


def _read_meta(path: Path) -> dict[str, object]:
    meta_file = meta_path(path)
    if not meta_file.exists():
        return {}
    try:
        loaded = json.loads(meta_file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(meta_file, None, None, "is not UTF-8 text") from err
    except json.JSONDecodeError as err:
        raise InputError(meta_file, err.lineno, None, f"is not valid JSON: {err.msg}") from err
    if not isinstance(loaded, dict):
        raise InputError(meta_file, None, None, "must hold one JSON object")
    return loaded


def _published_at(meta: dict[str, object], meta_file: Path) -> date | None:
    value = meta.get("published_at")
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise InputError(
            meta_file, None, "published_at", f'"{value}" is not a date', hint="use YYYY-MM-DD"
        ) from err


def _text_field(meta: dict[str, object], name: str, path: Path) -> str | None:
    value = meta.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(meta_path(path), None, name, f"{value!r} is not a text")
    return value.strip() or None


TITLE_MAX_CHARS = 120  # a headline; a first paragraph taken as title is cut at a word


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= TITLE_MAX_CHARS:
            return line
        cut = line.rfind(" ", 0, TITLE_MAX_CHARS)
        return line[: cut if cut > 0 else TITLE_MAX_CHARS].rstrip(" ,;:") + "…"
    return None


def import_reports(
    store: Store,
    paths: list[Path],
    *,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    given: Metadata = NO_METADATA,
    progress: Progress = null_progress,
    parties: Parties | None = None,
) -> ImportResult:
    """Import reports and extract their claims; one transaction per file, idempotent by sha256.

    Every file is read and checked before anything is written: if any is refused, all
    problems are raised together (InputErrors) and the database is untouched. Places are
    found with `gazetteer`, by default the store's own (`gazetteer_for`: stored places,
    bundled ones, the world's); territory claims name the sides of `parties`, by default
    the store's (`parties_for`: bundled actors overridden and extended by the stored ones).
    """
    sources: list[Source] = []
    problems: list[InputError] = []
    for path in paths:
        try:
            sources.append(read_report(path, given))
        except InputError as err:
            problems.append(err)
    if problems:
        raise InputErrors(problems)
    new = unchanged = claims = 0
    ids: list[int] = []
    if sources and gazetteer is None:
        gazetteer = gazetteer_for(store)
    if sources and parties is None:
        parties = parties_for(store)
    bar = progress(len(sources), "importing")
    try:
        for source in sources:
            bar.advance(source.filename or source.title)
            with store.session() as session:
                if (found := find_source_by_sha256(session, source.sha256)) is not None:
                    unchanged += 1
                    ids.append(found)
                    continue
                source_id, _ = add_source(session, source)
                extracted = extract_claims(
                    source.text or "", source.published_at, gazetteer, vocabulary, parties
                )
                claims += add_claims(session, source_id, extracted)
                new += 1
                ids.append(source_id)
    finally:
        bar.close()
    return ImportResult(new=new, unchanged=unchanged, claims=claims, source_ids=tuple(ids))
