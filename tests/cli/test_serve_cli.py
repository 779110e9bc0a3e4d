"""`sitroom serve` never prints the database password."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from sitroom.cli import app


def test_unreachable_database_is_refused_in_one_line_with_password_masked() -> None:
    url = "postgresql+psycopg://analyst:s3cret@127.0.0.1:1/sitroom"
    result = CliRunner().invoke(app, ["serve", "--db", url, "--port", "1"])
    assert result.exit_code == 1
    assert "s3cret" not in result.output
    assert result.output.startswith(
        'error: cannot open database "postgresql+psycopg://analyst:***@127.0.0.1:1/sitroom"'
    )


@pytest.mark.postgres
def test_serve_prints_the_url_with_password_masked(pg_url: str) -> None:
    # the test server trusts loopback, so any password opens it: the one given must not show
    url = pg_url.replace("postgresql+psycopg://postgres@", "postgresql+psycopg://postgres:s3cret@")
    assert "s3cret" in url
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sitroom.cli import main; main()",
            "serve",
            "--db",
            url,
            "--port",
            "0",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
        text=True,
    )
    try:
        assert server.stderr is not None
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line.startswith("serving"):
            line = server.stderr.readline()
            if not line and server.poll() is not None:
                break
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert line.startswith("serving postgresql+psycopg://postgres:***@127.0.0.1:5432/test")
    assert "s3cret" not in line
