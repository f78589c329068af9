"""The ``check`` lint for TeX debris left in a store's titles and abstracts.

Whatever `generator.text.restore` could not restore at import, and whatever a store
brought from elsewhere (a reference manager's escaped ``{\\textbackslash}times``, an
export's bare ``b_{v}(s)``), is reported once per field, at the line of the field in
its store file, with the first pieces of debris found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Diagnostics, Location
from generator.model import Paper
from generator.text.debris import Debris, find_debris

FIELDS = ("title", "abstract")
SHOWN = 3
KINDS = {
    "macro": "a macro name without its backslash",
    "script": "a sub- or superscript outside math",
    "fraction": "a fraction that lost its \\frac",
    "entity": "an HTML entity that lost its &# and ;",
    "escaped": "TeX escaped into text by a reference manager",
}


def check_debris(papers: Iterable[Paper], root: Path, diagnostics: Diagnostics) -> int:
    """Warn about each field with debris; returns how many fields had some."""
    lines = _FieldLines(root)
    fields = 0
    for paper in papers:
        for name in FIELDS:
            found = find_debris(paper.fields.get(name, ""))
            if not found:
                continue
            fields += 1
            diagnostics.warning(
                f"paper '{paper.key}': TeX debris in {name}: {describe(found)}",
                lines.locate(paper, name),
            )
    return fields


def describe(found: list[Debris]) -> str:
    shown = ", ".join(repr(d.text) for d in found[:SHOWN])
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    kinds = sorted({d.kind for d in found}, key=list(KINDS).index)
    return f"{shown}{more} ({'; '.join(KINDS[k] for k in kinds)})"


class _FieldLines:
    """The line of a field in its store file, read once per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, list[str]] = {}

    def locate(self, paper: Paper, name: str) -> Location:
        where = paper.location
        if where.line is None:
            return where
        lines = self._lines(where.path)
        field = re.compile(rf"^\s*{re.escape(name)}\s*=", re.IGNORECASE)
        for number in range(where.line, min(len(lines), where.line + 200) + 1):
            text = lines[number - 1]
            if number > where.line and text.lstrip().startswith("@"):
                break
            if field.match(text):
                return Location(where.path, number)
        return where

    def _lines(self, path: str) -> list[str]:
        if path not in self.files:
            try:
                text = (self.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self.files[path] = text.splitlines()
        return self.files[path]
