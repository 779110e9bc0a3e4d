"""Exception handlers: every failure answers with the one error body of `schemas.ErrorBody`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from sitroom.api.schemas import ErrorBody, ErrorDetail, ErrorInfo
from sitroom.domain import InputError, InputErrors, NotFound, SitroomError

# Documented in the OpenAPI of every route that can give them.
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "No such source or claim."},
    422: {"model": ErrorBody, "description": "A parameter we refuse, named in details."},
}


def error_response(
    status: int, message: str, details: list[ErrorDetail] | None = None
) -> JSONResponse:
    """The JSON response of one error body."""
    body = ErrorBody(error=ErrorInfo(status=status, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status)


def _input_detail(err: InputError) -> ErrorDetail:
    problem = str(err.args[0]) + (f" ({err.hint})" if err.hint else "")
    return ErrorDetail(field=err.field, problem=problem)


async def _on_sitroom_error(_request: Request, err: Exception) -> JSONResponse:
    if isinstance(err, NotFound):
        return error_response(404, str(err))
    if isinstance(err, InputError):
        return error_response(422, _input_detail(err).problem, [_input_detail(err)])
    if isinstance(err, InputErrors):
        details = [_input_detail(e) for e in err.errors]
        return error_response(422, f"{len(details)} problems", details)
    # any other expected failure is a precondition the request did not meet
    return error_response(409, str(err))


async def _on_validation_error(_request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    details = [
        # loc is ("query", "limit"): the first part says where, the last names the field
        ErrorDetail(field=".".join(str(p) for p in e["loc"][1:]) or None, problem=e["msg"])
        for e in err.errors()
    ]
    fields = ", ".join(d.field for d in details if d.field)
    return error_response(
        422, f"invalid request: {fields}" if fields else "invalid request", details
    )


async def _on_http_error(_request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, HTTPException)
    message = str(err.detail) if err.detail else "error"
    response = error_response(
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
