"""Finding the records that describe the same paper.

A paper is recognised, in this order, by its key (the key its source gave it, or one
of its aliases), its DOI or arXiv id, then its title or abstract up to case,
punctuation and LaTeX markup. Two records whose DOIs or arXiv ids differ are never
one paper, however alike their titles: papers do share titles ("Attention is not all
you need" replies exist, and so do identical titles on different arXiv papers). Nor
are two editions of a book: records whose years are more than a year apart (a preprint
and its journal version are often a year apart), or whose editions differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.text.identifiers import arxiv_of, doi_of, year_in
from generator.text.latex import identity

# Identities shorter than this are too generic to merge on ("Introduction").
MIN_TITLE = 12
MIN_ABSTRACT = 80
# The identities strong enough to tell papers apart, in the order they are tried.
HARD = ("doi", "arxiv")
SOFT = ("title", "abstract")


def identities(fields: Mapping[str, str]) -> dict[str, str]:
    """The kinds of identity a record has, with their values (and its year and edition,
    which tell records apart but never match them)."""
    found = {}
    year = year_in(fields.get("year") or fields.get("date", ""))
    if year:
        found["year"] = year
    edition = identity(fields.get("edition", ""))
    if edition:
        found["edition"] = edition
    doi = doi_of(fields)
    if doi:
        found["doi"] = doi
    arxiv = arxiv_of(fields)
    if arxiv:
        found["arxiv"] = arxiv
    title = identity(fields.get("title", ""))
    if len(title) >= MIN_TITLE:
        found["title"] = title
    abstract = identity(fields.get("abstract", ""))
    if len(abstract) >= MIN_ABSTRACT:
        found["abstract"] = abstract
    return found


def conflict(a: Mapping[str, str], b: Mapping[str, str]) -> str:
    """Why two records cannot be one paper ('' when they can): a DOI, arXiv id or edition
    each has, and they differ; or years more than one apart."""
    for kind in (*HARD, "edition"):
        if a.get(kind) and b.get(kind) and a[kind] != b[kind]:
            return kind
    if a.get("year") and b.get("year") and abs(int(a["year"]) - int(b["year"])) > 1:
        return "year"
    return ""


def agree(a: Mapping[str, str], b: Mapping[str, str]) -> str:
    """The first identity two records share ('' if none), unless they conflict."""
    if conflict(a, b):
        return ""
    return next((kind for kind in (*HARD, *SOFT) if a.get(kind) and a.get(kind) == b.get(kind)), "")


@dataclass
class Index:
    """Identities of already known papers, to match records against one by one."""

    by_identity: dict[tuple[str, str], int] = field(default_factory=dict)
    idents: list[dict[str, str]] = field(default_factory=list)

    def add(self, idents: dict[str, str]) -> int:
        number = len(self.idents)
        self.idents.append(idents)
        for kind, value in idents.items():
            self.by_identity.setdefault((kind, value), number)
        return number

    def find(
        self, idents: Mapping[str, str], exclude: Iterable[int] = ()
    ) -> tuple[int, str] | None:
        """The known paper sharing the strongest identity with `idents` and conflicting
        with none of them, with the kind of identity shared."""
        skip = set(exclude)
        for kind in (*HARD, *SOFT):
            value = idents.get(kind)
            number = self.by_identity.get((kind, value)) if value else None
            if (
                number is not None
                and number not in skip
                and not conflict(idents, self.idents[number])
            ):
                return number, kind
        return None


@dataclass(frozen=True)
class Match:
    """Why item `index` joined the group of item `anchor`."""

    index: int
    anchor: int
    reason: str


def group(items: Iterable[Mapping[str, str]]) -> tuple[list[list[int]], list[Match]]:
    """Group item indexes that share an identity and conflict in none; groups and
    members in input order. An item joins the first group it agrees with."""
    groups: list[list[int]] = []
    merged: list[dict[str, str]] = []  # the identities of each group, first value kept
    index = Index()
    owner: list[int] = []  # index entry -> group
    matches: list[Match] = []
    for number, fields in enumerate(items):
        idents = identities(fields)
        found = _find_group(idents, groups, merged, index, owner)
        if found is None:
            groups.append([number])
            merged.append(dict(idents))
        else:
            position, kind = found
            matches.append(Match(number, groups[position][0], f"same {kind}"))
            groups[position].append(number)
            for k, v in idents.items():
                merged[position].setdefault(k, v)
        position = found[0] if found else len(groups) - 1
        index.add(idents)
        owner.append(position)
    return groups, matches


def _find_group(
    idents: dict[str, str],
    groups: list[list[int]],
    merged: list[dict[str, str]],
    index: Index,
    owner: list[int],
) -> tuple[int, str] | None:
    tried: set[int] = set()
    while True:
        found = index.find(idents, exclude=tried)
        if found is None:
            return None
        entry, kind = found
        position = owner[entry]
        if not conflict(idents, merged[position]):
            return position, kind
        tried.add(entry)
