"""Where a stored paper came from, as the store records it (``litreview-sources``).

A source is the input file as the project names it: relative to the project for a
file inside it, and by its name only for a file outside it, so a store committed to a
repository never holds ``/home/someone/Downloads/...``. Records without a key of their
own (pasted listings) add the line they start on, the only way to find them again.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from generator.model import Record

_LINE = re.compile(r":\d+$")


def source_of(record: Record) -> str:
    path = portable(record.location.path)
    if record.key or record.location.line is None:
        return path
    return f"{path}:{record.location.line}"


def source_path(source: str) -> str:
    """The file part of a source (``a.txt:12`` → ``a.txt``), portable."""
    return portable(_LINE.sub("", source.strip()))


def portable(path: str) -> str:
    """A path as a store may record it: never absolute, never with a home folder."""
    pure = PurePath(path)
    if pure.is_absolute() or path.startswith("~") or ".." in pure.parts:
        return pure.name
    return pure.as_posix()
