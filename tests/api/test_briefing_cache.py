"""Briefings are built once per store revision: a repeat is a lookup, any write rebuilds."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitroom.api import create_app
from sitroom.cli import app as cli
from sitroom.store.database import Store
from sitroom.store.revision import store_revision

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"
runner = CliRunner()


@pytest.fixture
def own_sample(sample_url: str, tmp_path: Path) -> str:
    """A copy of the sample store this test may write to."""
    copy = tmp_path / "own.db"
    shutil.copyfile(sample_url.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def cached_client(own_sample: str) -> Iterator[TestClient]:
    with TestClient(create_app(own_sample)) as test_client:
        yield test_client


def _builds(client: TestClient) -> int:
    builds: int = client.app.state.briefing_cache.builds  # type: ignore[attr-defined]
    return builds


def test_second_identical_briefing_is_served_from_the_cache(cached_client: TestClient) -> None:
    first = cached_client.get("/api/briefing")
    second = cached_client.get("/api/briefing")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert _builds(cached_client) == 1
    cached_client.get("/api/briefing", params={"date": "2016-12-08"})  # another key
    assert _builds(cached_client) == 2
    page, again = cached_client.get("/"), cached_client.get("/")
    assert page.text == again.text
    assert _builds(cached_client) == 3


def test_grading_a_source_invalidates_the_cached_briefing(
    cached_client: TestClient, own_sample: str
) -> None:
    before = cached_client.get("/api/briefing").json()
    source_id = before["footnotes"][0]["source_id"]
    assert before["footnotes"][0]["reliability"] != "A"
    graded = runner.invoke(cli, ["grade", "source", str(source_id), "A", "--db", own_sample])
    assert graded.exit_code == 0, graded.output
    after = cached_client.get("/api/briefing").json()
    assert _builds(cached_client) == 2
    assert {f["reliability"] for f in after["footnotes"] if f["source_id"] == source_id} == {"A"}
    cached_client.get("/api/briefing")
    assert _builds(cached_client) == 2


def test_importing_a_report_invalidates_the_cached_briefing(
    cached_client: TestClient, own_sample: str, tmp_path: Path
) -> None:
    cached_client.get("/api/briefing")
    report = tmp_path / "aleppo-later.txt"
    report.write_text(
        "More than 900 civilians were evacuated from eastern Aleppo, the ICRC said.\n",
        encoding="utf-8",
    )
    meta = json.loads((REPORTS / "aleppo-2016-12-09-rudskoy.meta.json").read_text("utf-8"))
    report.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    imported = runner.invoke(cli, ["import", str(report), "--db", own_sample])
    assert imported.exit_code == 0, imported.output
    assert "900" in cached_client.get("/api/briefing").text
    assert _builds(cached_client) == 2


def test_store_revision_changes_with_a_write_and_only_then(own_sample: str) -> None:
    store = Store(own_sample)
    with store.session() as session:
        first = store_revision(session)
    with store.session() as session:
        assert store_revision(session) == first
    made = runner.invoke(cli, ["init", "--name", "A", "--place", "Aleppo", "--db", own_sample])
    assert made.exit_code == 0, made.output
    with store.session() as session:
        assert store_revision(session) != first
    store.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_workers_reach_uvicorn(own_sample: str) -> None:
    port = _free_port()
    sitroom = Path(sys.executable).with_name("sitroom")
    server = subprocess.Popen(
        [str(sitroom), "serve", "--db", own_sample, "--port", str(port), "--workers", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert server.stderr is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 25  # a bound on a hang, not a timing assert
        while (
            time.monotonic() < deadline
            and len([line for line in lines if "Application startup complete" in line]) < 2
        ):
            line = server.stderr.readline()
            if not line:
                break
            lines.append(line)
    finally:
        server.terminate()
        server.wait(10)
    log = "".join(lines)
    assert "with 2 workers" in log
    assert "Started parent process" in log
    assert len(set(re.findall(r"Started server process \[(\d+)\]", log))) == 2, log


def test_a_request_past_the_timeout_gets_the_error_body() -> None:
    import asyncio

    from starlette.types import Message, Receive, Scope, Send

    from sitroom.api.timeout import RequestTimeout

    async def never_answers(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.Event().wait()

    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/api/claims", "headers": []}
    asyncio.run(RequestTimeout(never_answers, seconds=0.05)(scope, receive, send))
    assert sent[0]["status"] == 503
    body = json.loads(sent[1]["body"])
    assert body["error"]["message"].startswith("the request took longer than 0.05 s")


def test_workers_sharing_a_folder_build_a_briefing_once(own_sample: str, tmp_path: Path) -> None:
    # two apps on one store and one shared folder stand for two `serve --workers` processes;
    # each asks for the briefing at once: one builds it, the other reads its file
    import threading

    shared = tmp_path / "shared"
    first, second = (create_app(own_sample, shared_cache=shared) for _ in range(2))
    with TestClient(first) as one, TestClient(second) as two:
        answers: list[bytes] = []

        def ask(client: TestClient) -> None:
            answers.append(client.get("/api/briefing").content)

        threads = [threading.Thread(target=ask, args=(c,)) for c in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert _builds(one) + _builds(two) == 1
        assert answers[0] == answers[1] and json.loads(answers[0])["place"]
        assert len(list(shared.glob("*.gz"))) == 1
        # a write: the next request builds again, and the stale file goes
        graded = runner.invoke(cli, ["grade", "source", "1", "B", "--db", own_sample])
        assert graded.exit_code == 0, graded.output
        assert two.get("/api/briefing").status_code == 200
        assert one.get("/api/briefing").status_code == 200
        assert _builds(one) + _builds(two) == 2
        assert len(list(shared.glob("*.gz"))) == 1


def test_the_server_starts_with_what_a_first_page_reads(tmp_path: Path) -> None:
    # a cold `/` paid for the store's gazetteer (0.04 s) and the compiling of the page's
    # templates (0.09 s) before its briefing: the server does both when it starts
    from sitroom.geo import stored
    from sitroom.report.html import templates

    url = f"sqlite:///{tmp_path / 'warm.db'}"
    templates().cache.clear()  # compiled by earlier tests
    with TestClient(create_app(url)):
        assert (url, False) in stored._BUILT
        compiled = {template.name for template in templates().cache.values()}
        assert {"briefing.html", "_briefing.html", "_disagreements.html"} <= compiled
