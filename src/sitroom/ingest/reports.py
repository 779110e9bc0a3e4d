"""Importing reports (text, web pages, PDFs): read, check metadata, store the source
with its original file, extract its claims."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sitroom.domain import Claim, ImportResult, InputError, InputErrors, Source, SourceKind
from sitroom.extract.parallel import default_jobs, extract_many
from sitroom.geo.actors import Parties
from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.stored import gazetteer_for, parties_for
from sitroom.ingest.datasets import read_dataset
from sitroom.ingest.documents import (
    DATASETS,
    MEDIA_TYPES,
    TEXT,
    read_document,
    require_readable,
)
from sitroom.progress import Progress, null_progress
from sitroom.store.claims import add_claims_of_sources, claim_problems
from sitroom.store.database import Store, refresh_statistics
from sitroom.store.limits import day_problem
from sitroom.store.sources import (
    insert_originals,
    insert_sources,
    lock_hashes,
    source_problems,
    sources_by_sha256,
)
from sitroom.vocabulary import Vocabulary, default_vocabulary

SUFFIXES = tuple(MEDIA_TYPES)  # what `import` reads: text, web pages, PDFs


@dataclass(frozen=True)
class Metadata:
    """What the command line says of a report, overriding its sibling `.meta.json`."""

    title: str | None = None
    published_at: date | None = None
    publisher: str | None = None


NO_METADATA = Metadata()  # nothing given on the command line: the .meta.json decides


def report_paths(paths: list[Path]) -> list[Path]:
    """The report files `paths` name: a file as it is, a folder as the files in it that
    sitroom reads (.txt, .html, .htm, .pdf, .csv, .xlsx; not its subfolders), in name order.

    Raises InputError for a folder holding none."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.is_dir()
        )
        if not inside:
            raise InputError(
                path, None, None, "holds no report", hint="reports are .txt, .html or .pdf files"
            )
        found.extend(inside)
    return found


def meta_path(path: Path) -> Path:
    """The sibling metadata file of a report: `x.txt` -> `x.meta.json`."""
    return path.with_name(path.stem + ".meta.json")


MAX_BYTES = 50_000_000  # `--max-size`: a report longer than this is refused, not read
META_MAX_BYTES = 1_000_000

# The fields a .meta.json may hold; anything else is refused as a likely typo. "notes" and
# "claimant_main" are for the people who keep the files (the sample's say who speaks).
META_FIELDS = ("title", "published_at", "publisher", "url", "language", "kind")
META_NOTES = ("notes", "claimant_main")


def read_report(path: Path, given: Metadata = NO_METADATA, *, max_bytes: int = MAX_BYTES) -> Source:
    """The report at `path` (text, web page or PDF) as a Source, its metadata from the
    flags, else `x.meta.json`, else what the page or PDF says of itself.

    Raises InputError naming the file and field for a file that is not a regular file or
    is larger than `max_bytes`, holds no text, metadata that is not JSON or has a field of
    the wrong type or an unknown one, an unknown kind, a missing or malformed publication
    date, or a value the database cannot hold (store/limits.py).
    """
    require_readable(path)  # refused before a byte is read
    raw = read_regular_file(path, max_bytes)
    document = read_document(path, raw)
    text = document.text
    meta = _read_meta(path)
    meta_file = meta_path(path)
    from_meta = _published_at(meta, meta_file)  # checked even when a flag overrides it
    published = given.published_at or from_meta or document.published_at
    if published is None:
        raise InputError(
            meta_file if meta else path,
            None,
            "published_at",
            "no publication date",
            hint="add it to the .meta.json or pass --published-at YYYY-MM-DD",
        )
    if (problem := day_problem(published)) is not None:
        where = meta_file if given.published_at is None else path
        raise InputError(where, None, "published_at", problem)
    kind_name = _text_field(meta, "kind", path) or (
        "dataset" if document.media_type in DATASETS else "news"
    )
    try:
        kind = SourceKind(kind_name)
    except ValueError as err:
        raise InputError(
            meta_file,
            None,
            "kind",
            f'"{kind_name}" is not a source kind',
            hint="one of " + ", ".join(k.value for k in SourceKind),
        ) from err
    for note in META_NOTES:
        _text_field(meta, note, path)
    # the flags, then the .meta.json, then what the page or PDF says of itself
    title = (
        given.title
        or _text_field(meta, "title", path)
        or document.title
        or _first_line(text)
        or path.stem
    )
    source = Source(
        title=title,
        published_at=published,
        sha256=hashlib.sha256(raw).hexdigest(),
        kind=kind,
        publisher=given.publisher or _text_field(meta, "publisher", path) or document.publisher,
        url=_text_field(meta, "url", path) or document.url,
        language=_text_field(meta, "language", path) or document.language or "en",
        text=text,
        filename=path.name,
        media_type=document.media_type,
        pages=document.pages,
        original=None if document.media_type == TEXT else raw,
    )
    for column, problem in source_problems(source):
        where = meta_file if column in meta else path
        raise InputError(where, None, column, problem)
    return source


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, refused unless it is a regular file of at most `max_bytes`.

    A FIFO is opened without blocking and a link to a device is seen for what it is, so
    neither hangs nor reads without end.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise InputError(path, None, None, f"cannot be read: {err.strerror}") from err
    with os.fdopen(handle, "rb") as opened:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                path, None, None, "is not a regular file", hint="give a file, not a device or pipe"
            )
        if status.st_size > max_bytes:
            raise InputError(
                path,
                None,
                None,
                f"is {status.st_size:,} bytes, more than {max_bytes:,}",
                hint="raise --max-size to read it",
            )
        try:
            raw = opened.read(max_bytes + 1)
        except OSError as err:
            raise InputError(path, None, None, f"cannot be read: {err.strerror}") from err
    if len(raw) > max_bytes:  # grew while we read it
        raise InputError(path, None, None, f"is more than {max_bytes:,} bytes")
    return raw


def _read_meta(path: Path) -> dict[str, object]:
    meta_file = meta_path(path)
    if not meta_file.exists() and not meta_file.is_symlink():
        return {}
    try:
        loaded = json.loads(read_regular_file(meta_file, META_MAX_BYTES).decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(meta_file, None, None, "is not UTF-8 text") from err
    except json.JSONDecodeError as err:
        raise InputError(meta_file, err.lineno, None, f"is not valid JSON: {err.msg}") from err
    if not isinstance(loaded, dict):
        raise InputError(meta_file, None, None, "must hold one JSON object")
    known = (*META_FIELDS, *META_NOTES)
    for name in loaded:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = (f'did you mean "{close[0]}"? ' if close else "") + "known: " + ", ".join(known)
            raise InputError(meta_file, None, name, "is not a metadata field", hint=hint)
    return loaded


def _published_at(meta: dict[str, object], meta_file: Path) -> date | None:
    value = meta.get("published_at")
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(
            meta_file, None, "published_at", f"{value!r} is not a date", hint='use "YYYY-MM-DD"'
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:  # a full timestamp ("2016-12-09T10:00:00Z") gives its day
        return datetime.fromisoformat(value).date()
    except ValueError as err:
        raise InputError(
            meta_file, None, "published_at", f'"{value}" is not a date', hint="use YYYY-MM-DD"
        ) from err


def _text_field(meta: dict[str, object], name: str, path: Path) -> str | None:
    value = meta.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(meta_path(path), None, name, f"{json.dumps(value)} is not a text")
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


# what makes two files with the same bytes the same source; a difference is a conflict
_COMPARED = ("title", "published_at", "kind", "publisher", "url", "language")


@dataclass(frozen=True)
class ExtractedReports:
    """Reports read, checked and extracted, not yet stored (`store_reports` writes them)."""

    sources: dict[str, Source]  # every file's source by sha256, in the order given
    stored: dict[str, Source]  # those the store held when we looked, by sha256
    extracted: list[tuple[Source, list[Claim]]]  # the others, with their claims
    notes: tuple[str, ...] = ()  # what the user should know: unknown hashtags of datasets


def import_reports(
    store: Store,
    paths: list[Path],
    *,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    given: Metadata = NO_METADATA,
    progress: Progress = null_progress,
    parties: Parties | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int | None = None,
) -> ImportResult:
    """Import reports and extract their claims in one transaction, idempotent by sha256.

    Every file is read, checked and extracted before anything is written: if any is
    refused (a bad file, a value the database cannot hold, the same bytes as a stored or
    another given file but different metadata), all problems are raised together
    (InputErrors) and the database is untouched. The write transaction holds no
    extraction. Of imports of the same file racing each other the database picks one;
    the others count it unchanged. Places are found with `gazetteer`, by default the
    store's own (`gazetteer_for`: stored places, bundled ones, the world's); territory
    claims name the sides of `parties`, by default the store's (`parties_for`: bundled
    actors overridden and extended by the stored ones). Reports are extracted by `jobs`
    processes (default: one per core when there is enough text to gain from it).
    """
    found = extract_reports(
        store,
        paths,
        gazetteer=gazetteer,
        vocabulary=vocabulary,
        given=given,
        progress=progress,
        parties=parties,
        max_bytes=max_bytes,
        jobs=jobs,
    )
    return store_reports(store, found)


def extract_reports(
    store: Store,
    paths: list[Path],
    *,
    gazetteer: Gazetteer | None = None,
    vocabulary: Vocabulary | None = None,
    given: Metadata = NO_METADATA,
    progress: Progress = null_progress,
    parties: Parties | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int | None = None,
) -> ExtractedReports:
    """The first half of `import_reports`: read, check and extract, writing nothing.

    Raises InputErrors with every problem found.
    """
    sources: dict[str, Source] = {}
    where: dict[str, Path] = {}  # each source's file, by sha256
    problems: list[InputError] = []
    for path in paths:
        try:
            source = read_report(path, given, max_bytes=max_bytes)
        except InputError as err:
            problems.append(err)
            continue
        if (twin := sources.get(source.sha256)) is not None:
            problems.extend(_conflict(path, source, twin, f'"{twin.filename}"'))
        else:
            sources[source.sha256], where[source.sha256] = source, path
    if problems:
        raise InputErrors(problems)
    with store.session() as session:
        stored = sources_by_sha256(session, set(sources))
    for sha256, twin in stored.items():
        problems.extend(_conflict(where[sha256], sources[sha256], twin, f"source {twin.id}"))
    if problems:
        raise InputErrors(problems)
    fresh = [source for sha256, source in sources.items() if sha256 not in stored]
    if fresh and gazetteer is None:
        gazetteer = gazetteer_for(store)
    if fresh and parties is None:
        parties = parties_for(store)
    # a dataset's claims are its cells; a report's are extracted from its text
    datasets = [source for source in fresh if source.media_type in DATASETS]
    reports = [source for source in fresh if source.media_type not in DATASETS]
    read: dict[str, list[Claim]] = {}
    notes: list[str] = []
    for source in datasets:
        path = where[source.sha256]
        try:
            found = read_dataset(
                path,
                source.original or b"",
                source.published_at,
                source.publisher,
                vocabulary or default_vocabulary(),
                gazetteer,
            )
        except InputErrors as err:
            problems.extend(err.errors)
            continue
        except InputError as err:
            problems.append(err)
            continue
        read[source.sha256] = found.claims
        if found.unknown:
            notes.append(
                f"{path.name}: no indicator knows the hashtags {', '.join(found.unknown)}; "
                "their columns were not read (add them to an indicator's hxl_also)"
            )
    if problems:
        raise InputErrors(problems)
    if jobs is None:
        jobs = default_jobs(sum(len(source.text or "") for source in reports), len(reports))
    extracted: list[tuple[Source, list[Claim]]] = []
    bar = progress(len(fresh), "extracting")
    try:
        texts = ((source.text or "", source.published_at) for source in reports)
        claims_of = iter(extract_many(texts, gazetteer, vocabulary, parties, jobs=jobs))
        for source in fresh:
            claims = read[source.sha256] if source.sha256 in read else next(claims_of)
            bar.advance(source.filename or source.title)
            problems.extend(_claim_problems(where[source.sha256], source, claims))
            extracted.append((source, claims))
    finally:
        bar.close()
    if problems:
        raise InputErrors(problems)
    return ExtractedReports(sources, stored, extracted, tuple(notes))


def store_reports(store: Store, reports: ExtractedReports) -> ImportResult:
    """The second half of `import_reports`: one write transaction of a few bulk statements
    (the sources, then every claim), whatever the number of files."""
    sources, stored, extracted = reports.sources, reports.stored, reports.extracted
    ids = {sha256: source.id for sha256, source in stored.items() if source.id is not None}
    with store.write_session() as session:
        lock_hashes(session, {source.sha256 for source, _ in extracted})
        # in the order given: ids follow the files
        created = insert_sources(session, [source for source, _ in extracted])
        insert_originals(session, [source for source, _ in extracted], created)
        raced = {source.sha256 for source, _ in extracted} - created.keys()
        # another import stored these since we looked: theirs are the ids
        for sha256, twin in sources_by_sha256(session, raced).items():
            ids[sha256] = twin.id or 0
        ids.update(created)
        claims = add_claims_of_sources(
            session,
            [
                (created[source.sha256], found)
                for source, found in extracted
                if source.sha256 in created
            ],
        )
        if claims:
            refresh_statistics(session)  # the planner's view of the tables, once an import
        new = len(created)
    return ImportResult(
        new=new,
        unchanged=len(sources) - new,
        claims=claims,
        source_ids=tuple(ids[sha256] for sha256 in sources),
        notes=reports.notes,
    )


def _conflict(path: Path, source: Source, twin: Source, twin_name: str) -> list[InputError]:
    """A conflict for each metadata field where `source` differs from `twin`, its bytes' twin."""
    return [
        InputError(
            path,
            None,
            name,
            f'"{getattr(source, name)}" conflicts with "{getattr(twin, name)}" of {twin_name}, '
            "which has the same bytes",
            hint="give the same metadata, or import only one of them",
        )
        for name in _COMPARED
        if getattr(source, name) != getattr(twin, name)
    ]


def _claim_problems(path: Path, source: Source, claims: list[Claim]) -> list[InputError]:
    text = source.text or ""
    return [
        InputError(
            path, text.count("\n", 0, claim.start) + 1, column, f"claim {claim.local_id}: {problem}"
        )
        for claim in claims
        for column, problem in claim_problems(claim)
    ]
