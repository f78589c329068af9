"""Pandoc-style citations in curator prose: ``[@key]`` and ``[@a; @b]``.

Found here so that organize can check every key with its file and line, and render
can turn them into links and a reference list, from the same parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import Location
from generator.text.citekeys import KEY

# A bracket holding one or more @keys separated by semicolons; keys as pandoc allows.
CITATION = re.compile(r"\[((?:\s*@" + KEY + r"\s*;?)+)\]")
_KEY = re.compile(r"@(" + KEY + ")")


@dataclass(frozen=True)
class Citation:
    keys: tuple[str, ...]
    start: int
    end: int
    location: Location | None


def find_citations(text: str, location: Location | None = None) -> Iterator[Citation]:
    """Citations in `text`; `location` is where the text starts in its file."""
    for match in CITATION.finditer(text):
        keys = tuple(k.rstrip(".:") for k in _KEY.findall(match.group(1)))
        yield Citation(keys, match.start(), match.end(), _line_of(text, match.start(), location))


def _line_of(text: str, offset: int, location: Location | None) -> Location | None:
    if location is None or location.line is None:
        return location
    before = text.count("\n", 0, offset)
    if "\n" in text.strip():
        # A block scalar (``summary: |``) starts on the line after its key.
        return Location(location.path, location.line + 1 + before)
    return Location(location.path, location.line)
