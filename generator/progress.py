"""Progress reporting that stages can accept without knowing who shows it.

A stage takes a `Progress` callable and wraps its long loops in it; the CLI passes
a tqdm bar (on a terminal only), the MkDocs plugin and the tests pass `silent`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]: ...


def silent(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
    return items
