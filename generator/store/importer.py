"""Importing source files into the paper store.

Records are matched against each other and against the papers already stored
(`generator.store.dedup`). A record that matches a stored paper adds its source
and any field the paper lacks; the rest become new papers with new keys. Keys of
stored papers never change, so re-running an import is a no-op. Nothing is written
until every input has been read, and each store file is replaced atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pybtex.bibtex.exceptions import BibTeXError

from generator.errors import Diagnostics, Location
from generator.load.seeds import TextRepair
from generator.load.sources import read_sources
from generator.model import PROVISIONAL_FIELD, SOURCES_FIELD, Paper, Record
from generator.progress import Progress, silent
from generator.project import Project
from generator.slugs import page_slug
from generator.store.bibfile import format_store, quote, read_store, write_atomically
from generator.store.dedup import group
from generator.store.keys import key_from_title

PROVISIONAL_WORDS = 10


@dataclass
class ImportReport:
    read: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    # Formulas restored in pasted text (and debris left as it was: `after` is None).
    repairs: list[TextRepair] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.read} records read: {len(self.added)} new papers, "
            f"{len(self.updated)} stored papers updated, {len(self.known)} already stored, "
            f"{len(self.merges)} merged as duplicates"
        )
        restored = sum(r.after is not None for r in self.repairs)
        left = len(self.repairs) - restored
        if restored or left:
            text += f"; {restored} formulas restored in pasted text"
            text += f" ({left} left as they were)" if left else ""
        return text


def import_files(
    project: Project,
    inputs: list[Path],
    into: Path,
    diagnostics: Diagnostics,
    *,
    strict: bool = False,
    encoding: str = "utf-8",
    forced_format: str | None = None,
    dry_run: bool = False,
    progress: Progress = silent,
) -> ImportReport:
    stored = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    diagnostics.raise_if_errors()
    repairs: list[TextRepair] = []
    records = read_sources(
        [(p, project.display(p)) for p in inputs],
        diagnostics,
        encoding,
        forced_format,
        progress,
        repairs,
    )
    diagnostics.raise_if_errors(strict)

    report = ImportReport(read=len(records), repairs=repairs)
    papers = {p.key: p for p in stored}
    origin = {p.key: p.location.path for p in stored}
    taken = {k.lower() for k in papers}
    changed_files: set[str] = set()
    target = project.display(into)

    items = [p.fields for p in stored] + [r.fields for r in records]
    groups, _ = group(items)
    for members in groups:
        stored_members = [i for i in members if i < len(stored)]
        new_members = [records[i - len(stored)] for i in members if i >= len(stored)]
        if not new_members:
            continue
        if len(stored_members) > 1:
            keys = ", ".join(stored[i].key for i in stored_members)
            diagnostics.warning(f"stored papers {keys} look like one paper; merge them by hand")
        if stored_members:
            paper = stored[stored_members[0]]
            merged = _merge(paper, new_members, diagnostics)
            for record in new_members:
                if _source(record) in paper.sources:
                    report.known.append(paper.key)
                else:
                    report.merges.append(f"{record.location} merged into stored '{paper.key}'")
            if merged != paper:
                papers[paper.key] = merged
                report.updated.append(paper.key)
                changed_files.add(origin[paper.key])
            continue
        first, rest = new_members[0], new_members[1:]
        key = _new_key(first, taken)
        taken.add(key.lower())
        paper = _merge(_paper_from(first, key, target), rest, diagnostics)
        paper = _ensure_title(paper, diagnostics)
        papers[key] = paper
        origin[key] = target
        report.added.append(key)
        changed_files.add(target)
        for record in rest:
            report.merges.append(f"{record.location} merged into '{key}' (from {first.location})")

    papers = {k: _balanced(p, diagnostics) for k, p in papers.items()}
    diagnostics.raise_if_errors(strict)
    if dry_run:
        return report
    for shown in sorted(changed_files):
        in_file = [p for k, p in papers.items() if origin[k] == shown]
        write_atomically(project.root / shown, format_store(in_file))
        report.written.append(shown)
    return report


def _new_key(record: Record, taken: set[str]) -> str:
    """Keep a BibTeX key the user already cites by, when it is free; else derive one."""
    if record.key and record.key.lower() not in taken and page_slug(record.key) == record.key:
        return record.key
    return key_from_title(record.title or record.abstract, taken)


def _paper_from(record: Record, key: str, target: str) -> Paper:
    fields = dict(record.fields)
    fields[SOURCES_FIELD] = _source(record)
    return Paper(
        key=key,
        slug=page_slug(key),
        location=Location(target),
        entry_type=record.entry_type,
        fields=fields,
        persons=dict(record.persons),
    )


def _source(record: Record) -> str:
    return str(record.location)


def _merge(paper: Paper, records: list[Record], diagnostics: Diagnostics) -> Paper:
    """Add each record's source, and the fields and names the paper lacks."""
    fields = dict(paper.fields)
    persons = dict(paper.persons)
    sources = list(paper.sources)
    for record in records:
        if _source(record) not in sources:
            sources.append(_source(record))
        for name, value in record.fields.items():
            if value and not fields.get(name):
                fields[name] = value
        for role, names in record.persons.items():
            persons.setdefault(role, names)
        if paper.provisional_title and record.title:
            fields["title"] = record.title
            fields.pop(PROVISIONAL_FIELD, None)
    fields[SOURCES_FIELD] = "; ".join(sources)
    return replace(paper, fields=fields, persons=persons)


def _ensure_title(paper: Paper, diagnostics: Diagnostics) -> Paper:
    if paper.title:
        return paper
    words = paper.abstract.split()
    title = " ".join(words[:PROVISIONAL_WORDS]) + ("…" if len(words) > PROVISIONAL_WORDS else "")
    diagnostics.warning(
        f"paper '{paper.key}' has no title; using a provisional one: {title!r}",
        Location(paper.sources[0]) if paper.sources else paper.location,
    )
    fields = {**paper.fields, "title": title or paper.key, PROVISIONAL_FIELD: "title"}
    return replace(paper, fields=fields)


def _balanced(paper: Paper, diagnostics: Diagnostics) -> Paper:
    """BibTeX cannot store a value with unbalanced braces; write the stray ones as
    LaTeX brace macros (and say so) rather than corrupt the store file."""
    fields = dict(paper.fields)
    for name, value in paper.fields.items():
        try:
            quote(value)
        except BibTeXError:
            fields[name] = _escape_stray_braces(value)
            diagnostics.warning(
                f"paper '{paper.key}': unbalanced braces in '{name}' written as "
                "\\textbraceleft/\\textbraceright",
                paper.location,
            )
    return replace(paper, fields=fields) if fields != paper.fields else paper


def _escape_stray_braces(value: str) -> str:
    out: list[str] = []
    open_at: list[int] = []
    for char in value:
        if char == "{":
            open_at.append(len(out))
            out.append(char)
        elif char == "}":
            if open_at:
                open_at.pop()
                out.append(char)
            else:
                out.append("\\textbraceright{}")
        else:
            out.append(char)
    for index in open_at:
        out[index] = "\\textbraceleft{}"
    return "".join(out)
