"""TeX debris left in a store's titles and abstracts, listed for the curator.

Whatever the import could not restore (`generator.text.restore`), and whatever a store
brought from elsewhere (a reference manager's escaped ``{\\textbackslash}times``, an
export's bare ``b_{v}(s)``), is a note once per field, at the field's line, with the
first pieces of debris found. A note, not a warning: the text is the source's, and a
build with it is still right, so neither `check --strict` nor `mkdocs build --strict`
fails on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from generator.cache import Cache
from generator.codes import Code
from generator.errors import Diagnostics
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


def note_debris(papers: Iterable[Paper], diagnostics: Diagnostics, cache: Cache) -> int:
    """A note for each field with debris; returns how many fields had some."""
    fields = 0
    for paper in papers:
        for name in FIELDS:
            text = paper.fields.get(name, "")
            found = cache.get("debris", text, partial(find_debris, text))
            if not found:
                continue
            fields += 1
            diagnostics.note(
                Code.TEX_DEBRIS,
                f"paper '{paper.key}': TeX debris in {name}: {describe(found)}",
                paper.where(name),
                subject=paper.key,
            )
    return fields


def describe(found: list[Debris]) -> str:
    shown = ", ".join(repr(d.text) for d in found[:SHOWN])
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    kinds = sorted({d.kind for d in found}, key=list(KINDS).index)
    return f"{shown}{more} ({'; '.join(KINDS[k] for k in kinds)})"
