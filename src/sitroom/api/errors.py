"""Exception handlers: every failure answers with the one error body of `schemas.ErrorBody`,
or, to a browser on a dashboard page, with a page saying the same."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from sitroom.api.auth import Unauthorized
from sitroom.api.schemas import ErrorBody, ErrorDetail, ErrorInfo
from sitroom.domain import InputError, InputErrors, NotAllowed, NotFound, SitroomError
from sitroom.geo.render import BadRange
from sitroom.ingest.spans import BadSpan
from sitroom.report.html import templates
from sitroom.report.target import suggested_places
from sitroom.store.reviews import BadReview

# Documented in the OpenAPI of every route that can give them.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "A cursor we did not write, or a NUL (%00)."},
    401: {"model": ErrorBody, "description": "No token, or one nobody holds (any more)."},
    403: {"model": ErrorBody, "description": "The token's role does not allow this."},
    404: {"model": ErrorBody, "description": "No such source, claim or place."},
    409: {"model": ErrorBody, "description": "A precondition the request does not meet."},
    422: {"model": ErrorBody, "description": "A parameter we refuse, named in details."},
    500: {"model": ErrorBody, "description": "Our fault: the server's log has the details."},
}

# A dashboard page answers an error with the error body, or with an HTML page to a browser.
_BODY_OR_PAGE = {
    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}},
    "text/html": {"schema": {"type": "string"}},
}
PAGE_ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"description": str(about["description"]), "content": _BODY_OR_PAGE}
    for status, about in ERROR_RESPONSES.items()
}


class BadRequest(InputError):
    """A request we cannot read at all (a cursor we did not write), answered 400."""


def error_response(
    status: int, message: str, details: list[ErrorDetail] | None = None
) -> JSONResponse:
    """The JSON response of one error body."""
    body = ErrorBody(error=ErrorInfo(status=status, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status)


_TITLES = {
    400: "Bad request",
    500: "Internal error",
    404: "Not found",
    401: "Sign in",
    403: "Not allowed",
    409: "Cannot do that",
    422: "Not understood",
    405: "Not allowed",
}


def wants_page(request: Request) -> bool:
    """A browser on a dashboard page gets an HTML page; the API and scripts get JSON."""
    return not request.url.path.startswith(("/api", "/openapi")) and "text/html" in (
        request.headers.get("accept", "")
    )


def respond(
    request: Request,
    status: int,
    message: str,
    details: list[ErrorDetail] | None = None,
    *,
    suggest: bool = True,
) -> Response:
    """The error as the JSON error body, or as a dashboard page for a browser (same status,
    message and details, with the form to ask again; places suggested from the store
    unless `suggest` is false, as on a 500 where the store may be what failed)."""
    if not wants_page(request):
        return error_response(status, message, details)
    page = (
        templates()
        .get_template("error.html")
        .render(
            standalone=False,
            status=status,
            title=_TITLES.get(status, "Error"),
            message=message,
            details=details or [],
            place=request.query_params.get("place", ""),
            day=request.query_params.get("date", ""),
            places=_suggestions(request) if suggest else [],
        )
    )
    return HTMLResponse(page, status_code=status)


def _suggestions(request: Request) -> list[str]:
    store = getattr(request.app.state, "store", None)
    return suggested_places(store) if store is not None else []


def _input_detail(err: InputError) -> ErrorDetail:
    problem = str(err.args[0]) + (f" ({err.hint})" if err.hint else "")
    return ErrorDetail(field=err.field, problem=problem)


async def _on_sitroom_error(request: Request, err: Exception) -> Response:
    if isinstance(err, NotFound):
        return respond(request, 404, str(err))
    if isinstance(err, Unauthorized):
        response = respond(request, 401, str(err))
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    if isinstance(err, NotAllowed):
        return respond(request, 403, str(err))
    if isinstance(err, BadReview | BadSpan | BadRange):
        return respond(request, 422, str(err))
    if isinstance(err, BadRequest):
        return respond(request, 400, _input_detail(err).problem, [_input_detail(err)])
    if isinstance(err, InputError):
        return respond(request, 422, _input_detail(err).problem, [_input_detail(err)])
    if isinstance(err, InputErrors):
        details = [_input_detail(e) for e in err.errors]
        return respond(request, 422, f"{len(details)} problems", details)
    # any other expected failure is a precondition the request did not meet
    return respond(request, 409, str(err))


async def _on_validation_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, RequestValidationError)
    details = [
        # loc is ("query", "limit"): the first part says where, the last names the field
        ErrorDetail(field=".".join(str(p) for p in e["loc"][1:]) or None, problem=e["msg"])
        for e in err.errors()
    ]
    fields = ", ".join(d.field for d in details if d.field)
    return respond(
        request, 422, f"invalid request: {fields}" if fields else "invalid request", details
    )


async def _on_http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, HTTPException)
    message = str(err.detail) if err.detail else "error"
    response = respond(
        request,
        err.status_code,
        message.lower() if message[:1].isupper() and message[1:2].islower() else message,
    )
    if err.headers:
        response.headers.update(err.headers)
    return response


def add_error_handlers(app: FastAPI) -> None:
    """Route SitroomError, request validation and HTTP errors (404 of an unknown path,
    405) to the one error body."""
    app.add_exception_handler(SitroomError, _on_sitroom_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_error)
