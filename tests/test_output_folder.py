"""`build --out` never writes or deletes through a symbolic link in the output folder,
and the staging folder of a build that was killed is removed by the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the output, holding files at the names a build writes."""
    folder = tmp_path / "elsewhere"
    (folder / "label-noise-sgd").mkdir(parents=True)
    (folder / "label-noise-sgd/index.md").write_text("not yours", encoding="utf-8")
    (folder / "index.md").write_text("not yours either", encoding="utf-8")
    (folder / "compute-optimal.bib").write_text("keep me", encoding="utf-8")
    return folder


def test_a_symlinked_subfolder_is_never_written_through(
    small_project: Path, tmp_path: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sub-folder of the output replaced by a link to another folder: the next build
    is refused with the link named, and the other folder is unchanged."""
    out = tmp_path / "out"
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 0
    before = _files(elsewhere)
    for name in ("papers", "topics/optimization"):
        target = out / name
        moved = tmp_path / "moved" / name
        moved.parent.mkdir(parents=True, exist_ok=True)
        target.rename(moved)
        target.symlink_to(elsewhere, target_is_directory=True)
        assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 1
        err = capsys.readouterr().err
        assert f"'{target}' is a symbolic link" in err and "Traceback" not in err
        assert _files(elsewhere) == before
        target.unlink()
        moved.rename(target)


def test_a_symlinked_file_is_never_written_through(
    small_project: Path, tmp_path: Path, elsewhere: Path
) -> None:
    """A generated file replaced by a link (even to a file in the output) is not
    followed: the build is refused and the linked file keeps its bytes."""
    out = tmp_path / "out"
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 0
    (out / "index.md").unlink()
    (out / "index.md").symlink_to(elsewhere / "index.md")
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 1
    assert (elsewhere / "index.md").read_text(encoding="utf-8") == "not yours either"
    assert (out / "index.md").is_symlink()


def test_stale_files_below_a_link_are_not_deleted(
    small_project: Path, tmp_path: Path, elsewhere: Path
) -> None:
    """A topic removed from the project leaves stale files to delete; where its folder
    is now a link, the files it leads to are left alone and the build succeeds."""
    out = tmp_path / "out"
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 0
    (small_project / "content/topics/compute-optimal.yaml").unlink()
    topic = out / "topics/compute-optimal"
    for path in sorted(topic.iterdir()):
        path.unlink()
    topic.rmdir()
    topic.symlink_to(elsewhere, target_is_directory=True)
    before = _files(elsewhere)
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 0
    assert _files(elsewhere) == before and topic.is_symlink()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_staging_folders_are_removed_only_when_ours(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty staging folders and those marked by a process that is gone are removed
    (and said under -v); a live build's, an unmarked one and other names stay."""
    dead = tmp_path / ".out.deadbeef"
    (dead / "papers").mkdir(parents=True)
    (dead / ".litreview-staging").write_text(f"{_dead_pid()}\n", encoding="utf-8")
    (dead / "papers/x.md").write_text("half a build", encoding="utf-8")
    empty = tmp_path / ".out.emptyone"
    empty.mkdir()
    live = tmp_path / ".out.stillrun"
    live.mkdir()
    (live / ".litreview-staging").write_text(f"{os.getppid()}\n", encoding="utf-8")
    unmarked = tmp_path / ".out.usersdir"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("mine", encoding="utf-8")
    other = tmp_path / ".other.deadbeef"
    other.mkdir()
    assert main(["-C", str(small_project), "build", "--out", str(tmp_path / "out"), "-v"]) == 0
    assert not dead.exists() and not empty.exists()
    assert live.is_dir() and unmarked.is_dir() and other.is_dir()
    out = capsys.readouterr().out
    assert "removed .out.deadbeef, left by a build that was stopped" in out
    staging = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out."))
    assert staging == [".out.stillrun", ".out.usersdir"]


_KILLED_BUILD = """
import sys, time
from pathlib import Path
from generator.emit.directory import write_tree
from generator.project import Project

def slow():
    Path(sys.argv[2]).write_text("writing", encoding="utf-8")
    time.sleep(600)
    return b""

write_tree(Path(sys.argv[1]), [("a.md", b"a"), ("b.md", slow)], Project.at(Path(sys.argv[3])))
"""


def test_a_build_killed_with_sigkill_leaves_nothing_after_the_next(
    small_project: Path, tmp_path: Path
) -> None:
    """`kill -9` in the middle of writing leaves a staging folder; the next build of the
    same output removes it, and only it."""
    out, flag = tmp_path / "gen", tmp_path / "flag"
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(out), str(flag), str(small_project)]
    )
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".gen.")]
    assert len(left) == 1 and (left[0] / "a.md").is_file()
    assert main(["-C", str(small_project), "build", "--out", str(out), "-q"]) == 0
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".gen.")] == []
    assert (out / "index.md").is_file()
