"""Writing the generated tree to a folder any MkDocs-compatible builder can use.

The tree is written to a temporary folder beside the target and moved into place
only when complete. A manifest (`.litreview-manifest`) lists what we wrote, so a
later build deletes only its own stale files: a file the user put in the folder
is never deleted or overwritten. Targets that overlap the project's inputs are
refused before anything is written. A symbolic link inside the output folder is
never written or deleted through (it may lead anywhere): a build that would write
below one is refused, and a stale file below one is left alone. A staging folder
left by a build that was killed is removed by the next build, once its marker shows
that it is ours and that the process that made it is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator.codes import Code
from generator.errors import LitReviewError, Location, Problem, Severity
from generator.project import Project
from generator.render.paths import Content, content_pieces

MANIFEST = ".litreview-manifest"
# Written first into every staging folder: the process that owns it.
STAGING_MARK = ".litreview-staging"


def check_target(out: Path, project: Project) -> None:
    """Refuse an output folder that is, contains or lies inside the project's inputs."""
    target = out.resolve()
    protected = [project.root, project.content_dir, project.templates_dir]
    for path in protected:
        path = path.resolve()
        if (
            target == path
            or path.is_relative_to(target)
            or (path != project.root.resolve() and target.is_relative_to(path))
        ):
            raise LitReviewError(
                [_problem(f"refusing to write into '{out}': it overlaps '{path}'", out)]
            )


def _problem(message: str, out: Path) -> Problem:
    return Problem(Severity.ERROR, Code.OUTPUT_REFUSED, message, Location(str(out)))


def safe_relative(path: str) -> PurePosixPath:
    """A generated path, checked to stay below the output folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\x00" in path:
        raise ValueError(f"generated path escapes the output folder: {path!r}")
    return pure


def write_tree(out: Path, files: list[tuple[str, Content]], project: Project) -> list[Path]:
    """Write `files` below `out`; returns the stale staging folders it removed."""
    check_target(out, project)
    relative = sorted((safe_relative(p), data) for p, data in files)
    out_parent = out.resolve().parent
    out_parent.mkdir(parents=True, exist_ok=True)
    removed = remove_stale_staging(out_parent, out.name)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out_parent))
    try:
        (staging / STAGING_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
        for path, data in relative:
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as output:
                output.writelines(content_pieces(data))
        (staging / MANIFEST).write_text("".join(f"{p}\n" for p, _ in relative), encoding="utf-8")
        if not os.path.lexists(out):
            os.replace(staging, out)
            (out / STAGING_MARK).unlink()
            return removed
        _merge_into(staging, out, [p for p, _ in relative])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return removed


def remove_stale_staging(folder: Path, name: str) -> list[Path]:
    """Remove the staging folders of killed builds of `name` in `folder`: only folders
    named as ours that are empty (killed before the mark) or whose mark names a process
    that no longer runs. Anything else with that name is left alone."""
    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}")
    removed = []
    for entry in sorted(folder.iterdir()):
        if not pattern.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir():
            continue
        mark = entry / STAGING_MARK
        if not any(entry.iterdir()):
            entry.rmdir()
        elif mark.is_file() and not mark.is_symlink() and not _running(mark):
            shutil.rmtree(entry)  # never follows links inside the folder
        else:
            continue
        removed.append(entry)
    return removed


def _running(mark: Path) -> bool:
    """Whether the process named in a staging mark still runs (when unsure: yes)."""
    try:
        pid = int(mark.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _link_below(out: Path, path: PurePosixPath) -> Path | None:
    """The first symbolic link on the way from `out` to `out/path`, if any."""
    current = out
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            return current
        if not current.exists():
            return None
    return None


def _merge_into(staging: Path, out: Path, written: list[PurePosixPath]) -> None:
    """Move the new files over an existing folder; delete only our own stale files."""
    manifest = out / MANIFEST
    previous = set()
    if manifest.is_file() and not manifest.is_symlink():
        previous = {
            PurePosixPath(line)
            for line in manifest.read_text(encoding="utf-8").splitlines()
            if line
        }
    for path in [*written, PurePosixPath(MANIFEST)]:
        link = _link_below(out, path)
        if link is not None:
            raise LitReviewError(
                [_problem(f"refusing to write '{out / path}': '{link}' is a symbolic link", out)]
            )
    for path in written:
        target = out / path
        if target.exists() and path not in previous:
            raise LitReviewError(
                [_problem(f"refusing to overwrite '{target}': litreview did not write it", out)]
            )
    for path in written:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
    for path in sorted(previous - set(written)):
        try:
            safe = safe_relative(str(path))
        except ValueError:
            continue
        stale = out / safe
        if _link_below(out, safe) is None and stale.is_file():
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    os.replace(staging / MANIFEST, manifest)
