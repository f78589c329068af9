"""`mkdocs serve`, plain and --dirty, after topic edits: every served page is the page a
fresh `mkdocs build` of the same files writes (nav, content, search index)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import mkdocs_build

# MkDocs drops a log line equal to one it logged before ("Documentation built in 0.21
# seconds" may not show twice), so a rebuild's end is its "Reloading browsers" (each
# has a timestamp) or its error.
REBUILT = "Reloading browsers"
FAILED = "An error happened during the rebuild"
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.DOTALL)


class Server:
    """A real `mkdocs serve` of `project`, its log in a file."""

    def __init__(self, project: Path, mode: list[str]) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}/"
        self.project = project
        self.log = project.parent / f"serve{'-'.join(mode)}.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": self.base}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *mode],
            cwd=project, env=env, stdout=subprocess.DEVNULL,
            stderr=self.log.open("w", encoding="utf-8"),
        )  # fmt: skip
        self.wait_until_idle(lambda: "Serving on" in self.log_text())

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            return bytes(response.read())

    def wait_until_idle(self, ready: Callable[[], bool], seconds: float = 90) -> None:
        """Until `ready()`, no rebuild running and the log quiet for a second."""
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            text = self.log_text()
            busy = text.rfind("Building documentation") > max(
                text.rfind(REBUILT), text.rfind(FAILED), text.rfind("Serving on")
            )
            if ready() and not busy and text == last:
                return
            last = text
            time.sleep(1.0)
        raise AssertionError(f"mkdocs serve did not settle:\n{self.log_text()[-3000:]}")

    def edit(self, change: Callable[[Path], None]) -> None:
        """Make `change` to the project's files and wait for the rebuild it causes."""
        rebuilds = self.log_text().count(REBUILT)
        change(self.project / "content" / "topics")
        self.wait_until_idle(lambda: self.log_text().count(REBUILT) > rebuilds)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _nav_labels(html: bytes) -> list[str]:
    """The labels of the primary nav (none on a redirect page)."""
    nav = BeautifulSoup(html, "html.parser").select_one("nav.md-nav--primary")
    if nav is None:
        return []
    return [" ".join(a.get_text().split()) for a in nav.select("a.md-nav__link")]


def assert_served_as_built(
    server: Server, work: Path, after: str = "start", before: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Every page, download and the search index of a fresh build is served byte for
    byte, and a page or download of `before` (the last build's) it has not is not served.
    Returns the fresh build's pages and downloads."""
    site = work / "fresh-site"
    shutil.rmtree(site, ignore_errors=True)
    env_site_url = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = server.base
    try:
        result = mkdocs_build(server.project, site)
    finally:
        if env_site_url is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = env_site_url
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 10
    assert len(_nav_labels((site / "index.html").read_bytes())) > 5
    downloads = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".bib", ".ris")
    )
    downloads += [d.removesuffix(".bib") + ".json" for d in downloads if d.endswith(".bib")]
    assert len(downloads) > 6
    for page in [*pages, *downloads, "search/search_index.json"]:
        served = _LIVERELOAD.sub(b"", server.get(page))
        expected = (site / page).read_bytes()
        if page.endswith(".html"):
            assert "None" not in _nav_labels(served), f"{page} after {after}"
            assert _nav_labels(served) == _nav_labels(expected), f"{page} after {after}"
        assert served == expected, f"{page} differs from a fresh build after {after}"
    built = frozenset([*pages, *downloads])
    for page in sorted(before - built):
        with pytest.raises(urllib.error.HTTPError) as error:
            server.get(page)
        assert error.value.code == 404, f"{page} still served after {after}"
    return built


def _retitle(topics: Path) -> None:
    path = topics / "optimization.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Optimization and SGD noise", "Noise in optimisation"), "utf-8")


def _insert_before_see_also(path: Path, lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("see_also:", lines + "see_also:"), encoding="utf-8")


def _move_paper(topics: Path) -> None:
    source = topics / "optimization.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("  - label-noise-sgd\n", ""))
    _insert_before_see_also(topics / "scaling-laws.yaml", "  - label-noise-sgd\n")


def _add_section(topics: Path) -> None:
    _insert_before_see_also(
        topics / "scaling-laws.yaml",
        "sections:\n  - title: Hostile titles\n    papers: [adversarial-title]\n",
    )


def _create_topic(topics: Path) -> None:
    (topics / "data-scaling.yaml").write_text(
        "title: Data-constrained scaling\nparent: scaling-laws\norder: 3\n"
        "papers: [compute-optimal-training]\n",
        encoding="utf-8",
    )


def _rename_topic(topics: Path) -> None:
    text = (topics / "compute-optimal.yaml").read_text(encoding="utf-8")
    (topics / "compute-budgets.yaml").write_text(
        text.replace("Compute-optimal scaling", "Compute budgets")
        + "redirect_from: [compute-optimal]\n",
        encoding="utf-8",
    )
    (topics / "compute-optimal.yaml").unlink()


def _delete_topic(topics: Path) -> None:
    (topics / "data-scaling.yaml").unlink()


EDITS = [_retitle, _move_paper, _add_section, _create_topic, _rename_topic, _delete_topic]


@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["plain", "dirty"])
def test_serve_matches_a_fresh_build_after_each_topic_edit(
    small_project: Path, mode: list[str]
) -> None:
    """After a retitle, a paper moved, a section added, a topic created, one renamed and
    one deleted, every served page equals a fresh build's: no stale nav, no 'None'
    label, no page or download of a deleted topic."""
    server = Server(small_project, mode)
    try:
        built = assert_served_as_built(server, small_project.parent)
        for change in EDITS:
            server.edit(change)
            built = assert_served_as_built(server, small_project.parent, change.__name__, built)
    finally:
        server.stop()
