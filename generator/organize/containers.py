"""Containers: the proceedings and books that papers ``crossref``, kept apart from papers.

A BibTeX export holds ``@proceedings{COLT-2019, ...}`` so that its papers can say
``crossref = {COLT-2019}`` and inherit the booktitle, year, editors and publisher.
Such an entry stays in the store (nothing is lost, and re-exports stay complete),
but it is not a paper of the review unless it has an abstract of its own. The papers
that cross-reference an entry get the fields they lack from it, as BibTeX and biber
would give them: the container's title becomes their ``booktitle``.
"""

from __future__ import annotations

from dataclasses import replace

from generator.model import Paper

CONTAINER_TYPES = frozenset(
    {"proceedings", "mvproceedings", "book", "mvbook", "collection", "mvcollection",
     "reference", "mvreference", "periodical"}
)  # fmt: skip
# BibLaTeX's data-only entry types: never papers.
DATA_TYPES = frozenset({"set", "xdata"})
# Fields a paper takes from the entry it cross-references when it lacks them.
INHERITED = ("year", "date", "month", "publisher", "address", "location", "series",
             "volume", "organization", "isbn", "doi")  # fmt: skip
REFERENCE_FIELDS = ("crossref", "xref")


def split_containers(papers: list[Paper]) -> tuple[list[Paper], list[Paper]]:
    """(papers, containers): containers are data-only entries, and entries of container
    types without an abstract that a paper cross-references, or a container does (a
    chapter's book, that book's multi-volume work). Books that only cross-reference
    each other (a cycle) stay papers: no paper of the review is in them."""
    by_key = {p.key.lower(): p for p in papers}

    def may_contain(paper: Paper) -> bool:
        return paper.entry_type in CONTAINER_TYPES and not paper.abstract

    referenced = {
        p.fields[name].strip().lower()
        for p in papers
        for name in REFERENCE_FIELDS
        if p.fields.get(name, "").strip()
    }
    containers: dict[str, Paper] = {}
    # Papers for certain: all but data entries and the would-be containers others name.
    todo = [
        p for p in papers
        if p.entry_type not in DATA_TYPES and not (may_contain(p) and p.key.lower() in referenced)
    ]  # fmt: skip
    while todo:
        paper = todo.pop()
        for name in REFERENCE_FIELDS:
            target = by_key.get(paper.fields.get(name, "").strip().lower())
            if target is not None and may_contain(target) and target.key not in containers:
                containers[target.key] = target
                todo.append(target)
    kept = []
    for paper in papers:
        if paper.entry_type in DATA_TYPES:
            containers[paper.key] = paper
        elif paper.key not in containers:
            kept.append(paper)
    return kept, [p for p in papers if p.key in containers]


def container_phrase(container: Paper) -> str:
    """How messages name a container: "the @proceedings other entries cross-reference"."""
    return f"the @{container.entry_type} other entries cross-reference, not a paper of the review"


def inherit(papers: list[Paper], every: list[Paper]) -> list[Paper]:
    """Each paper with the fields it lacks taken from the entry its ``crossref`` names."""
    by_key = {p.key.lower(): p for p in every}
    result = []
    for paper in papers:
        parent = by_key.get(paper.fields.get("crossref", "").strip().lower())
        if parent is None or parent is paper:
            result.append(paper)
            continue
        fields = dict(paper.fields)
        if not fields.get("booktitle") and parent.title:
            fields["booktitle"] = parent.title
        for name in INHERITED:
            if not fields.get(name) and parent.fields.get(name):
                fields[name] = parent.fields[name]
        persons = dict(paper.persons)
        if "editor" not in persons and "editor" in parent.persons:
            persons["editor"] = parent.persons["editor"]
        result.append(replace(paper, fields=fields, persons=persons))
    return result
