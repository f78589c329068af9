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
    """(papers, containers): containers are data-only entries, and container types that
    another entry cross-references and that have no abstract."""
    referenced = {
        p.fields[name].strip().lower()
        for p in papers
        for name in REFERENCE_FIELDS
        if p.fields.get(name, "").strip()
    }
    kept: list[Paper] = []
    containers: list[Paper] = []
    for paper in papers:
        is_container = paper.entry_type in DATA_TYPES or (
            paper.entry_type in CONTAINER_TYPES
            and paper.key.lower() in referenced
            and not paper.abstract
        )
        (containers if is_container else kept).append(paper)
    return kept, containers


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
