"""Which rendered pages a rebuild may keep: each page's key, made from what its template
is given.

`mkdocs serve` renders every page again after each save, though a topic edit changes
the inputs of a few dozen pages out of hundreds. A page kept by `Renderer.render_kept`
is keyed by its context (`Fingerprints`), the whole corpus (`corpus_digest`: papers
are keyed by their key alone), the render options and the templates it is made from
(`TemplateStamps`). Its template is not given the review as a whole, so it cannot
read what its key leaves out. A template from the user's own folder is given it: one
that names `review` (or includes one named only at render time) is always rendered,
and one that does not is kept like a shipped one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Hashable, Iterable
from functools import partial
from pathlib import Path

from jinja2 import Environment, meta

from generator.cache import Cache
from generator.model import Paper

_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)  # the exact types: one set lookup for most values


class Unkeyable(Exception):
    """A context value `Fingerprints` cannot key: the page is rendered every time."""


class Fingerprints:
    """`fingerprint` for one build. Dataclass values (topics, sections, memberships,
    authors) are fingerprinted once: each is remembered with the object itself, which
    keeps the object alive, so its id cannot be reused by another during the build."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, Hashable]] = {}

    def __call__(self, value: object) -> Hashable:
        """A hashable value equal for equal contexts: papers by key (the corpus digest
        covers their content), dataclasses by every field, containers by their items."""
        if type(value) in _PLAIN_TYPES or isinstance(value, _PLAIN):  # Markup too: it is a str
            return value
        if isinstance(value, (list, tuple)):
            return tuple([self(v) for v in value])
        if isinstance(value, Paper):
            return ("paper", value.key)
        if isinstance(value, dict):
            return ("dict", tuple([(k, self(v)) for k, v in value.items()]))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            known = self._known.get(id(value))
            if known is None:
                fields = dataclasses.fields(value)
                made = (type(value).__name__, *(self(getattr(value, f.name)) for f in fields))
                known = self._known[id(value)] = (value, made)
            return known[1]
        raise Unkeyable(type(value).__name__)


class Prehashed:
    """A key hashed once. A page's key is a deep tuple, which Python hashes anew each
    time (a cache lookup hashes its key up to three times)."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: Hashable) -> None:
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Prehashed) and self._hash == other._hash and self.value == other.value
        )


def corpus_digest(papers: Iterable[Paper]) -> str:
    """Every paper's whole record, in store order: a kept page shows other papers
    (related, cited, co-authored), and their slugs and author pages depend on all."""
    digest = hashlib.blake2b(digest_size=16)
    for paper in papers:
        digest.update(repr(paper).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class TemplateStamps:
    """For one build: a template with the templates it includes, as (name, file, file
    time, size) of each, or None when any of them is named at render time or is the
    user's own and names `review`."""

    def __init__(self, env: Environment, shipped: Path, cache: Cache | None = None) -> None:
        self.env = env
        self.shipped = str(shipped.resolve())
        self._stamps: dict[str, tuple | None] = {}
        self._cache = Cache() if cache is None else cache

    def __call__(self, name: str) -> tuple | None:
        if name not in self._stamps:
            self._stamps[name] = self._stamp(name)
        return self._stamps[name]

    def _stamp(self, name: str) -> tuple | None:
        stamps, todo, done = [], [name], set()
        while todo:
            current = todo.pop()
            if current in done:
                continue
            done.add(current)
            filename = self.env.get_template(current).filename
            if filename is None:
                return None
            stat = os.stat(filename)
            stamp = (current, filename, stat.st_mtime_ns, stat.st_size)
            stamps.append(stamp)
            included, reads_review = self._cache.get(
                "template-reads", stamp, partial(self._reads, filename)
            )
            if None in included or (reads_review and not _within(filename, self.shipped)):
                return None
            todo.extend(name for name in included if name is not None)
        return tuple(sorted(stamps))

    def _reads(self, filename: str) -> tuple[tuple[str | None, ...], bool]:
        """The templates `filename` includes, imports or extends (None: named at render
        time), and whether it names `review`."""
        parsed = self.env.parse(Path(filename).read_text(encoding="utf-8"))
        included = tuple(meta.find_referenced_templates(parsed))
        return included, "review" in meta.find_undeclared_variables(parsed)


def _within(filename: str, folder: str) -> bool:
    return os.path.realpath(filename).startswith(folder + os.sep)
