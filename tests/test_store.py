"""The paper store: dedup, keys, the import, and the round-trip through BibTeX."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_file

from generator.cache import Cache
from generator.errors import Diagnostics, LitReviewError
from generator.project import Project
from generator.store.bibfile import format_store, read_store, write_atomically
from generator.store.dedup import group
from generator.store.importer import import_files
from generator.store.keys import key_from_title
from generator.text.slugs import is_page_slug, is_safe_slug, page_slug
from tests.support import REPO

STORE = REPO / "content" / "papers" / "corpus.bib"
SOURCES = REPO / "content" / "sources"


def _seed_inputs(root: Path) -> list[Path]:
    sources = root / "content" / "sources"
    return [*sorted(sources.glob("*.txt")), sources / "untitled-metadata.yaml"]


@pytest.fixture
def seed_project(tmp_path: Path) -> Project:
    """An empty project holding copies of the seed sources."""
    shutil.copytree(SOURCES, tmp_path / "content" / "sources")
    return Project.at(tmp_path)


def test_import_of_seeds_reproduces_the_committed_store(seed_project: Project) -> None:
    """The README's two imports into an empty project: the seeds give 584 papers, the
    looked-up records then complete 563 of them, byte-identical to the repo's store."""
    diagnostics = Diagnostics()
    into = seed_project.papers_dir / "corpus.bib"
    report = import_files(seed_project, _seed_inputs(seed_project.root), into, diagnostics)
    assert report.read == 589
    assert len(report.added) == 584
    assert len(report.merges) == 5
    metadata = seed_project.sources_dir / "paper-metadata.yaml"
    completed = import_files(seed_project, [metadata], into, diagnostics)
    assert completed.added == [] and len(completed.updated) == 563
    assert not diagnostics.problems
    assert into.read_bytes() == STORE.read_bytes()


def test_default_corpus_records_are_complete() -> None:
    """At least 98% of the default papers have authors, a year and an arXiv id or DOI."""
    papers = read_store([(STORE, "corpus.bib")], Diagnostics())
    complete = [
        p
        for p in papers
        if p.authors and p.year and (p.fields.get("eprint") or p.fields.get("doi"))
    ]
    assert len(complete) >= 0.98 * len(papers) == 0.98 * 584


def test_merge_report_names_both_sources(seed_project: Project) -> None:
    """The L^2M / L$^2$M pair is one paper that keeps both sources; the report says so."""
    diagnostics = Diagnostics()
    into = seed_project.papers_dir / "corpus.bib"
    report = import_files(seed_project, _seed_inputs(seed_project.root), into, diagnostics)
    [line] = [m for m in report.merges if "mutual-information-scaling" in m]
    assert "002_dbc30cdf6c3606d2.txt:805" in line and "001_b359d69eb2f19940.txt:237" in line
    papers = read_store([(into, "corpus.bib")], Diagnostics())
    l2m = next(p for p in papers if "mutual-information-scaling" in p.key)
    assert len(l2m.sources) == 2


def test_reimport_is_a_no_op(seed_project: Project) -> None:
    """Running the same import twice changes nothing and keeps every key."""
    into = seed_project.papers_dir / "corpus.bib"
    import_files(seed_project, _seed_inputs(seed_project.root), into, Diagnostics())
    before = into.read_bytes()
    report = import_files(seed_project, _seed_inputs(seed_project.root), into, Diagnostics())
    assert report.added == [] and report.updated == {} and report.written == []
    assert len(report.known) == 584 and report.missing == []
    assert into.read_bytes() == before


def test_import_adds_to_store_without_losing_entries(seed_project: Project, tmp_path: Path) -> None:
    """A second import into another store file keeps every stored paper and adds the new one."""
    into = seed_project.papers_dir / "corpus.bib"
    import_files(seed_project, _seed_inputs(seed_project.root), into, Diagnostics())
    extra = tmp_path / "extra.bib"
    extra.write_text(
        "@article{smith2020, title={A Brand New Paper on Things}, year={2020},"
        " abstract={Something new.}}\n"
        "@article{dup, title={4+3 Phases of Compute-Optimal Neural Scaling Laws}}\n",
        encoding="utf-8",
    )
    other = seed_project.papers_dir / "mine.bib"
    report = import_files(seed_project, [extra], other, Diagnostics())
    assert report.added == ["smith2020"]
    # The matched paper gains the new source, and the key it has there as an alias.
    assert report.updated == {"4-3-phases-compute-optimal": ["ids", "litreview-sources"]}
    papers = read_store([(p, p.name) for p in seed_project.store_files()], Diagnostics())
    assert len(papers) == 585
    merged = next(p for p in papers if p.key == "4-3-phases-compute-optimal")
    assert merged.sources[-1] == "extra.bib"  # outside the project: by name only
    assert merged.aliases == ("dup",)


def test_strict_import_writes_nothing_on_a_warning(seed_project: Project, tmp_path: Path) -> None:
    """With --strict, a broken entry refuses the whole import and the store is untouched."""
    bad = tmp_path / "bad.bib"
    bad.write_text(
        "@misc{ok, title={Fine Title Here}}\n@misc{broken, title={oops}\n", encoding="utf-8"
    )
    into = seed_project.papers_dir / "x.bib"
    with pytest.raises(LitReviewError) as info:
        import_files(seed_project, [bad], into, Diagnostics(), strict=True)
    assert "bad.bib:" in info.value.report()
    assert not into.exists()


def test_store_round_trip_over_the_whole_corpus(tmp_path: Path) -> None:
    """Reading the store, writing it and reading the written file again (a fresh parse, not
    a cache hit) gives the same papers, text included; the writing is byte-identical."""
    first = read_store([(STORE, "corpus.bib")], Diagnostics())
    text = format_store(first)
    assert text == STORE.read_text(encoding="utf-8")
    written = tmp_path / "written.bib"
    write_atomically(written, text.replace("\n", "\n\n", 1))  # other bytes, same entries
    second = read_store([(written, "corpus.bib")], Diagnostics(), Cache())
    assert [(p.key, p.fields, p.persons) for p in first] == [
        (p.key, p.fields, p.persons) for p in second
    ]
    latex = [p for p in first if "$" in p.abstract or "\\" in p.abstract]
    assert len(latex) > 20  # the round trip really covers LaTeX


def test_store_is_plain_bibtex_for_other_tools() -> None:
    """pybtex's own reader gets the same entries and the same field text (no latexcodec mangling)."""
    ours = {p.key: p for p in read_store([(STORE, "corpus.bib")], Diagnostics())}
    data = parse_file(str(STORE), "bibtex")
    assert len(data.entries) == len(ours) == 584
    for key, entry in data.entries.items():
        assert entry.fields["title"] == ours[key].fields["title"]
        assert entry.fields["abstract"] == ours[key].fields["abstract"]
    math_titles = [k for k, p in ours.items() if "$" in p.title]
    assert math_titles, "expected a title with inline math"


def test_dedup_matches_latex_variants_and_abstracts() -> None:
    """Titles equal up to case, punctuation and LaTeX markup, or equal abstracts, are one paper."""
    abstract = (
        "We study a thing in depth and find that it behaves in a way nobody expected at all, "
        "then we prove it twice over with two independent methods."
    )
    items = [
        {"title": "L$^2$M: Mutual Information Scaling Law"},
        {"title": "l^2m -- mutual information, scaling law"},
        {"title": "Unrelated Paper Title Here", "abstract": abstract},
        {"title": "Another Title Entirely", "abstract": abstract + " "},
        {"title": "Short"},
        {"title": "Short"},
    ]
    groups, matches = group(items)
    assert groups == [[0, 1], [2, 3], [4], [5]]
    assert [m.reason for m in matches] == ["same title", "same abstract"]


def test_keys_are_readable_and_unique() -> None:
    """Keys come from the title without filler words and never collide."""
    taken: set[str] = set()
    first = key_from_title("Scaling Laws for Speculative Decoding", taken)
    assert first == "scaling-laws-speculative-decoding"
    taken.add(first)
    assert key_from_title("Scaling Laws for Speculative Decoding", taken) == (
        "scaling-laws-speculative-decoding-2"
    )


def test_store_keys_are_safe_and_unique() -> None:
    """Every key in the default store is its own safe page slug."""
    papers = read_store([(STORE, "corpus.bib")], Diagnostics())
    assert len({p.key.lower() for p in papers}) == len(papers) == 584
    assert all(is_safe_slug(p.key) and p.slug == p.key for p in papers)


@pytest.mark.parametrize(
    "key", ["../../etc/passwd", "/abs", "a\\b", "CON", "x\x00y", "%2e%2e%2f", ""]
)
def test_page_slug_of_hostile_keys_is_safe(key: str) -> None:
    """No key can name a path outside the site: its slug is a single safe segment."""
    slug = page_slug(key)
    assert is_page_slug(slug)
    assert "/" not in slug and ".." not in slug


def test_cache_parses_a_store_file_again_only_when_its_bytes_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Across builds sharing a cache, an unchanged file is not parsed again; a changed one
    is, and its new content is what the build sees (never a stale copy)."""
    import generator.store.bibfile as bibfile

    parsed: list[str] = []
    real = bibfile.read_bibtex
    monkeypatch.setattr(
        bibfile, "read_bibtex", lambda text, *a, **k: parsed.append(text) or real(text, *a, **k)
    )
    path = tmp_path / "a.bib"
    path.write_text("@misc{a, title={First Title of A}}\n", encoding="utf-8")
    cache = Cache()
    for _ in range(2):
        cache.start_build()
        [paper] = read_store([(path, "a.bib")], Diagnostics(), cache)
    assert len(parsed) == 1 and paper.title == "First Title of A"
    path.write_text("@misc{a, title={Second Title of A}}\n", encoding="utf-8")
    cache.start_build()
    [paper] = read_store([(path, "a.bib")], Diagnostics(), cache)
    assert len(parsed) == 2 and paper.title == "Second Title of A"
    cache.start_build()
    assert len(cache) == 1  # the first version, unused by the last build, was dropped
