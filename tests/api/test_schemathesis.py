"""schemathesis against the app's own OpenAPI schema, in-process (ASGI, no network): on a
SQLite store holding the sample every operation, on PostgreSQL the data routes (where the
databases differ: integer range, NUL, LIKE). No 500, every error in the one error body with
the security headers, every response valid against its schema. Bounded and derandomized:
the same requests every run, about 25 s."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sitroom.api import create_app

EXAMPLES_PER_OPERATION = 15
RUN = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _header(response: Any, name: str) -> str | None:
    value = response.headers.get(name)
    return value[0] if isinstance(value, list) else value


@schemathesis.check
def one_error_body(ctx: Any, response: Any, case: Any) -> bool | None:  # schemathesis' types
    """An error answer is the error body: {"error": {"status", "message", "details"}}."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "message", "details"}, error
    assert error["status"] == response.status_code, error
    assert isinstance(error["message"], str) and error["message"], error
    assert all(set(d) == {"field", "problem"} for d in error["details"]), error
    return True


@schemathesis.check
def security_headers(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every answer carries the security headers."""
    assert _header(response, "x-content-type-options") == "nosniff"
    assert _header(response, "x-frame-options") == "DENY"
    assert "default-src 'none'" in (_header(response, "content-security-policy") or "")
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    one_error_body,
    security_headers,
]


@pytest.fixture(scope="module")
def api_schema(sample_url: str) -> Any:  # schemathesis' schema type
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_url))


@pytest.fixture(scope="module")
def pg_api_schema(pg_sample_url: str) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(pg_sample_url))


schema = schemathesis.pytest.from_fixture("api_schema")
pg_schema = schemathesis.pytest.from_fixture("pg_api_schema").include(
    path_regex="^/api/(claims|sources)"
)


@schema.parametrize()
@RUN
def test_api_answers_every_request_in_its_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.mark.postgres
@pg_schema.parametrize()
@RUN
def test_api_on_postgresql_answers_every_request_in_its_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
