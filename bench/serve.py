"""`mkdocs serve` latency: from saving a topic edit (a new title, a paper moved in from
another topic, a section added, in turn) to the edit being served, and to the end of
the rebuild (when MkDocs reloads the browsers).

MkDocs watches with a polling observer (every 0.5 s), waits 0.1 s for changes to stop,
then rebuilds the whole site; the edited topic page is written part-way through the
rebuild, the browser reloads only at its end. Both moments are reported.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import BIN, tool_env

from generator.curate.commands import move_paper
from generator.errors import Diagnostics
from generator.project import Project

POLL_S = 0.05
RELOADED = "Reloading browsers"
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
_TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)


@dataclass(frozen=True)
class EditPlan:
    """The topic edited, and papers of other topics to move into it or put in a section."""

    topic: str
    movable: list[tuple[str, str]]  # (paper key, topic it is in now)


@dataclass(frozen=True)
class ServeLatency:
    visible_s: list[float]  # edit → new title served
    reloaded_s: list[float]  # edit → rebuild finished ("Reloading browsers")
    rebuild_s: list[float]  # the rebuild alone, as MkDocs reports it

    @property
    def rebuild(self) -> float:
        return statistics.median(self.rebuild_s)

    @property
    def visible(self) -> float:
        return statistics.median(self.visible_s)

    @property
    def reloaded(self) -> float:
        return statistics.median(self.reloaded_s)


class ServeFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, timeout: float = 2.0) -> str | None:
    """The page, or None. MkDocs holds a request while it rebuilds and answers when the
    rebuild is done, so `timeout` should outlast a rebuild."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local)
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def serve_latency(
    root: Path,
    plan: EditPlan,
    edits: int,
    startup_timeout: float,
    edit_timeout: float,
    log: Path,
    extra_args: tuple[str, ...] = (),
) -> ServeLatency:
    """Start `mkdocs serve` (plus `extra_args`, e.g. `--dirty`), make `edits` edits of
    the plan's topic, stop the server."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    topic_file = next((root / "content" / "topics").rglob(f"{plan.topic}.yaml"))
    page = f"{base}topics/{plan.topic}/"
    with log.open("w", encoding="utf-8") as out:
        # MkDocs serves from a mkdtemp folder it removes on a clean stop; TMPDIR puts it
        # in our work folder, so a killed server leaves nothing behind either.
        env = {**tool_env(), "TMPDIR": str(log.parent)}
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *extra_args],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_until_serving(server, base, startup_timeout, log)
            visible, reloaded, rebuild = [], [], []
            for number in range(1, edits + 1):
                _wait_idle(server, edit_timeout, log)
                edit = _edit(root, plan, topic_file, number)
                seen, done = _edit_and_wait(server, edit, page, number, edit_timeout, log)
                visible.append(seen)
                reloaded.append(done)
                _wait_idle(server, edit_timeout, log)
                rebuild.append(float(_BUILT.findall(log.read_text(encoding="utf-8"))[-1]))
            return ServeLatency(visible, reloaded, rebuild)
        finally:
            _stop(server)


def _wait_until_serving(
    server: subprocess.Popen[bytes], base: str, timeout: float, log: Path
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServeFailed(f"mkdocs serve exited ({server.returncode}):\n{_tail(log)}")
        if "Serving on" in log.read_text(encoding="utf-8") and _get(base) is not None:
            return
        time.sleep(0.2)
    raise ServeFailed(f"mkdocs serve did not serve within {timeout:.0f} s:\n{_tail(log)}")


def _edit(root: Path, plan: EditPlan, topic_file: Path, number: int) -> tuple[str, Callable]:
    """Edit `number` in turn: a retitle, a paper moved in, a section added. Returns the
    text the page shows once the edit is served and a function making the edit."""
    kind, round_ = (number - 1) % 3, (number - 1) // 3
    if kind == 0 or len(plan.movable) < 2 * round_ + 2:
        title = f"Bench edit {number} {time.monotonic_ns() % 100_000}"

        def retitle() -> None:
            text = topic_file.read_text(encoding="utf-8")
            _save(topic_file, _TITLE_LINE.sub(f'title: "{title}"', text, count=1))

        return html.escape(title), retitle
    key, source = plan.movable[2 * round_ + kind - 1]
    if kind == 1:
        return f"papers/{key}/", lambda: move_paper(
            Project.at(root), key, source, plan.topic, Diagnostics()
        )
    section = f"Bench section {number} {time.monotonic_ns() % 100_000}"

    def add_section() -> None:
        text = topic_file.read_text(encoding="utf-8")
        block = f'- title: "{section}"\n  papers: [{key}]\n'
        found = re.search(r"^sections:\n( *)- ", text, re.MULTILINE)
        if found:
            indented = "".join(found.group(1) + line + "\n" for line in block.splitlines())
            text = text[: found.start(1)] + indented + text[found.start(1) :]
        else:
            text += "sections:\n" + "".join("  " + line + "\n" for line in block.splitlines())
        _save(topic_file, text)

    return section, add_section


def _save(path: Path, text: str) -> None:
    """Saved atomically, as editors do: a watcher polling mid-write would see two changes."""
    staged = path.with_suffix(".bench-tmp")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def _edit_and_wait(
    server: subprocess.Popen[bytes],
    edit: tuple[str, Callable],
    page: str,
    number: int,
    timeout: float,
    log: Path,
) -> tuple[float, float]:
    """Seconds from the edit to it being served, and to the end of the rebuild."""
    expected, make = edit
    reloads_before = log.read_text(encoding="utf-8").count(RELOADED)
    start = time.perf_counter()
    make()
    visible = reloaded = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (visible is None or reloaded is None):
        if server.poll() is not None:
            raise ServeFailed(f"mkdocs serve exited ({server.returncode}):\n{_tail(log)}")
        wait = max(0.1, deadline - time.monotonic())
        if visible is None and expected in (_get(page, wait) or ""):
            visible = time.perf_counter() - start
        now = time.perf_counter() - start
        if reloaded is None and log.read_text(encoding="utf-8").count(RELOADED) > reloads_before:
            reloaded = now
        time.sleep(POLL_S)
    if visible is None or reloaded is None:
        raise ServeFailed(f"edit {number} not served within {timeout:.0f} s:\n{_tail(log)}")
    return visible, reloaded


def _wait_idle(server: subprocess.Popen[bytes], timeout: float, log: Path) -> None:
    """Until every started rebuild has finished and the log was quiet for a second."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServeFailed(f"mkdocs serve exited ({server.returncode}):\n{_tail(log)}")
        text = log.read_text(encoding="utf-8")
        # Not "Documentation built": MkDocs drops a log line equal to an earlier one.
        busy = text.rfind("Building documentation") > max(
            text.rfind(RELOADED), text.rfind("An error happened"), text.rfind("Serving on")
        )
        if text == last and not busy:
            return
        last = text
        time.sleep(1.0)
    raise ServeFailed(f"mkdocs serve did not settle within {timeout:.0f} s:\n{_tail(log)}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a user stops it; then terminate, then kill, each with a time limit."""
    if server.poll() is not None:
        return
    for action, wait in ((lambda: server.send_signal(signal.SIGINT), 30), (server.terminate, 10)):
        action()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=wait)
            return
    server.kill()
    server.wait(timeout=10)


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
