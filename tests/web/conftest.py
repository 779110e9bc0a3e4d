"""Browser tests: uvicorn in a subprocess on a free port, Debian's chromium via Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.sample import load_sample
from sitroom.store.database import Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_S = 30.0


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `sitroom serve` on a temp SQLite db loaded with the sample."""
    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'sample.db'}"
    store = Store(url)
    load_sample(store, gazetteer=bundled_gazetteer())
    store.dispose()
    yield from _serve(url, folder)


@pytest.fixture(scope="session")
def workspace_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `sitroom serve` on the sample made a workspace of East Aleppo by
    `sitroom init`."""
    from typer.testing import CliRunner

    from sitroom.cli import app

    folder = tmp_path_factory.mktemp("workspace")
    url = f"sqlite:///{folder / 'workspace.db'}"
    for args in (
        ["sample", "load", "--db", url],
        ["init", "--name", "Aleppo 2016", "--place", "eastern Aleppo", "--db", url],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    yield from _serve(url, folder)


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `sitroom serve` on the sample plus one report whose metadata is
    hostile: a `javascript:` url, `<script>` and attribute-breaking quotes in title and
    publisher (see HOSTILE)."""
    import json

    from typer.testing import CliRunner

    from sitroom.cli import app

    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "hostile.txt"
    report.write_text(
        "ALEPPO, 9 December. More than 3,000 residents returned to their homes in Aleppo "
        "over the past 24 hours, <img src=x onerror=alert('text')> the centre said.\n",
        encoding="utf-8",
    )
    (folder / "hostile.meta.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.db'}"
    for args in (["sample", "load", "--db", url], ["import", "-q", str(report), "--db", url]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    yield from _serve(url, folder)


@pytest.fixture(scope="session")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """`sitroom serve` on a sample store of its own, with an editor's and a viewer's token."""
    from typer.testing import CliRunner

    from sitroom.cli import app
    from sitroom.domain import Role
    from sitroom.store.users import add_user

    folder: Path = tmp_path_factory.mktemp("review")
    url = f"sqlite:///{folder / 'review.db'}"
    assert CliRunner().invoke(app, ["sample", "load", "--db", url]).exit_code == 0
    store = Store(url)
    tokens = {}
    with store.write_session() as session:
        for name, role in (("amal", Role.EDITOR), ("vera", Role.VIEWER)):
            tokens[name] = add_user(session, name, role, "test")[1]
    store.dispose()
    for base in _serve(url, folder):
        yield base, tokens


@pytest.fixture(scope="session")
def series_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sitroom serve` on the sample plus three daily updates of one publisher (10 to 12
    December 2016): series of several points, whose people and children differ a
    hundredfold."""
    import json

    from typer.testing import CliRunner

    from sitroom.cli import app

    folder: Path = tmp_path_factory.mktemp("series")
    reports = []
    for day, people, children in ((10, 1200, 40), (11, 3500, 90), (12, 8000, 150)):
        report = folder / f"update-{day}.txt"
        report.write_text(
            f"Evacuation update, {day} December 2016\n\nOver the past 24 hours, {people:,} "
            f"civilians, including {children} children, were evacuated from eastern Aleppo.\n",
            encoding="utf-8",
        )
        meta = {
            "title": f"Evacuation update {day} December",
            "publisher": "Aleppo Evacuation Committee",
            "published_at": f"2016-12-{day}",
            "kind": "news",
            "language": "en",
        }
        (folder / f"update-{day}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        reports.append(str(report))
    url = f"sqlite:///{folder / 'series.db'}"
    for args in (["sample", "load", "--db", url], ["import", "-q", *reports, "--db", url]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    yield from _serve(url, folder)


@pytest.fixture(scope="session")
def events_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sitroom serve` on the sample with the ACLED-layout rows of tests/data/acled."""
    from typer.testing import CliRunner

    from sitroom.cli import app

    folder: Path = tmp_path_factory.mktemp("events")
    rows = Path(__file__).parents[1] / "data" / "acled" / "acled-layout-rows.csv"
    url = f"sqlite:///{folder / 'events.db'}"
    for args in (["sample", "load", "--db", url], ["events", "import", str(rows), "--db", url]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    yield from _serve(url, folder)


HOSTILE = {
    "title": "Aleppo <script>alert('title')</script>\" onmouseover=\"alert('attr')",
    "publisher": "<img src=x onerror=alert('publisher')>' data-x='",
    "url": "javascript:alert('url')",
    "published_at": "2016-12-09",
    "kind": "news",
    "language": "en",
}


def _serve(url: str, folder: Path) -> Iterator[str]:
    port = free_port()
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from sitroom.cli import main; main()",
                "serve",
                "--db",
                url,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base, log_path)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], base: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base}/api/sources?limit=1", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    log = log_path.read_text(encoding="utf-8", errors="replace")
    print(f"--- sitroom serve log ({log_path}) ---\n{log}")
    pytest.fail(f"sitroom serve did not start on {base} (exit code {server.poll()}); log above")
