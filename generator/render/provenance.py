"""Where a paper came from, as readers may see it: never a path on someone's machine.

The store records each paper's source file and line (``litreview-sources``). Imports
store them relative to the project, but an older store, or one written by hand, may
hold ``/home/alice/Downloads/library.bib:1`` or ``C:\\Users\\bob\\lib.bib:5``; a page
shows such a source by its file name only (``library.bib:1``), so no page, search
index or download reveals a home folder or the layout of a disk.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_LINE = re.compile(r"^(?P<path>.*?)(?P<line>:\d+(?::\d+)?)?$", re.S)
_DRIVE = re.compile(r"^[A-Za-z]:/")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Folders that hold a user's name wherever they appear in a path.
_HOME = re.compile(r"(^|/)(home|Users|Documents and Settings)/", re.IGNORECASE)


def public_source(source: str) -> str:
    """`source` (``path:line``) with a path outside the project cut to its file name."""
    match = _LINE.match(source.strip())
    assert match is not None  # the pattern matches any text
    path, line = match["path"], match["line"] or ""
    slashed = path.replace("\\", "/")
    if _is_local(slashed):
        path = PurePosixPath(slashed.rstrip("/")).name or "(unnamed file)"
    return path + line


def _is_local(path: str) -> bool:
    """A path that names a place on someone's disk rather than inside the project."""
    return (
        path.startswith(("/", "~"))
        or bool(_DRIVE.match(path) or _SCHEME.match(path) or _HOME.search(path))
        or ".." in path.split("/")
    )
