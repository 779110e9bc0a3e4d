"""The workbench pages: sign in, browse and filter claims, review one, see its history.

Plain HTML forms, no script: they work with JavaScript off. A form that writes carries a
CSRF token derived from the signed-in user's token (`auth.csrf_token`) besides the cookie
being SameSite=Strict; a form without it, or from a user who may not write, changes
nothing.
"""

from __future__ import annotations

import csv
import hmac
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from sitroom.api.auth import (
    COOKIE,
    Unauthorized,
    csrf_token,
    may_read,
    signed_in,
    user_for_header,
)
from sitroom.api.deps import StoreDep
from sitroom.api.errors import PAGE_ERROR_RESPONSES, respond, wants_page
from sitroom.api.limits import Filter, Id
from sitroom.domain import Claim, NotAllowed, NotFound, ReviewAction, ReviewStatus, Role, User
from sitroom.report.claims_table import claim_record
from sitroom.report.html import templates
from sitroom.store.audit import list_audit
from sitroom.store.claims import (
    SORTS,
    ClaimFilter,
    claimants,
    count_claims,
    get_claim,
    list_claims,
    sorted_claims,
)
from sitroom.store.database import Store
from sitroom.store.limits import day_problem
from sitroom.store.reviews import BULK_MAX, EDITABLE, BadReview, review_claim, review_claims
from sitroom.store.tables import ClaimRow
from sitroom.vocabulary import SECTIONS, default_vocabulary, section_prefixes

MAX_FORM_BYTES = 64 * 1024
PAGE_SIZE = 50

open_router = APIRouter(
    tags=["pages"], responses=PAGE_ERROR_RESPONSES, default_response_class=HTMLResponse
)
router = APIRouter(
    tags=["pages"],
    responses=PAGE_ERROR_RESPONSES,
    default_response_class=HTMLResponse,
    dependencies=[Depends(may_read)],
)


def _page(name: str, status: int = 200, **values: object) -> HTMLResponse:
    html = templates().get_template(name).render(standalone=False, **values)
    return HTMLResponse(html, status_code=status)


def _safe_next(target: str | None, default: str) -> str:
    """A path on this server to go back to: never another site ("//evil", "https:")."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise BadReview(f"the form is more than {MAX_FORM_BYTES:,} bytes")
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {name: values[-1] for name, values in parsed.items()}


def _csrf(request: Request) -> str:
    token = request.cookies.get(COOKIE, "")
    return csrf_token(token) if token else ""


def _check_form(request: Request, form: dict[str, str]) -> None:
    """Refuse a form sent with the sign-in cookie that does not carry its CSRF token."""
    expected = _csrf(request)
    if expected and not hmac.compare_digest(form.get("csrf", ""), expected):
        raise NotAllowed("the form did not come from this server's page; open it again")


async def _writer(request: Request, form: dict[str, str]) -> User:
    """The signed-in editor a form comes from, with the form's CSRF token checked."""
    user = await signed_in(request)
    if user is None:
        raise Unauthorized("sign in with an editor's token to review (/signin)")
    if "authorization" not in request.headers:  # signed in by cookie: the form must be ours
        _check_form(request, form)
    if not user.role.allows(Role.EDITOR):
        raise NotAllowed(f'user "{user.name}" is a {user.role}; reviewing needs an editor')
    return user


@open_router.get("/signin", summary="The sign-in page")
async def signin_page(request: Request, next: Filter | None = None) -> HTMLResponse:
    """A form that takes a user's token and keeps it in a cookie for the dashboard."""
    user = await signed_in(request)
    return _page(
        "signin.html", user=user, next=_safe_next(next, "/claims"), csrf=_csrf(request), message=""
    )


@open_router.post("/signin", summary="Sign in with a token")
async def signin(request: Request) -> Response:
    """Check the token; keep it in an HttpOnly, SameSite=Strict cookie; go on to `next`."""
    form = await _form(request)
    token = form.get("token", "").strip()
    target = _safe_next(form.get("next"), "/claims")
    try:
        user = await run_in_threadpool(_user_of, request.app.state.store, token)
    except Unauthorized as err:
        if not wants_page(request):
            return respond(request, 401, str(err))
        return _page("signin.html", 401, user=None, next=target, csrf="", message=str(err))
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    assert user is not None
    return response


def _user_of(store: Store, token: str) -> User:
    if not token:
        raise Unauthorized("give your token")
    user = user_for_header(store, f"Bearer {token}")
    assert user is not None
    return user


@open_router.post("/signout", summary="Sign out")
async def signout(request: Request) -> Response:
    """Forget the sign-in cookie."""
    _check_form(request, await _form(request))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as err:
        raise BadReview(f'"{text}" is not a day (YYYY-MM-DD) for {name}') from err
    if (problem := day_problem(day)) is not None:
        raise BadReview(f"{name}: {problem}")
    return day


# The review filter's value for newer readings that differ from a reviewed claim.
DIFFERS = "differs"


def claims_filter(
    indicator: Filter | None = None,
    place: Filter | None = None,
    claimant: Filter | None = None,
    review: Annotated[str | None, Query(max_length=16, description="A review status.")] = None,
    source: Annotated[str | None, Query(max_length=12, description="Source id.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the quote.")] = None,
    start: Annotated[
        str | None, Query(alias="from", max_length=10, description="Published on or after.")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", max_length=10, description="Published on or before.")
    ] = None,
    party: Annotated[
        str | None, Query(max_length=3, description="yes: claimants who are parties; no: others.")
    ] = None,
    parts: Annotated[
        str | None, Query(max_length=1, description="1: also the places within `place`.")
    ] = None,
    section: Annotated[
        str | None,
        Query(max_length=32, description="A briefing section's key: its indicators only."),
    ] = None,
) -> ClaimFilter:
    """The filter of the claims page's form: an empty field is no filter."""
    differs = review == DIFFERS
    if differs:
        review = None
    if review and review not in {s.value for s in ReviewStatus}:
        raise BadReview(f'"{review}" is not a review status')
    if section:
        try:
            section_prefixes(section)
        except NotFound as err:
            raise BadReview(str(err)) from err
    return ClaimFilter(
        section=section or None,
        differs=differs,
        indicator=indicator or None,
        place=place or None,
        claimant=claimant or None,
        source_id=int(source) if source and source.isdigit() and len(source) < 10 else None,
        review=review or None,
        quote=q or None,
        on_or_after=_day(start, "from"),
        on_or_before=_day(end, "to"),
        # resolved against the store's gazetteer and actors by `resolved`
        places_inside=("",) if parts == "1" and place else (),
        claimant_in=() if party == "yes" else None,
        claimant_not_in=() if party == "no" else None,
    )


_INSIDE: dict[tuple[str, str, tuple[int, ...]], tuple[str, ...]] = {}


def _inside(store: Store, place: str) -> tuple[str, ...]:
    """The names and spellings (lower case) of the places within `place`, kept until the
    store's places or actors change: finding them walks the whole gazetteer (1.6 s)."""
    from sitroom.geo.stored import gazetteer_for
    from sitroom.store.revision import lookups_revision

    with store.session() as session:
        # the store's URL too: two stores (apps in one process) may share a revision
        key = (store.url, place.lower(), lookups_revision(session))
    if key not in _INSIDE:
        gazetteer = gazetteer_for(store)
        area = gazetteer.find(place)
        inside = gazetteer.inside(area) if area is not None else []
        names = {n.lower() for p in inside for n in (p.name, *p.aliases)}
        if len(_INSIDE) > 64:
            _INSIDE.clear()
        _INSIDE[key] = tuple(sorted(names))
    return _INSIDE[key]


def resolved(store: Store, where: ClaimFilter) -> ClaimFilter:
    """`where` with "with its parts" made the names of the places within `place` (the
    store's gazetteer), and "party or not" the claimants who are parties, as the
    briefing judges them (the bundled voices and the workspace's actors)."""
    if where.places_inside and where.place:
        where = replace(where, places_inside=_inside(store, where.place) or ("",))
    if where.claimant_in is None and where.claimant_not_in is None:
        return where
    from sitroom.analysis.voices import default_voices, with_stored
    from sitroom.store.actors import actors_in_order

    with store.session() as session:
        voices = with_stored(default_voices(), actors_in_order(session))
        parties = tuple(name for name in claimants(session) if voices.is_party(name))
    if where.claimant_in is not None:
        return replace(where, claimant_in=parties)
    return replace(where, claimant_not_in=parties)


FilterDep = Annotated[ClaimFilter, Depends(claims_filter)]


@router.get("/claims.csv", summary="The filtered claims as CSV", response_class=Response)
def claims_csv(store: StoreDep, where: FilterDep) -> StreamingResponse:
    """Every claim the claims page's filter matches, a row each with its provenance (claim
    and source ids, quote and its span), read a thousand at a time."""

    def rows() -> Iterator[str]:
        chosen = resolved(store, where)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        after = 0
        while True:
            with store.reading() as connection:
                batch = list_claims(connection, chosen, after_id=after, limit=1000)
            for claim in batch:
                record = claim_record(claim)
                writer.writerow(
                    ["; ".join(claim.edited) if n == "edited" else record[n] for n in CSV_COLUMNS]
                )
            yield out.getvalue()
            out.seek(0)
            out.truncate()
            if len(batch) < 1000:
                return
            after = batch[-1].id or 0

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claims.csv"'},
    )


CSV_COLUMNS = (
    "id", "source_id", "indicator", "value", "low", "high", "qualifier", "unit", "group",
    "place", "origin", "destination", "window", "window_start", "window_end", "claimant",
    "quote", "start", "end", "review", "reviewed_by", "edited", "extracted_by",
)  # fmt: skip


@router.get("/claims", summary="Browse and filter claims")
async def claims_page(
    request: Request,
    store: StoreDep,
    where: FilterDep,
    after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    sort: Annotated[str, Query(max_length=12, description="A column; -column descends.")] = "id",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> HTMLResponse:
    """The claims, filtered, PAGE_SIZE a page, by id or sorted by a column; editors review
    them here."""
    user = await signed_in(request)
    column, descending = sort.removeprefix("-"), sort.startswith("-")
    if column not in SORTS:
        raise BadReview(f'"{sort}" is not a column to sort by (one of {", ".join(SORTS)})')
    by_id = column == "id" and not descending

    def read() -> tuple[list[Claim], int]:
        nonlocal where
        where = resolved(store, where)
        with store.reading() as connection:
            if by_id:  # keyset pages: stable while claims are added
                found = list_claims(connection, where, after_id=after, limit=PAGE_SIZE + 1)
            else:
                found = sorted_claims(
                    connection,
                    where,
                    column,
                    descending=descending,
                    offset=offset,
                    limit=PAGE_SIZE + 1,
                )
        with store.session() as session:
            return found, count_claims(session, where)

    found, total = await run_in_threadpool(read)
    page = found[:PAGE_SIZE]
    query = {k: v for k, v in request.query_params.items() if k not in ("after", "offset") and v}
    following = None
    if len(found) > PAGE_SIZE and page[-1].id is not None:
        step = {"after": page[-1].id} if by_id else {"offset": offset + PAGE_SIZE}
        following = "/claims?" + urlencode({**query, **step})
    plain = {k: v for k, v in query.items() if k != "sort"}
    sort_links = {
        name: "/claims?"
        + urlencode({**plain, "sort": f"-{name}" if name == column and not descending else name})
        for name in SORTS
    }
    here = str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
    return _page(
        "claims.html",
        claims=page,
        total=total,
        where=where,
        statuses=[s.value for s in ReviewStatus],
        indicators=default_vocabulary().keys(),
        sections=[(key, title) for key, title, _ in SECTIONS],
        user=user,
        editor=user is not None and user.role.allows(Role.EDITOR),
        csrf=_csrf(request),
        here=here,
        following=following,
        bulk=0 < total <= BULK_MAX,
        csv_url="/claims.csv" + (f"?{urlencode(plain)}" if plain else ""),
        sort_links=sort_links,
        sorted_by=(column, descending),
    )


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def _fields(store: Store, claim: Claim) -> list[tuple[str, str, str]]:
    """(field, value as it reads now, the extracted value) for every editable field."""
    with store.session() as session:
        row = session.get(ClaimRow, claim.id)
        assert row is not None
        return [
            (name, _shown(getattr(claim, name)), _shown(getattr(row, column)))
            for name, column in EDITABLE.items()
        ]


async def _claim_page(
    request: Request, store: Store, claim_id: int, message: str = "", status: int = 200
) -> HTMLResponse:
    user = await signed_in(request)

    def read() -> tuple[Claim, list[tuple[str, str, str]], list[object]]:
        with store.session() as session:
            claim = get_claim(session, claim_id)
            history: list[object] = list(list_audit(session, "claim", claim_id))
        return claim, _fields(store, claim), history

    claim, fields, history = await run_in_threadpool(read)
    return _page(
        "claim.html",
        status,
        claim=claim,
        fields=fields,
        history=history,
        user=user,
        editor=user is not None and user.role.allows(Role.EDITOR),
        csrf=_csrf(request),
        message=message,
    )


@router.get("/claims/{claim_id}", summary="One claim: its fields and history")
async def claim_page(
    request: Request, claim_id: Annotated[Id, Path(description="Claim id.")], store: StoreDep
) -> HTMLResponse:
    """A claim's fields (as reviewed, beside the extracted ones), its history, and for an
    editor the form that edits it."""
    return await _claim_page(request, store, claim_id)


@router.post("/claims/review", summary="Confirm or reject every claim of a filter")
async def bulk_review_form(request: Request, store: StoreDep) -> Response:
    """Confirm or reject every claim the page's filter matched, if they are still as many
    as the count the page showed; back to the page."""
    form = await _form(request)
    user = await _writer(request, form)
    back = _safe_next(form.get("next"), "/claims")
    try:
        action = ReviewAction(form.get("action", ""))
        expected = int(form.get("expected", ""))
    except ValueError:
        return respond(request, 422, "choose confirm or reject, for the count shown")
    where = claims_filter(
        indicator=form.get("indicator") or None,
        place=form.get("place") or None,
        claimant=form.get("claimant") or None,
        review=form.get("review") or None,
        source=form.get("source") or None,
        q=form.get("q") or None,
        start=form.get("from") or None,
        end=form.get("to") or None,
        party=form.get("party") or None,
        parts=form.get("parts") or None,
        section=form.get("section") or None,
    )
    where = resolved(store, where)

    def write() -> int:
        with store.write_session() as session:
            return review_claims(
                session, where, action, user, expected=expected, note=form.get("note")
            )

    try:
        await run_in_threadpool(write)
    except BadReview as err:
        return respond(request, 422, str(err))
    return RedirectResponse(back, status_code=303)


@router.post("/claims/{claim_id}/review", summary="Review a claim from the dashboard")
async def review_form(
    request: Request, claim_id: Annotated[Id, Path(description="Claim id.")], store: StoreDep
) -> Response:
    """Confirm, reject or edit a claim from a dashboard form; back to the page it came from."""
    form = await _form(request)
    user = await _writer(request, form)

    async def refused(message: str) -> Response:
        # a script gets the error body; a browser the claim's page saying why
        if not wants_page(request):
            return respond(request, 422, message)
        return await _claim_page(request, store, claim_id, message, 422)

    try:
        action = ReviewAction(form.get("action", ""))
    except ValueError:
        return await refused("choose confirm, reject or edit")

    def write() -> Claim:
        changes: dict[str, object] = {}
        if action is ReviewAction.EDIT:
            with store.session() as session:
                current = get_claim(session, claim_id)
            changes = {
                name: form[name]
                for name in EDITABLE
                if name in form and form[name].strip() != _shown(getattr(current, name))
            }
        with store.write_session() as session:
            return review_claim(
                session, claim_id, action, user, changes=changes, note=form.get("note")
            )

    try:
        await run_in_threadpool(write)
    except BadReview as err:
        return await refused(str(err))
    return RedirectResponse(_safe_next(form.get("next"), f"/claims/{claim_id}"), status_code=303)
