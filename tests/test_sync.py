"""A researcher's own library, end to end: keys kept, nothing lost, re-imports that change nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Diagnostics
from generator.load.sources import read_sources
from generator.organize.review import Review
from generator.pipeline import load_review
from generator.project import Project
from generator.store.bibfile import read_store
from generator.store.importer import import_files
from generator.store.keys import usable_key
from tests.support import mkdocs_build, shared_path

# Every real export in ../shared/corpora, with its record count.
EXPORTS = {
    "bibtex-real/controlnet-annotated-bibliography.zotero.bib": 232,
    "bibtex-real/alexpiche-obsidian-vault.bbt-biblatex.bib": 202,
    "bibtex-real/jabref-jabref.jabref.bib": 156,
    "bibtex-real/jabref-jabref.dblp-via-jabref.bib": 212,
    "ris-real/mq-cah-PublicHistTheses.zotero.ris": 100,
    "csljson-real/adunning-latin-greek-scientific-terminology.zotero.csl.json": 210,
    "csljson-real/TomBener-quarto-chinese.bbt-csl.json": 129,
}


def _start(tmp_path: Path, export: str) -> tuple[Project, Path]:
    """`litreview init`, with the export copied into content/sources/ as a user keeps it."""
    root = tmp_path / "review"
    assert main(["init", str(root), "--title", "My review"]) == 0
    source = root / "content" / "sources" / Path(export).name
    shutil.copyfile(shared_path("corpora", *export.split("/")), source)
    return Project.configured(root, Diagnostics()), source


def _store(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in project.store_files()}


@pytest.mark.parametrize("export", list(EXPORTS))
def test_a_real_export_is_imported_without_loss_and_again_without_change(
    tmp_path: Path, export: str
) -> None:
    """Every record becomes a paper or a reported merge; every key the source gave is a stored
    key or an alias; a second import of the same file leaves the store byte for byte."""
    project, source = _start(tmp_path, export)
    into = project.papers_dir / "library.bib"
    diagnostics = Diagnostics()
    report = import_files(project, [source], into, diagnostics)
    assert not diagnostics.errors
    assert report.read == EXPORTS[export]
    papers = read_store([(into, "library.bib")], Diagnostics())
    assert len(papers) + len(report.merges) == report.read  # nothing lost
    names = {p.key for p in papers} | {a for p in papers for a in p.aliases}
    records = read_sources([(source, "x")], Diagnostics())
    kept = [r.key for r in records if usable_key(r.key)]
    assert (kept and all(k in names for k in kept)) or not any(r.key for r in records)
    assert len(report.renamed) == sum(1 for r in records if r.key and not usable_key(r.key)) + sum(
        1 for line in report.renamed if "(clash)" in line
    )
    before = _store(project)
    again = import_files(project, [source], into, Diagnostics())
    assert again.added == [] and again.updated == {} and again.missing == []
    assert again.written == [] and _store(project) == before
    assert again.merges == []  # the same records again are no news


def test_keys_of_a_better_bibtex_export_are_the_site_keys(tmp_path: Path) -> None:
    """A BBT key (camelCase) stays the key: citable, and its page at the key in lower case."""
    project, source = _start(tmp_path, "bibtex-real/alexpiche-obsidian-vault.bbt-biblatex.bib")
    assert main(["-C", str(project.root), "import", str(source)]) == 0
    (project.pages_dir / "about.md").write_text(  # type: ignore[operator]
        "# About\n\nAs [@ouyangTrainingLanguageModels2022] shows.\n", encoding="utf-8"
    )
    result = mkdocs_build(project.root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "papers" / "ouyangtraininglanguagemodels2022" / "index.html"
    assert "Training Language Models to Follow Instructions" in page.read_text(encoding="utf-8")
    about = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../papers/ouyangtraininglanguagemodels2022/"' in about
    assert "[@ouyang" not in about


def _edit_bib(source: Path) -> tuple[str, str]:
    """Retitle one entry, delete another, add a new one; return (retitled, deleted) keys."""
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "title = {Training Language Models to Follow Instructions with Human Feedback}",
        "title = {Training Language Models to Follow Instructions with Human Feedback (v2)}",
        1,
    )
    start = text.index("@misc{zhangTEMPERATestTimePrompting2022")
    end = text.find("\n@", start + 1)
    text = text[:start] + (text[end + 1 :] if end >= 0 else "")
    text += "\n@misc{newPaper2026,\n  title = {An Entirely New Paper About Reviews},\n}\n"
    source.write_text(text, encoding="utf-8")
    return "ouyangTrainingLanguageModels2022", "zhangTEMPERATestTimePrompting2022"


def test_a_newer_export_updates_adds_and_reports_what_disappeared(tmp_path: Path) -> None:
    """Changed fields are updated, new papers added, vanished ones reported and kept, and
    removed only with --prune unless a topic lists them."""
    project, source = _start(tmp_path, "bibtex-real/alexpiche-obsidian-vault.bbt-biblatex.bib")
    into = project.papers_dir / "library.bib"
    import_files(project, [source], into, Diagnostics())
    retitled, deleted = _edit_bib(source)
    diagnostics = Diagnostics()
    report = import_files(project, [source], into, diagnostics)
    assert report.added == ["newPaper2026"]
    assert report.updated == {retitled: ["title"]}
    assert report.missing == [deleted]
    assert [p.code.value for p in diagnostics.warnings] == ["missing-upstream"]
    keys = {p.key for p in read_store([(into, "x")], Diagnostics())}
    assert deleted in keys  # reported, not deleted
    topic = project.topics_dir / "reading-list.yaml"
    assert main(["-C", str(project.root), "add", "reading-list", deleted]) == 0
    pruned = import_files(project, [source], into, Diagnostics(), prune=True)
    assert pruned.pruned == [] and deleted in {
        p.key for p in read_store([(into, "x")], Diagnostics())
    }
    topic.write_text("title: Reading list\npapers: []\n", encoding="utf-8")
    pruned = import_files(project, [source], into, Diagnostics(), prune=True)
    assert pruned.pruned == [deleted]
    assert deleted not in {p.key for p in read_store([(into, "x")], Diagnostics())}


def test_a_newer_csl_json_export_updates_by_id(tmp_path: Path) -> None:
    """The same sync through CSL-JSON: an item found by its id takes the new title."""
    export = "csljson-real/TomBener-quarto-chinese.bbt-csl.json"
    project, source = _start(tmp_path, export)
    into = project.papers_dir / "library.bib"
    import_files(project, [source], into, Diagnostics())
    items = json.loads(source.read_text(encoding="utf-8"))
    items[0]["title"] = "Seeing like a state (second edition)"
    del items[1]
    source.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    report = import_files(project, [source], into, Diagnostics())
    assert report.updated == {"scott1998": ["title"]}
    assert report.missing == ["feixiaotong1989"] and report.added == []


def test_a_newer_ris_export_finds_keyless_records_by_abstract(tmp_path: Path) -> None:
    """RIS without IDs: a retitled thesis is still found (by its abstract), not added twice."""
    project, source = _start(tmp_path, "ris-real/mq-cah-PublicHistTheses.zotero.ris")
    into = project.papers_dir / "library.bib"
    first = import_files(project, [source], into, Diagnostics())
    text = source.read_bytes()
    marker = b"TI  - "
    at = text.index(marker) + len(marker)
    source.write_bytes(text[:at] + b"Renamed: " + text[at:])
    report = import_files(project, [source], into, Diagnostics())
    assert report.added == [] and list(report.updated.values()) == [["title"]]
    assert len(read_store([(into, "x")], Diagnostics())) == len(first.added)


CLASH = """\
@inproceedings{diakonikolas19a,
  title = {Communication and Memory Efficient Testing of Discrete Distributions},
  crossref = {COLT-2019},
}
@inproceedings{diakonikolas19a,
  title = {Degree-d Chow Parameters Robustly Determine Degree-d PTFs},
  crossref = {COLT-2019},
}
@proceedings{COLT-2019,
  title = {Proceedings of the Thirty-Second Conference on Learning Theory},
  year = {2019},
  publisher = {PMLR},
}
"""


def test_two_papers_under_one_key_are_both_kept(tmp_path: Path) -> None:
    """The second paper gets a derived key and keeps the source's key as an alias; the
    warning names both lines; re-importing (in another order too) changes nothing."""
    root = tmp_path / "review"
    assert main(["init", str(root)]) == 0
    source = tmp_path / "colt.bib"
    source.write_text(CLASH, encoding="utf-8")
    project = Project.configured(root, Diagnostics())
    into = project.papers_dir / "library.bib"
    diagnostics = Diagnostics()
    report = import_files(project, [source], into, diagnostics)
    assert sorted(report.added) == ["COLT-2019", "diakonikolas19a", "diakonikolas19a-2"]
    [warning] = [p for p in diagnostics.warnings if p.code.value == "key-clash"]
    assert str(warning).startswith(f"{source}:5: warning: key 'diakonikolas19a' names a different")
    assert f"({source}:1)" in str(warning)
    papers = {p.key: p for p in read_store([(into, "x")], Diagnostics())}
    assert papers["diakonikolas19a-2"].aliases == ("diakonikolas19a",)
    assert papers["diakonikolas19a-2"].title.startswith("Degree-d")
    before = into.read_bytes()
    entries = CLASH.split("@")
    source.write_text("@" + entries[2] + "@" + entries[1] + "@" + entries[3], encoding="utf-8")
    again = import_files(project, [source], into, Diagnostics())
    assert again.added == [] and again.updated == {} and into.read_bytes() == before


EDITIONS = """\
@book{oldDictionary,
  title = {Oxford Latin Dictionary},
  year = {1982},
}
@book{newDictionary,
  title = {Oxford Latin Dictionary},
  year = {2012},
}
@book{secondEdition,
  title = {Pattern Recognition and Machine Learning, a Companion},
  edition = {2},
  year = {2019},
}
@book{thirdEdition,
  title = {Pattern Recognition and Machine Learning, a Companion},
  edition = {3},
  year = {2019},
}
@article{preprint,
  title = {Scaling Laws for Sparse Mixtures of Experts},
  year = {2019},
}
@article{journalVersion,
  title = {Scaling laws for sparse mixtures of experts},
  year = {2020},
  journal = {Journal of Imaginary Results},
}
@article{%s,
  title = {A paper whose key is as long as some JabRef users make theirs},
  year = {2021},
}
"""
LONG_KEY = "Author2021APaperWhoseKeyIsAsLongAsSomeJabRefUsersMakeTheirs" * 3


def test_editions_stay_apart_a_journal_version_merges_and_long_keys_are_kept(
    tmp_path: Path,
) -> None:
    """Same title, years decades apart or other editions: different books. Same title a year
    apart: a preprint and its journal version, one paper. A key of 180 characters is a key."""
    root = tmp_path / "review"
    assert main(["init", str(root)]) == 0
    source = tmp_path / "books.bib"
    source.write_text(EDITIONS % LONG_KEY, encoding="utf-8")
    project = Project.configured(root, Diagnostics())
    into = project.papers_dir / "library.bib"
    report = import_files(project, [source], into, Diagnostics())
    assert sorted(report.added) == sorted(
        ["oldDictionary", "newDictionary", "secondEdition", "thirdEdition", "preprint", LONG_KEY]
    )
    assert len(report.merges) == 1 and "merged into 'preprint'" in report.merges[0]
    assert report.merges[0].endswith("same title)")
    assert report.renamed == []
    papers = {p.key: p for p in read_store([(into, "x")], Diagnostics())}
    assert papers["preprint"].aliases == ("journalVersion",)
    before = into.read_bytes()
    again = import_files(project, [source], into, Diagnostics())
    assert again.added == again.merges == [] and into.read_bytes() == before


def _started_with(tmp_path: Path, name: str, text: str) -> tuple[Path, Review]:
    """A review started with `litreview init` and one file imported, and its review."""
    root = tmp_path / "review"
    assert main(["init", str(root)]) == 0
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    assert main(["-C", str(root), "import", str(source)]) == 0
    return root, load_review(Project.configured(root, Diagnostics()), Diagnostics())


def test_a_proceedings_entry_is_a_container_not_a_paper(tmp_path: Path) -> None:
    """@proceedings that papers crossref stays in the store under its key, is no paper of the
    site, and gives its papers their booktitle, year and publisher."""
    root, review = _started_with(tmp_path, "colt.bib", CLASH)
    assert list(review.containers) == ["COLT-2019"]
    assert "COLT-2019" not in review.papers and "COLT-2019" not in review.unplaced
    paper = review.papers["diakonikolas19a"]
    assert (
        paper.fields["booktitle"]
        == "Proceedings of the Thirty-Second Conference on Learning Theory"
    )
    assert paper.year == "2019" and paper.fields["publisher"] == "PMLR"
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "papers" / "colt-2019").exists()
    page = (tmp_path / "site" / "papers" / "diakonikolas19a" / "index.html").read_text("utf-8")
    assert "Thirty-Second Conference on Learning Theory" in page


AWESOME = """\
- title: "Attention Is All You Need"
  authors: [["Ashish", "Vaswani"], ["Noam", "Shazeer"]]
  urls:
    arxiv: https://arxiv.org/abs/1706.03762
    code: https://github.com/tensorflow/tensor2tensor
  stars: 5
- title: "Deep Residual Learning for Image Recognition"
  authors:
    - {given: Kaiming, family: He}
    - {name: Xiangyu Zhang}
  tags: [vision]
- title: "Attention Is All You Need"
  tags: [nlp]
"""


def test_yaml_lists_keep_every_author_shape_and_link_and_report_the_rest(tmp_path: Path) -> None:
    """[first, last] pairs, {given, family}, {name}; a urls map gives url, arXiv id and code;
    unknown fields and the paper listed twice are reported, not dropped silently."""
    root = tmp_path / "review"
    assert main(["init", str(root)]) == 0
    source = tmp_path / "awesome.yaml"
    source.write_text(AWESOME, encoding="utf-8")
    project = Project.configured(root, Diagnostics())
    diagnostics = Diagnostics()
    report = import_files(project, [source], project.papers_dir / "l.bib", diagnostics)
    assert report.read == 3 and len(report.added) == 2 and len(report.merges) == 1
    [ignored] = [str(p) for p in diagnostics.warnings]
    assert ignored.startswith(f"{source}:6:3: warning: field 'stars' is not read (it is on 1")
    papers = {p.title: p for p in read_store([(project.papers_dir / "l.bib", "x")], Diagnostics())}
    attention = papers["Attention Is All You Need"]
    assert attention.authors == ("Vaswani, Ashish", "Shazeer, Noam")
    assert attention.fields["eprint"] == "1706.03762"
    assert attention.fields["code"] == "https://github.com/tensorflow/tensor2tensor"
    assert attention.fields["keywords"] == "nlp"
    assert papers["Deep Residual Learning for Image Recognition"].authors == (
        "He, Kaiming",
        "Xiangyu Zhang",
    )


def test_a_corrected_title_survives_reimporting_the_papers_own_source(tmp_path: Path) -> None:
    """A metadata list's `override: [title]` replaces the title a paper's own export gave;
    importing that export again keeps the correction, so the two imports, run in turn as
    often as one likes, write nothing after the first round."""
    root = tmp_path / "review"
    assert main(["init", str(root)]) == 0
    export = tmp_path / "export.bib"
    export.write_text(
        "@article{chen2022,\n  title = {An Old Preprint Title},\n  year = {2022},\n}\n"
    )
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text("- key: chen2022\n  title: The Published Title\n  override: [title]\n")
    project = Project.configured(root, Diagnostics())
    into = project.papers_dir / "library.bib"
    import_files(project, [export], into, Diagnostics())
    fixed = import_files(project, [fixes], into, Diagnostics())
    assert "title" in fixed.updated["chen2022"]
    before = into.read_bytes()
    for source in (export, fixes, export):
        again = import_files(project, [source], into, Diagnostics())
        assert again.updated == {} and again.written == [] and into.read_bytes() == before
    [paper] = read_store([(into, "x")], Diagnostics())
    assert paper.title == "The Published Title"


CONTAINERS = """\
@inbook{chapter, title = {A chapter}, crossref = {volume}}
@book{volume, title = {Volume two}, crossref = {works}}
@mvbook{works, title = {Collected works}}
@book{left, title = {Left book}, crossref = {right}}
@book{right, title = {Right book}, crossref = {left}}
@proceedings{read, title = {Proceedings read as a paper}, abstract = {It has one.}}
@inproceedings{talk, title = {A talk}, crossref = {read}}
@book{alone, title = {A book nobody cites}, crossref = {works2}}
@mvbook{works2, title = {Its multi-volume work}}
"""


def test_containers_are_what_a_paper_is_in_and_naming_one_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A chapter's book and that book's multi-volume work are containers; so is the work
    of a book nobody cites; two books that only name each other stay papers (a cycle
    hides no paper), as does a container with an abstract. `add` and `check` call a
    container by what it is, not an unknown key."""
    root, review = _started_with(tmp_path, "books.bib", CONTAINERS)
    assert sorted(review.containers) == ["volume", "works", "works2"]
    assert sorted(review.papers) == ["alone", "chapter", "left", "read", "right", "talk"]
    assert review.papers["chapter"].fields["booktitle"] == "Volume two"
    capsys.readouterr()
    assert main(["-C", str(root), "add", "reading-list", "chapter", "volume"]) == 2
    assert "'volume' is the @book other entries cross-reference" in capsys.readouterr().err
    topic = root / "content" / "topics" / "reading-list.yaml"
    topic.write_text("title: Reading list\npapers: [chapter, works]\n", encoding="utf-8")
    assert main(["-C", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "reading-list.yaml:2:" in err and "'works' in papers[1]" in err
    assert "is the @mvbook other entries cross-reference" in err and "unknown" not in err


def test_keyless_entries_get_keys_once_and_the_report_says_so(tmp_path: Path) -> None:
    """Entries JabRef saved without a key are stored under keys made from their titles,
    listed in the report; a re-import finds them again and makes none."""
    root, _ = _started_with(tmp_path, "named.bib", "@misc{named, title = {Named}}\n")
    source = tmp_path / "keyless.bib"
    source.write_text(
        "@Article{,\n  title = {Keyless in JabRef},\n  year = {2020},\n}\n\n"
        "@Misc{ ,\n  title = {Second keyless},\n}\n",
        encoding="utf-8",
    )
    project = Project.configured(root, Diagnostics())
    into = root / "content" / "papers" / "library.bib"
    report = import_files(project, [source], into, Diagnostics())
    assert report.made == [
        f"{source}:1: no key; stored as 'keyless-jabref'",
        f"{source}:6: no key; stored as 'second-keyless'",
    ]
    assert "2 keys made from titles" in report.summary()
    before = into.read_bytes()
    again = import_files(project, [source], into, Diagnostics())
    assert again.made == again.added == [] and into.read_bytes() == before
