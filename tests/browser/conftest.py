"""Browser fixtures: a site built for and served on a loopback port, and Debian's Chromium.

Locally without Chromium these tests skip and say why; in CI (CI=true) a missing
browser is a failure, since .ci/run installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")
# Root needs --no-sandbox; the rest keeps Chromium off the network it would call home to.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = REPO / "test-artifacts" / "screenshots"


def _need_browser() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed, and CI must run the browser tests")
        pytest.skip("browser tests need Debian's chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed, and CI must run the browser tests")
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]')")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(project: Path, tmp: Path) -> Iterator[str]:
    """Build `project` for http://127.0.0.1:<port>/ and serve it (instant navigation
    only works when site_url matches the serving origin)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url.rstrip("/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def default_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's default review, built and served on loopback."""
    _need_browser()
    work = tmp_path_factory.mktemp("browser-default")
    project = work / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, project / name)
    yield from _serve(project, work)


@pytest.fixture(scope="session")
def records_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The records fixture (complete records, a sub-topic, math on one topic), served."""
    _need_browser()
    work = tmp_path_factory.mktemp("browser-records")
    shutil.copytree(REPO / "tests" / "fixtures" / "records", work / "project")
    yield from _serve(work / "project", work)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def new_page(browser: object, origin: str, **options: object) -> tuple[object, object]:
    """A context and page that record every request leaving `origin`, every console error
    and every uncaught exception (`outside_requests`, `errors`)."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    pg = context.new_page()
    pg.outside_requests = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]

    def record(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        if not url.startswith((origin, "data:", "blob:", "about:")):
            pg.outside_requests.append(url)  # type: ignore[attr-defined]

    def console(message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            pg.errors.append(f"console: {message.text} at {pg.url}")  # type: ignore[attr-defined]

    pg.on("request", record)
    pg.on("console", console)
    pg.on("pageerror", lambda error: pg.errors.append(f"page error: {error} at {pg.url}"))  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture
def page(browser: object, default_url: str) -> Iterator[object]:
    """A fresh page on the default site that records requests leaving it, and errors."""
    context, pg = new_page(browser, default_url)
    yield pg
    context.close()  # type: ignore[attr-defined]


@pytest.fixture
def records_page(browser: object, records_url: str) -> Iterator[object]:
    """A fresh page on the records site that records requests leaving it, and errors."""
    context, pg = new_page(browser, records_url)
    yield pg
    context.close()  # type: ignore[attr-defined]
