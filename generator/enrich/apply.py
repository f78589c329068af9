"""One enrichment of the paper store: choose the papers, look them up, merge, write.

Papers are looked up by arXiv id (in batches), by exact title on arXiv where they have no
arXiv id, and on Crossref by DOI (the paper's own, or the one arXiv names). A record is
attached only when its title is the paper's title up to case, accents, punctuation and
LaTeX markup; a near match is a different paper as far as enrich is concerned. Nothing
is written until every lookup is done, and each store file is replaced atomically.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.codes import Code
from generator.enrich.arxiv import ArxivEntry
from generator.enrich.crossref import CrossrefWork
from generator.enrich.merge import Change, merge
from generator.enrich.propose import ARXIV_DOI, propose
from generator.enrich.sources import Sources
from generator.errors import Diagnostics, UsageError
from generator.model import Paper
from generator.progress import Progress, silent
from generator.project import Project
from generator.store.bibfile import format_store, read_store, write_atomically
from generator.store.dedup import MIN_TITLE
from generator.text import identifiers
from generator.text.identifiers import arxiv_id_in, clean_doi, doi_in_url, is_arxiv_id
from generator.text.latex import identity, plain_text

_VERSION = re.compile(r"v\d+$")
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class EnrichOptions:
    keys: Sequence[str] = ()  # only these papers (default: all)
    only_missing: bool = False  # only papers lacking authors, a year or an id
    dry_run: bool = False
    today: str = ""  # the date provenance records (default: today)


@dataclass
class EnrichReport:
    looked_up: list[str] = field(default_factory=list)
    changed: dict[str, list[Change]] = field(default_factory=dict)
    not_found: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def summary(self) -> str:
        papers = "paper" if len(self.looked_up) == 1 else "papers"
        return (
            f"{len(self.looked_up)} {papers} looked up: {len(self.changed)} updated, "
            f"{len(self.not_found)} not found"
        )


def enrich_store(
    project: Project,
    sources: Sources,
    diagnostics: Diagnostics,
    options: EnrichOptions = EnrichOptions(),
    progress: Progress = silent,
) -> EnrichReport:
    stored = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    diagnostics.raise_if_errors()
    by_key = {p.key: p for p in stored}
    unknown = [k for k in options.keys if k not in by_key]
    if unknown:
        raise UsageError(f"unknown paper key '{unknown[0]}'")
    chosen = [by_key[k] for k in dict.fromkeys(options.keys)] if options.keys else stored
    if options.only_missing:
        chosen = [p for p in chosen if lacks_metadata(p)]
    report = EnrichReport(looked_up=[p.key for p in chosen])

    entries = _arxiv_entries(chosen, sources, diagnostics, progress)
    works = _crossref_works(chosen, entries, sources, diagnostics, progress)
    for failure in sources.failures:
        diagnostics.warning(Code.SERVICE_UNAVAILABLE, failure)
    if sources.offline:
        return report  # nothing was looked up, so nothing may change
    today = options.today or datetime.date.today().isoformat()
    updated: dict[str, Paper] = {}
    for paper in chosen:
        entry, work = entries.get(paper.key), works.get(paper.key)
        if entry is None and work is None:
            report.not_found.append(paper.key)
        proposal = propose(paper.fields, entry, work)
        new, changes = merge(paper, proposal, today=today, refresh=not options.only_missing)
        if new != paper:
            updated[paper.key] = new
            report.changed[paper.key] = changes
    if updated and not options.dry_run:
        files = sorted({updated[k].location.path for k in updated})
        for shown in files:
            in_file = [updated.get(p.key, p) for p in stored if p.location.path == shown]
            write_atomically(project.root / shown, format_store(in_file))
            report.written.append(shown)
    return report


def lacks_metadata(paper: Paper) -> bool:
    """No authors, no year, or neither an arXiv id nor a DOI."""
    return not paper.authors or not paper.year or not (arxiv_of(paper) or doi_of(paper))


def arxiv_of(paper: Paper) -> str:
    """The paper's arXiv id without its version: its eprint, or one named in its URL,
    note or an arXiv DOI. An id arXiv could not parse would fail a whole batch: ""."""
    fields = paper.fields
    found = identifiers.arxiv_of(fields)
    if not found and "archiveprefix" not in fields and "eprinttype" not in fields:
        found = fields.get("eprint", "").strip()  # an eprint with no archive named
    if not is_arxiv_id(found):
        found = arxiv_id_in(fields.get("url", ""), fields.get("doi", ""), fields.get("note", ""))
    return _VERSION.sub("", found)


def doi_of(paper: Paper) -> str:
    return clean_doi(paper.fields.get("doi", "")) or doi_in_url(paper.fields.get("url", ""))


def same_title(a: str, b: str) -> bool:
    """The strict test every attached record passes: equal titles up to case, accents,
    punctuation and LaTeX markup, and long enough to mean something."""
    ident = identity(a)
    return len(ident) >= MIN_TITLE and ident == identity(b)


def _arxiv_entries(
    papers: list[Paper], sources: Sources, diagnostics: Diagnostics, progress: Progress
) -> dict[str, ArxivEntry]:
    """The arXiv record of each paper that has one, by paper key."""
    ids = {p.key: arxiv_of(p) for p in papers}
    by_id = sources.arxiv_by_ids(sorted({i for i in ids.values() if i}))
    found: dict[str, ArxivEntry] = {}
    for paper in papers:
        arxiv = ids[paper.key]
        if not arxiv:
            continue
        entry = by_id.get(arxiv)
        if entry is None:
            continue
        said = f"arXiv {arxiv} is titled {entry.title!r}"
        if _titled_as(paper, entry.title, said, "its id", diagnostics):
            found[paper.key] = entry
    # A title too short to match strictly is not worth a request.
    untitled = [
        p
        for p in papers
        if not ids[p.key] and not p.provisional_title and len(identity(p.title)) >= MIN_TITLE
    ]
    for paper in progress(untitled, "arXiv titles"):
        matches = {e.arxiv_id: e for e in sources.arxiv_by_title(paper.title)}
        exact = [e for e in matches.values() if same_title(paper.title, e.title)]
        if len(exact) == 1:
            found[paper.key] = exact[0]
        elif len(exact) > 1:
            named = ", ".join(e.arxiv_id for e in exact)
            diagnostics.warning(
                Code.ENRICH_AMBIGUOUS,
                f"paper '{paper.key}': several arXiv papers have this title ({named}); "
                "add the right one as eprint",
                paper.location,
            )
    return found


def _crossref_works(
    papers: list[Paper],
    entries: dict[str, ArxivEntry],
    sources: Sources,
    diagnostics: Diagnostics,
    progress: Progress,
) -> dict[str, CrossrefWork]:
    """The Crossref work of each paper with a DOI (its own, or its arXiv record's)."""
    wanted = {}
    for paper in papers:
        entry = entries.get(paper.key)
        doi = doi_of(paper) or (entry.doi if entry else "")
        if doi and not ARXIV_DOI.match(doi):
            wanted[paper.key] = doi
    found: dict[str, CrossrefWork] = {}
    for paper in progress([p for p in papers if p.key in wanted], "Crossref"):
        work = sources.crossref_work(wanted[paper.key])
        if work is None:
            continue
        said = f"DOI {wanted[paper.key]} is titled {work.title!r} at Crossref"
        if _titled_as(paper, work.title, said, "the DOI", diagnostics):
            found[paper.key] = work
    return found


def _titled_as(paper: Paper, title: str, said: str, check: str, diagnostics: Diagnostics) -> bool:
    """Whether a record found by the paper's id is the paper (`_close_titles`); when not,
    a warning that names the record (`said`) and what to `check`."""
    if paper.provisional_title or _close_titles(paper.title, title):
        return True
    diagnostics.warning(
        Code.ENRICH_MISMATCH,
        f"paper '{paper.key}': {said}, not this paper's title; check {check} "
        "(nothing was taken from it)",
        paper.location,
    )
    return False


def _close_titles(ours: str, theirs: str) -> bool:
    """A record found by id is the paper unless the titles share little: versions and
    publishers retitle papers a little, a wrong id names another paper entirely."""
    a, b = _words(ours), _words(theirs)
    if not a or not b:
        return True
    return len(a & b) >= 0.6 * min(len(a), len(b))


def _words(text: str) -> set[str]:
    """A title's words of three letters or more, folded as `identity` folds them."""
    folded = unicodedata.normalize("NFKD", plain_text(text)).casefold()
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in _WORD.findall(bare) if len(w) > 2}
