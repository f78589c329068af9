"""Reading a run of letters as TeX macro names that lost their backslashes.

``mathcalO`` is ``mathcal`` + ``O``, ``toinfty`` is ``to`` + ``infty``, ``Oleft`` is
``O`` + ``left``. A split uses whole macro names and at most one single letter at
each end (``tgeq``, ``klongrightarrow``, never ``s+a+mp+le``), and is taken only
when it is the only best one: ``pin`` (``p`` + ``in`` or ``pi`` +
``n``) is ambiguous unless one reading has a relation (``p \\in``), which is how
such a run is written far more often than a product.
"""

from __future__ import annotations

from functools import lru_cache

from generator.text.texnames import NAMES, RELATION_NAMES

MAX_SINGLES = 2
MAX_LETTERS = 24


class Ambiguous(Exception):
    """A run of letters splits into names in more than one best way."""


@lru_cache(maxsize=8192)
def split_names(word: str) -> tuple[tuple[str, bool], ...] | None:
    """``(piece, is_name)`` pieces of `word`, or None when it holds no macro name.

    Raises `Ambiguous` when two different best splits exist.
    """
    if word in NAMES:
        return ((word, True),)
    if len(word) > MAX_LETTERS:
        return None
    splits = _splits(word, MAX_SINGLES)
    splits = [s for s in splits if any(is_name for _, is_name in s) and _singles_at_ends(s)]
    if not splits:
        return None
    fewest = min(_singles(s) for s in splits)
    best = [s for s in splits if _singles(s) == fewest]
    shortest = min(len(s) for s in best)
    best = [s for s in best if len(s) == shortest]
    if len(best) > 1:
        with_relation = [s for s in best if any(p in RELATION_NAMES for p, _ in s)]
        if len(with_relation) != 1:
            raise Ambiguous(word)
        best = with_relation
    return best[0]


def _singles_at_ends(split: tuple[tuple[str, bool], ...]) -> bool:
    """No single letter between two pieces: ``t``+``geq``, ``O``+``left``+``N``."""
    return all(is_name for _, is_name in split[1:-1])


def _singles(split: tuple[tuple[str, bool], ...]) -> int:
    return sum(not is_name for _, is_name in split)


@lru_cache(maxsize=8192)
def _splits(word: str, singles: int) -> list[tuple[tuple[str, bool], ...]]:
    if not word:
        return [()]
    found: list[tuple[tuple[str, bool], ...]] = []
    for end in range(len(word), 1, -1):
        head = word[:end]
        if head in NAMES:
            found += [((head, True), *rest) for rest in _splits(word[end:], singles)]
    if singles > 0:
        found += [((word[0], False), *rest) for rest in _splits(word[1:], singles - 1)]
    return found
