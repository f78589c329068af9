"""Importing source files into the paper store, as often as the sources change.

An import is a sync: every record is matched to the paper it describes (by key, then
DOI or arXiv id, then title or abstract: `generator.store.dedup`). A record from the
file a paper was first imported from is that paper's authority: changed fields are
updated. A record from any other file only adds what the paper lacks. Records that
match no paper become new papers under the key their source gave them; a key that is
taken gets a derived key, and the source's key is kept as an alias (BibLaTeX's
``ids``). Papers whose source file no longer has them are reported, and removed
only with ``--prune``. Importing the same files again changes nothing. Nothing is
written until every input has been read, and each store file is replaced atomically.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pybtex.bibtex.exceptions import BibTeXError

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.seeds import TextRepair
from generator.load.sources import read_sources
from generator.load.topics import read_topics
from generator.model import (
    ALIASES_FIELD,
    INTERNAL_FIELDS,
    OVERRIDDEN_FIELD,
    OVERRIDE_FIELD,
    PROVISIONAL_FIELD,
    SOURCES_FIELD,
    Paper,
    Record,
)
from generator.progress import Progress, silent
from generator.project import Project
from generator.store.bibfile import format_store, quote, read_store, write_atomically
from generator.store.dedup import Index, agree, group, identities
from generator.store.keys import key_from_title, next_free, usable_key
from generator.store.provenance import source_of, source_path
from generator.text.slugs import page_slug

PROVISIONAL_WORDS = 10
# Keywords gather: each source adds its topics and tags, none takes another's away.
KEYWORDS = "keywords"


@dataclass
class ImportReport:
    read: int = 0
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # key -> fields changed
    known: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # keys that had to change, and why
    made: list[str] = field(default_factory=list)  # keys made for records with none
    missing: list[str] = field(default_factory=list)  # no longer in their source file
    pruned: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    # Formulas restored in pasted text (and debris left as it was: `after` is None).
    repairs: list[TextRepair] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{self.read} records read: {len(self.added)} new papers",
            f"{len(self.updated)} stored papers updated",
            f"{len(self.known)} unchanged",
            f"{len(self.merges)} merged as duplicates",
            f"{len(self.renamed)} keys changed",
        ]
        if self.made:
            parts.append(f"{len(self.made)} keys made from titles (records without one)")
        if self.missing:
            parts.append(f"{len(self.missing)} no longer in their source")
        if self.pruned:
            parts.append(f"{len(self.pruned)} removed")
        restored = sum(r.after is not None for r in self.repairs)
        left = len(self.repairs) - restored
        if restored or left:
            parts.append(
                f"{restored} formulas restored in pasted text"
                + (f" ({left} left as they were)" if left else "")
            )
        return ", ".join(parts)


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
    prune: bool = False,
    progress: Progress = silent,
) -> ImportReport:
    stored = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    diagnostics.raise_if_errors()
    shown_inputs = [(p, project.display(p)) for p in inputs]
    repairs: list[TextRepair] = []
    records = read_sources(shown_inputs, diagnostics, encoding, forced_format, progress, repairs)
    diagnostics.raise_if_errors(strict)

    sync = _Sync(stored, project.display(into), diagnostics)
    report = ImportReport(read=len(records), repairs=repairs)
    unmatched = sync.match_stored(records, report)
    sync.add_new(unmatched, report)
    sync.find_missing({source_path(shown) for _, shown in shown_inputs}, report)
    if prune and report.missing:
        sync.prune(report, _listed_keys(project, diagnostics))
    papers = {k: _balanced(p, diagnostics) for k, p in sync.papers.items()}
    diagnostics.raise_if_errors(strict)
    if dry_run:
        return report
    for shown in sorted(sync.changed_files):
        in_file = [p for k, p in papers.items() if sync.origin[k] == shown]
        write_atomically(project.root / shown, format_store(in_file))
        report.written.append(shown)
    return report


class _Sync:
    """The store being brought in line with the records of one import."""

    def __init__(self, stored: list[Paper], target: str, diagnostics: Diagnostics) -> None:
        self.stored = stored
        self.target = target
        self.diagnostics = diagnostics
        self.papers = {p.key: p for p in stored}
        self.origin = {p.key: p.location.path for p in stored}
        self.changed_files: set[str] = set()
        self.matched: set[str] = set()
        self.taken = {k.lower() for p in stored for k in (p.key, *p.aliases)}
        self.holder: dict[str, Location] = {p.key.lower(): p.location for p in stored}
        self.idents = [identities(p.fields) for p in stored]
        self.index = Index()
        for idents in self.idents:
            self.index.add(idents)
        self.by_key = {p.key.lower(): i for i, p in enumerate(stored)}
        self.by_alias: dict[str, list[int]] = {}
        for i, paper in enumerate(stored):
            for alias in paper.aliases:
                self.by_alias.setdefault(alias.lower(), []).append(i)

    # Records that describe stored papers

    def match_stored(self, records: list[Record], report: ImportReport) -> list[Record]:
        """Apply each record that describes a stored paper; return the others."""
        counts = Counter(r.key.lower() for r in records if r.key)
        unmatched = []
        for record in records:
            number, reason = self._stored_match(record, counts)
            if number is None:
                unmatched.append(record)
                continue
            paper = self.papers[self.stored[number].key]
            known = {source_path(s) for s in paper.sources}
            if reason not in ("key", "alias") and source_path(source_of(record)) not in known:
                report.merges.append(f"{record.location} matched stored '{paper.key}' ({reason})")
            self._apply(paper, record, report)
        return unmatched

    def _stored_match(self, record: Record, counts: Counter[str]) -> tuple[int | None, str]:
        idents = identities(record.fields)
        if record.key:
            key = record.key.lower()
            # A key used once in the inputs names its paper; a key used for several
            # records (a clash in the source) only where the content agrees.
            unique = counts[key] == 1
            number = self.by_key.get(key)
            if number is not None and (unique or agree(idents, self.idents[number])):
                return number, "key"
            aliases = self.by_alias.get(key, [])
            for number in aliases:
                if (unique and len(aliases) == 1) or agree(idents, self.idents[number]):
                    return number, "alias"
        found = self.index.find(idents)
        return (found[0], f"same {found[1]}") if found else (None, "")

    def _apply(self, paper: Paper, record: Record, report: ImportReport) -> None:
        """Bring `record`'s facts into `paper`: all of them when the record comes from
        the paper's own source file, else only what the paper lacks."""
        source = source_of(record)
        # Only the first record of a paper's own file is its authority in one import: a
        # file listing a paper twice must not make its fields flip on every import.
        authority = (
            bool(paper.sources)
            and source_path(paper.sources[0]) == source_path(source)
            and paper.key not in self.matched
        )
        fields, persons = dict(paper.fields), dict(paper.persons)
        overrides = _names(record.fields.get(OVERRIDE_FIELD, ""))
        overridden = _names(fields.get(OVERRIDDEN_FIELD, ""))
        changed = []
        for name, value in record.fields.items():
            if name in INTERNAL_FIELDS or name == ALIASES_FIELD or not value:
                continue
            current = fields.get(name)
            if name == KEYWORDS:
                value = _union(current, value)
            if name in overrides and name not in overridden and not authority:
                overridden.add(name)
                changed.append(OVERRIDDEN_FIELD)
            if current == value:
                continue
            if (
                name == KEYWORDS
                or not current
                or (authority and name not in overridden)
                or name in overrides
                or (name == "title" and paper.provisional_title)
            ):
                fields[name] = value
                changed.append(name)
                if name == "title":
                    fields.pop(PROVISIONAL_FIELD, None)
        if overridden:
            fields[OVERRIDDEN_FIELD] = ", ".join(sorted(overridden))
        for role, names in record.persons.items():
            if persons.get(role) != names and (authority or not persons.get(role)):
                persons[role] = names
                changed.append(role)
        aliases = list(paper.aliases)
        for key in (record.key, *_aliases_of(record)):
            if usable_key(key) and key and key.lower() != paper.key.lower() and key not in aliases:
                aliases.append(key)
                changed.append(ALIASES_FIELD)
        if aliases:
            fields[ALIASES_FIELD] = ", ".join(aliases)
        sources = list(paper.sources)
        if source_path(source) not in {source_path(s) for s in sources}:
            sources.append(source)
            changed.append(SOURCES_FIELD)
        if sources:
            fields[SOURCES_FIELD] = "; ".join(sources)
        self.matched.add(paper.key)
        if not changed:
            if paper.key not in report.updated and paper.key not in report.known:
                report.known.append(paper.key)
            return
        if paper.key in report.known:
            report.known.remove(paper.key)
        report.updated.setdefault(paper.key, [])
        report.updated[paper.key] += [c for c in dict.fromkeys(changed)
                                      if c not in report.updated[paper.key]]  # fmt: skip
        self.papers[paper.key] = replace(paper, fields=fields, persons=persons)
        self.changed_files.add(self.origin[paper.key])

    # Records that are new papers

    def add_new(self, records: list[Record], report: ImportReport) -> None:
        groups, matches = group(r.fields for r in records)
        reasons = {m.index: m.reason for m in matches}
        for members in groups:
            first = records[members[0]]
            key = self._key_for([records[i] for i in members], report)
            paper = Paper(
                key=key,
                slug=page_slug(key),
                location=Location(self.target),
                entry_type=first.entry_type,
                fields={},
                persons={},
            )
            for index in members:
                record = records[index]
                paper = self._merge_new(paper, record, index == members[0])
                if index != members[0]:
                    report.merges.append(
                        f"{record.location} merged into '{key}' (from {first.location}; "
                        f"{reasons.get(index, 'same paper')})"
                    )
            paper = _ensure_title(paper, first.location, self.diagnostics)
            self.papers[key] = paper
            self.origin[key] = self.target
            self.holder[key.lower()] = first.location
            self.matched.add(key)
            report.added.append(key)
            self.changed_files.add(self.target)

    def _key_for(self, members: list[Record], report: ImportReport) -> str:
        """The first usable source key of the group when free; a taken one gets a
        derived key (and stays an alias); records without one get a key from the title."""
        wanted = next((r for r in members if usable_key(r.key)), None)
        if wanted is None or wanted.key is None:
            first = members[0]
            key = key_from_title(first.title or first.abstract, self.taken)
            if not first.key:
                report.made.append(f"{first.location}: no key; stored as '{key}'")
            else:
                report.renamed.append(
                    f"{first.location}: key '{first.key}' cannot be a store key (spaces, "
                    f"commas, braces or a URL); stored as '{key}', the old key kept as an alias"
                    if _alias_ok(first.key) else
                    f"{first.location}: key '{first.key}' cannot be a store key; stored as '{key}'"
                )  # fmt: skip
        elif wanted.key.lower() not in self.taken:
            key = wanted.key
        else:
            key = next_free(wanted.key, self.taken)
            holder = self.holder.get(wanted.key.lower())
            where = f" ({holder})" if holder else ""
            self.diagnostics.warning(
                Code.KEY_CLASH,
                f"key '{wanted.key}' names a different paper already{where}; this one is "
                f"stored as '{key}', with '{wanted.key}' kept as an alias",
                wanted.location,
                subject=wanted.key,
            )
            report.renamed.append(f"{wanted.location}: '{wanted.key}' stored as '{key}' (clash)")
        self.taken.add(key.lower())
        return key

    def _merge_new(self, paper: Paper, record: Record, first: bool) -> Paper:
        fields = dict(paper.fields)
        persons = dict(paper.persons)
        for name, value in record.fields.items():
            if name == KEYWORDS:
                fields[name] = _union(fields.get(name), value)
            elif value and not fields.get(name) and name != OVERRIDE_FIELD:
                fields[name] = value
        for role, names in record.persons.items():
            persons.setdefault(role, names)
        aliases = [a.strip() for a in fields.get(ALIASES_FIELD, "").split(",") if a.strip()]
        for key in (record.key, *_aliases_of(record)):
            if key and _alias_ok(key) and key.lower() != paper.key.lower() and key not in aliases:
                aliases.append(key)
        if aliases:
            fields[ALIASES_FIELD] = ", ".join(aliases)
        sources = [s.strip() for s in fields.get(SOURCES_FIELD, "").split(";") if s.strip()]
        source = source_of(record)
        if source_path(source) not in {source_path(s) for s in sources}:
            sources.append(source)
        fields[SOURCES_FIELD] = "; ".join(sources)
        entry_type = record.entry_type if first else paper.entry_type
        return replace(paper, entry_type=entry_type, fields=fields, persons=persons)

    # Papers their source no longer has

    def find_missing(self, input_paths: set[str], report: ImportReport) -> None:
        for paper in self.stored:
            if paper.key in self.matched or not paper.sources:
                continue
            if source_path(paper.sources[0]) in input_paths:
                report.missing.append(paper.key)
        if report.missing:
            shown = ", ".join(report.missing[:10]) + (" …" if len(report.missing) > 10 else "")
            self.diagnostics.warning(
                Code.MISSING_UPSTREAM,
                f"{len(report.missing)} stored papers are no longer in the file they were "
                f"imported from ({shown}); they are kept (`import --prune` removes them)",
            )

    def prune(self, report: ImportReport, listed: set[str]) -> None:
        for key in report.missing:
            if key in listed:
                self.diagnostics.warning(
                    Code.MISSING_UPSTREAM,
                    f"paper '{key}' is no longer in its source but a topic lists it; it is kept",
                    self.papers[key].location,
                    subject=key,
                )
                continue
            del self.papers[key]
            self.changed_files.add(self.origin[key])
            report.pruned.append(key)


def _names(listing: str) -> set[str]:
    """The field names of a comma-separated list."""
    return {name.strip() for name in listing.split(",") if name.strip()}


def _union(current: str | None, value: str) -> str:
    """Comma-separated keywords of both, each once, in first-seen order."""
    words = [w.strip() for text in (current or "", value) for w in text.split(",")]
    return ", ".join(dict.fromkeys(w for w in words if w))


def _aliases_of(record: Record) -> list[str]:
    return [a.strip() for a in record.fields.get(ALIASES_FIELD, "").split(",") if a.strip()]


def _alias_ok(key: str) -> bool:
    """An alias is written in a comma-separated BibTeX field: no commas, braces, spaces."""
    return (
        bool(key)
        and ".." not in key
        and not any(c in key for c in ",{}")
        and not any(c.isspace() for c in key)
    )


def _listed_keys(project: Project, diagnostics: Diagnostics) -> set[str]:
    files = [(p, project.display(p)) for p in project.topic_files()]
    return {key for topic in read_topics(files, Diagnostics()) for key in topic.paper_keys()}


def _ensure_title(paper: Paper, where: Location, diagnostics: Diagnostics) -> Paper:
    """A paper with no title gets a provisional one: its abstract's opening words, or
    its key when it has no abstract either (a container, an entry set)."""
    if paper.title:
        return paper
    words = paper.abstract.split()
    title = " ".join(words[:PROVISIONAL_WORDS]) + ("…" if len(words) > PROVISIONAL_WORDS else "")
    title = title or paper.key
    diagnostics.warning(
        Code.PROVISIONAL_TITLE,
        f"paper '{paper.key}' has no title; using a provisional one: {title!r}",
        where,
        subject=paper.key,
    )
    fields = {**paper.fields, "title": title, PROVISIONAL_FIELD: "title"}
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
                Code.UNBALANCED_BRACES,
                f"paper '{paper.key}': unbalanced braces in '{name}' written as "
                "\\textbraceleft/\\textbraceright",
                paper.location,
                subject=paper.key,
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
