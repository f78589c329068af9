"""What one build computes and the next may reuse: the one cache, passed explicitly.

`mkdocs serve` rebuilds the whole site after every save, while most of what a build
computes (parsed store files, the text model, formatted references) depends on
inputs that did not change. Each entry is keyed by everything it is computed from
(a file's bytes, the papers' text), so a changed input can never be served from the
cache; entries the last build did not use are dropped when the next one starts, so
memory stays at about one build's worth. The plugin keeps one lasting `Cache` for
the life of the server; the command line and the tests make a fresh one per run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from generator.errors import Diagnostics, Problem

T = TypeVar("T")


class Cache:
    def __init__(self, lasting: bool = False) -> None:
        # Whether the cache outlives one build (`mkdocs serve`): only then is keeping
        # what only a rebuild could reuse (whole pages) worth its keys' cost.
        self.lasting = lasting
        # What earlier builds made and this one has not used yet; what this one used.
        # An entry moves from the first to the second when used, so starting a build
        # needs no pass over the keys (hashing a page's key reads its whole context).
        self._earlier: dict[tuple[str, Hashable], Any] = {}
        self._used: dict[tuple[str, Hashable], Any] = {}

    def get(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """The value for (`kind`, `key`), made by `make()` when absent."""
        slot = (kind, key)
        value = self._used.get(slot, _ABSENT)
        if value is _ABSENT:
            value = self._earlier.pop(slot, _ABSENT)
            if value is _ABSENT:
                value = make()
            self._used[slot] = value
        return value  # type: ignore[no-any-return]

    def get_reporting(
        self,
        kind: str,
        key: Hashable,
        make: Callable[[Diagnostics], T],
        diagnostics: Diagnostics,
    ) -> T:
        """`get` for a value whose making reports problems (a parsed file): they are
        kept with the value and told to `diagnostics` every time it is got."""

        def made() -> tuple[T, list[Problem]]:
            local = Diagnostics()
            return make(local), local.problems

        value, problems = self.get(kind, key, made)
        diagnostics.problems.extend(problems)
        return value

    def start_build(self) -> None:
        """Drop what the previous build did not use; its inputs have changed."""
        if self._used:
            self._earlier, self._used = self._used, {}

    def clear(self) -> None:
        """Let everything go: a one-off build is done with what it computed."""
        self._earlier, self._used = {}, {}

    def __len__(self) -> int:
        return len(self._earlier) + len(self._used)

    def __bool__(self) -> bool:
        # An empty cache is still the cache to fill: `cache or Cache()` must keep it.
        return True


_ABSENT = object()
