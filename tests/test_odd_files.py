"""Odd files in the content folders: editors' lock, swap and backup files, macOS
metadata, hidden folders, FIFOs. None is read, none hangs or fails a build, and `-v`
says which were skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import mkdocs_build

# Name → what an editor or the OS leaves there (bytes, or None for a FIFO/link).
TOPIC_ODDITIES = {
    ".#optimization.yaml": "link",  # Emacs lock: a dangling symbolic link
    "._optimization.yaml": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",  # AppleDouble
    "optimization.yaml~": b"title: [unclosed\n",  # Emacs/vim backup
    "#optimization.yaml#": b"title: {{ broken\n",  # Emacs autosave
    ".optimization.yaml.swp": b"b0VIM 9.0\x00\x00\xff\xfe",  # vim swap
    ".git/topics.yaml": b"\xff\xfe not yaml",  # a hidden folder
    "fifo.yaml": "fifo",
    "folder.yaml/": "dir",
}
PAPER_ODDITIES = {
    "._library.bib": b"\x00\x05\x16\x07\x00\x02\x00\x00",
    ".#library.bib": "link",
    "library.bib~": b"@misc{broken,\n",
    "pipe.bib": "fifo",
}


def _plant(folder: Path, oddities: dict[str, object]) -> None:
    for name, what in oddities.items():
        path = folder / name.rstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if what == "link":
            path.symlink_to("alice@host.12345:1700000000")
        elif what == "fifo":
            os.mkfifo(path)
        elif what == "dir":
            path.mkdir()
        else:
            assert isinstance(what, bytes)
            path.write_bytes(what)


@pytest.fixture
def odd_project(small_project: Path) -> Path:
    """The small project with every kind of odd file beside its topics and store."""
    _plant(small_project / "content/topics", TOPIC_ODDITIES)
    _plant(small_project / "content/papers", PAPER_ODDITIES)
    return small_project


_MAIN = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"


def _litreview(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a FIFO read would hang it, so time it out."""
    return subprocess.run(
        [sys.executable, "-c", _MAIN, "-C", str(project), *argv],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_skips_odd_files_and_says_so_under_verbose(odd_project: Path) -> None:
    """`litreview check` ignores every odd file (no error, no hang) and `-v` names each."""
    plain = _litreview(odd_project, "check")
    assert plain.returncode == 0, plain.stderr
    assert "skipped" not in plain.stderr and "error" not in plain.stderr
    verbose = _litreview(odd_project, "check", "-v")
    assert verbose.returncode == 0
    skipped = {line.split(":")[0].removeprefix("skipped ") for line in verbose.stderr.splitlines()
               if line.startswith("skipped ")}  # fmt: skip
    expected = {f"content/topics/{n.rstrip('/')}" for n in TOPIC_ODDITIES}
    expected |= {f"content/papers/{n}" for n in PAPER_ODDITIES}
    assert expected <= skipped
    assert "skipped content/topics/fifo.yaml: not a regular file" in verbose.stderr


def test_mkdocs_build_ignores_odd_files(odd_project: Path, tmp_path: Path) -> None:
    """`mkdocs build --strict` (what `mkdocs serve` runs on every save) neither hangs nor
    fails on them, builds the same topics, and names them under `-v`."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(odd_project / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, timeout=300, check=False, cwd=odd_project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "skipped content/topics/fifo.yaml: not a regular file" in result.stderr  # -v
    topics = sorted(p.parent.name for p in (tmp_path / "site/topics").glob("*/index.html"))
    assert topics == ["compute-optimal", "optimization", "scaling-laws", "sgd-noise"]


def test_a_broken_link_named_as_a_topic_is_a_located_error(small_project: Path) -> None:
    """A topic file that is a dangling link (not hidden) is reported at its path."""
    (small_project / "content/topics/gone.yaml").symlink_to("/nonexistent/gone.yaml")
    result = _litreview(small_project, "check")
    assert result.returncode == 1
    assert "gone.yaml: error: cannot read topic file" in result.stderr
    assert "Traceback" not in result.stderr
    assert mkdocs_build(small_project, small_project / "site").returncode != 0
