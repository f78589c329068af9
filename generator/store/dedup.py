"""Finding the records that describe the same paper.

Two records are one paper when they share any identity: the title up to case,
punctuation and LaTeX markup; the abstract likewise; the DOI; or the arXiv id.
Matching is transitive (union-find), and groups keep input order so the first
record of a group is the one whose text wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.text.identifiers import arxiv_of, doi_of
from generator.text.latex import identity

# Identities shorter than this are too generic to merge on ("Introduction").
MIN_TITLE = 12
MIN_ABSTRACT = 80


def identities(fields: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (kind, value) pairs a paper can be recognised by."""
    found = []
    title = identity(fields.get("title", ""))
    if len(title) >= MIN_TITLE:
        found.append(("title", title))
    abstract = identity(fields.get("abstract", ""))
    if len(abstract) >= MIN_ABSTRACT:
        found.append(("abstract", abstract))
    doi = doi_of(fields)
    if doi:
        found.append(("doi", doi))
    arxiv = arxiv_of(fields)
    if arxiv:
        found.append(("arxiv", arxiv))
    return found


@dataclass(frozen=True)
class Match:
    """Why item `index` joined the group of item `anchor`."""

    index: int
    anchor: int
    reason: str


def group(items: Iterable[Mapping[str, str]]) -> tuple[list[list[int]], list[Match]]:
    """Group item indexes that share an identity; groups and members in input order."""
    parent: list[int] = []
    owner: dict[tuple[str, str], int] = {}
    matches: list[Match] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, fields in enumerate(items):
        parent.append(index)
        for ident in identities(fields):
            other = owner.setdefault(ident, index)
            if other == index:
                continue
            a, b = find(other), find(index)
            if a != b:
                parent[max(a, b)] = min(a, b)
                matches.append(Match(index, other, f"same {ident[0]}"))
    groups: dict[int, list[int]] = {}
    for index in range(len(parent)):
        groups.setdefault(find(index), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0]), matches
