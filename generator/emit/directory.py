"""Writing the generated tree to a folder any MkDocs-compatible builder can use.

The tree is written to a temporary folder beside the target and moved into place
only when complete. A manifest (`.litreview-manifest`) lists what we wrote, so a
later build deletes only its own stale files: a file the user put in the folder
is never deleted or overwritten. Targets that overlap the project's inputs are
refused before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator.codes import Code
from generator.errors import LitReviewError, Location, Problem, Severity
from generator.project import Project
from generator.render.paths import Content, content_bytes

MANIFEST = ".litreview-manifest"


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


def write_tree(out: Path, files: list[tuple[str, Content]], project: Project) -> None:
    check_target(out, project)
    relative = sorted((safe_relative(p), data) for p, data in files)
    out_parent = out.resolve().parent
    out_parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out_parent))
    try:
        for path, data in relative:
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content_bytes(data))
        (staging / MANIFEST).write_text("".join(f"{p}\n" for p, _ in relative), encoding="utf-8")
        if not out.exists():
            os.replace(staging, out)
            return
        _merge_into(staging, out, [p for p, _ in relative])
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _merge_into(staging: Path, out: Path, written: list[PurePosixPath]) -> None:
    """Move the new files over an existing folder; delete only our own stale files."""
    manifest = out / MANIFEST
    previous = set()
    if manifest.is_file():
        previous = {
            PurePosixPath(line)
            for line in manifest.read_text(encoding="utf-8").splitlines()
            if line
        }
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
        if stale.is_file():
            stale.unlink()
    os.replace(staging / MANIFEST, manifest)
