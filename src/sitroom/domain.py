"""The model of a crisis picture: sources, actors, places, claims, control, events, audit.

Frozen dataclasses and enums only (Claim, made by the ten thousand, is a `record`: frozen
to mypy, a plain dataclass at run time): no I/O, no SQLAlchemy, no FastAPI. Every layer
above exchanges these objects; ORM rows never leave `store/`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sitroom.records import record


class SitroomError(Exception):
    """Base of every expected failure; anything else is a bug."""


class InputError(SitroomError):
    """A file or value we refuse, with the place where it goes wrong."""

    def __init__(
        self,
        path: object,
        line: int | None,
        field: str | None,
        problem: str,
        hint: str = "",
    ) -> None:
        super().__init__(problem)
        self.path, self.line, self.field, self.hint = path, line, field, hint

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        what = f'field "{self.field}": ' if self.field else ""
        return f"{where}: {what}{self.args[0]}" + (f" ({self.hint})" if self.hint else "")


class InputErrors(SitroomError):
    """Every problem found in one file, sorted by line; the file was refused whole."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line or 0))
        super().__init__("; ".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class NotFound(SitroomError):
    """A source, place or claim asked for by id or name that does not exist."""


class SourceKind(StrEnum):
    BRIEFING = "briefing"
    NEWS = "news"
    NGO_REPORT = "ngo_report"
    UN_REPORT = "un_report"
    DATASET = "dataset"
    FIELD_FORM = "field_form"
    MANUAL = "manual"


class ActorKind(StrEnum):
    PARTY = "party"
    ORGANISATION = "organisation"
    PERSON = "person"
    ARMED_GROUP = "armed_group"
    GOVERNMENT = "government"
    UN_AGENCY = "un_agency"
    NGO = "ngo"
    MONITOR = "monitor"
    MEDIA = "media"
    UNKNOWN = "unknown"


class PlaceKind(StrEnum):
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    ADMIN3 = "admin3"
    CITY = "city"
    NEIGHBOURHOOD = "neighbourhood"
    SETTLEMENT = "settlement"
    SITE = "site"
    AREA = "area"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    APPROX = "approx"
    RANGE = "range"
    VAGUE = "vague"


class ReviewStatus(StrEnum):
    EXTRACTED = "extracted"
    CONFIRMED = "confirmed"
    EDITED = "edited"
    REJECTED = "rejected"


class ReviewAction(StrEnum):
    """What a reviewer does to a claim."""

    CONFIRM = "confirm"
    REJECT = "reject"
    EDIT = "edit"


class Role(StrEnum):
    """What a user may do: read; also review and add claims; also manage users and settings."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        order = (Role.VIEWER, Role.EDITOR, Role.ADMIN)
        return order.index(self) >= order.index(needed)


class ControlStatus(StrEnum):
    HELD = "held"
    CONTESTED = "contested"


class FlowOrStock(StrEnum):
    FLOW = "flow"
    STOCK = "stock"


@dataclass(frozen=True, slots=True)
class Source:
    """A document or dataset that claims are taken from."""

    title: str
    published_at: date
    sha256: str
    kind: SourceKind = SourceKind.NEWS
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    text: str | None = None
    filename: str | None = None
    ingested_by: str = "sitroom"
    # The source's reliability on the Admiralty scale (A-F); F means "cannot be judged".
    reliability: str = "F"
    id: int | None = None
    # What the text was read from: a text file, a web page (text/html), a PDF; for a
    # paged document the offset in `text` where each page starts, page 1 first.
    media_type: str = "text/plain"
    pages: tuple[int, ...] = ()
    # The file's bytes when the text was taken from a page or PDF (kept beside the text);
    # None for a text file, whose text is the file, and for a source read back.
    original: bytes | None = field(default=None, repr=False, compare=False)

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) holding the character at `offset`; None if not paged."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))


@dataclass(frozen=True, slots=True)
class Actor:
    """A party, organisation or person who claims or controls things."""

    name: str
    kind: ActorKind = ActorKind.UNKNOWN
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    is_party: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry; `area_km2` is computed on an equal-area projection, never in degrees."""

    name: str
    kind: PlaceKind
    aliases: tuple[str, ...] = ()
    name_ar: str | None = None
    parent: str | None = None
    pcode: str | None = None
    geometry: dict[str, object] | None = None  # GeoJSON geometry object, WGS84
    area_km2: float | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters `text[start:end]` of a source."""

    start: int
    end: int


@record(frozen=True, slots=True)
class Claim:
    """The atomic fact: one figure, as one source states it once, with all its context.

    `local_id` and `part_of` number the claims of one extraction (the JSONL `id` and
    `part_of`); in the store a part points at its whole through `part_of` as well,
    resolved within the same source.
    """

    indicator: str
    value: float
    quote: str
    start: int
    end: int
    sentence: str
    qualifier: Qualifier = Qualifier.EXACT
    unit: str = "people"
    low: float | None = None
    high: float | None = None
    group: str | None = None
    place: str | None = None
    origin: str | None = None
    destination: str | None = None
    subject: str | None = None
    window: str | None = None
    window_start: date | None = None
    window_end: date | None = None
    claimant: str | None = None
    local_id: int = 0
    part_of: int | None = None
    extracted_by: str = ""
    review: ReviewStatus = ReviewStatus.EXTRACTED
    credibility: int = 6  # Admiralty 1-6; 6 means "cannot be judged"
    source_id: int | None = None
    id: int | None = None
    # The last review: who and when; `edited` names the fields whose values above are a
    # reviewer's (the extracted ones are kept in the store and in the audit trail).
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    edited: tuple[str, ...] = ()
    # A newer extraction's reading of the words of a reviewed claim (its id) that differs
    # from it: stored beside it by `sitroom reextract`, counted only once reviewed.
    differs_from: int | None = None


@dataclass(frozen=True, slots=True)
class ControlObservation:
    """A claim about who holds a place on a day."""

    place: str
    actor: str
    status: ControlStatus
    observed_on: date
    claimant: str
    source_title: str
    source_url: str | None = None
    evidence: str | None = None
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An event as ACLED codes it: one row of an ACLED export. Counted beside claims in a
    briefing, never added to them."""

    event_id_cnty: str
    event_date: date
    event_type: str
    fatalities: int
    timestamp: int  # ACLED's Unix time of the row's last revision
    disorder_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    source: str | None = None
    notes: str | None = None
    file: str | None = None
    line: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Who changed what, when, before and after."""

    who: str
    what: str
    entity: str
    entity_id: int | None
    before: str | None
    after: str | None
    at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class User:
    """Someone who signs in with a token; the token itself is never stored."""

    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None = None
    id: int | None = None


class NotAllowed(SitroomError):
    """A user (or nobody) asked for what their role does not allow."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: files new and unchanged, claims written."""

    new: int = 0
    unchanged: int = 0
    claims: int = 0
    source_ids: tuple[int, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what a user should know, such as a party it created


@dataclass(frozen=True, slots=True)
class Workspace:
    """A database's crisis: its name, its area (a gazetteer place) and its parties.

    Set by `sitroom init` and `sitroom settings set`; a database without them has these
    defaults, and every command then behaves as before workspaces existed (a briefing
    without --place is of Aleppo, the bundled sample's city).
    """

    name: str | None = None
    place: str | None = None
    parties: tuple[str, ...] = ()

    @property
    def initialised(self) -> bool:
        """Whether `sitroom init` (or a `settings set`) stored anything."""
        return self != Workspace()
