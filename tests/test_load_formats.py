"""CSL-JSON, RIS and YAML paper lists: reading, locations, detection, and merging across formats."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import rispy

from generator.cache import Cache
from generator.cli import main
from generator.errors import Diagnostics
from generator.load.csljson import read_csljson
from generator.load.ris import read_ris
from generator.load.sources import FORMATS, detect_format, read_sources
from generator.load.yamllist import read_yaml_list
from generator.model import Paper, Record
from generator.project import Project
from generator.render.exports import (
    Exporter,
    _RisWriter,
    csl_item,
    ris_record,
    to_csl_json,
    to_ris,
)
from generator.render.public_fields import public
from generator.store.bibfile import format_store, read_store
from generator.store.dedup import group, identities
from generator.store.importer import import_files
from tests.support import FIXTURES, REPO, shared_path

FORMATS_DIR = FIXTURES / "formats"
ASYNC_FL = ("corpora", "yaml-lists", "beiyuouo-awesome-async-fl.papers.yaml")
SOFTWARE = ("corpora", "yaml-lists", "facundoolano-software-papers.papers.yml")


def _read(path: Path, forced: str | None = None) -> tuple[list[Record], Diagnostics]:
    diagnostics = Diagnostics()
    records = read_sources([(path, path.name)], diagnostics, forced_format=forced)
    return records, diagnostics


def _by_title(records: list[Record], start: str) -> Record:
    [record] = [r for r in records if r.title.startswith(start)]
    return record


# CSL-JSON


def test_csljson_items_become_located_bibtex_records() -> None:
    """Each Zotero item is a record at the line of its '{', with BibTeX type, fields and names."""
    records, diagnostics = _read(FORMATS_DIR / "zotero.json")
    assert not diagnostics.problems
    assert [(r.location.line, r.entry_type) for r in records] == [
        (2, "misc"),
        (19, "article"),
        (36, "inproceedings"),
        (50, "techreport"),
    ]
    kaplan, mnih, vaswani, gpt4 = records
    assert kaplan.persons["author"] == ("Kaplan, Jared", "McCandlish, Sam", "Henighan, Tom")
    assert (kaplan.fields["eprint"], kaplan.fields["archiveprefix"]) == ("2001.08361", "arXiv")
    assert kaplan.fields["year"] == "2020"
    assert mnih.fields["journal"] == "Nature" and mnih.fields["doi"] == "10.1038/nature14236"
    assert mnih.fields["number"] == "7540"
    assert vaswani.fields["booktitle"] == "Advances in Neural Information Processing Systems"
    assert vaswani.fields["eprint"] == "1706.03762" and vaswani.key == "vaswani2017attention"
    assert gpt4.persons["author"] == ("{OpenAI}",)
    assert gpt4.fields["year"] == "2023" and gpt4.fields["eprint"] == "2303.08774v6"


def test_csljson_names_with_particles_and_suffixes() -> None:
    """CSL name parts are written as BibTeX's 'von Last, Jr, First'."""
    text = (
        '[{"title": "On Names in Bibliographies", "author": ['
        '{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},'
        '{"family": "King", "given": "Martin Luther", "suffix": "Jr."},'
        '{"given": "Plato"}]}]'
    )
    [record] = read_csljson(text, "names.json", Diagnostics())
    assert record.persons["author"] == (
        "van Beethoven, Ludwig",
        "King, Jr., Martin Luther",
        "Plato",
    )


def test_malformed_json_is_a_located_error() -> None:
    """A missing comma is reported at the line and column JSON's parser names."""
    diagnostics = Diagnostics()
    text = '[\n  {"title": "A paper"}\n  {"title": "B paper"}\n]\n'
    assert read_csljson(text, "bad.json", diagnostics) == []
    assert [str(p) for p in diagnostics] == [
        "bad.json:3:3: error: invalid JSON: Expecting ',' delimiter"
    ]


def test_csljson_bad_items_are_skipped_with_their_lines() -> None:
    """A non-object item and an item without title or abstract are located warnings; the rest is read."""
    diagnostics = Diagnostics()
    text = '[{"title": "A Paper That Is Fine"},\n 3,\n {"type": "book"}]'
    records = read_csljson(text, "items.json", diagnostics)
    assert [r.title for r in records] == ["A Paper That Is Fine"]
    assert [str(p) for p in diagnostics] == [
        "items.json:2: warning: item [1] is a number (3), not a CSL item; skipped",
        "items.json:3: warning: item [2] has no 'title' and no 'abstract'; skipped",
    ]


def test_csljson_must_be_an_array() -> None:
    """A single JSON object is refused with a message naming the expected shape."""
    diagnostics = Diagnostics()
    assert read_csljson('{"title": "x"}', "one.json", diagnostics) == []
    assert [str(p) for p in diagnostics.errors] == [
        "one.json:1:1: error: CSL-JSON must be an array of items ([{...}, ...]), not an object"
    ]


# RIS


def test_ris_records_are_located_at_their_ty_lines() -> None:
    """Each RIS record starts at its TY line; types, DOIs, pages, abstracts and arXiv ids are mapped."""
    records, diagnostics = _read(FORMATS_DIR / "library.ris")
    assert not diagnostics.problems
    assert [(r.location.line, r.entry_type) for r in records] == [
        (1, "article"),
        (15, "inproceedings"),
        (28, "article"),
        (43, "misc"),
    ]
    mnih, he, silver, adam = records
    assert mnih.fields["doi"] == "10.1038/nature14236"  # the resolver prefix is dropped
    assert mnih.fields["pages"] == "529--533" and mnih.fields["year"] == "2015"
    assert he.title == "Deep residual learning for image recognition"  # from T1
    assert he.fields["booktitle"].startswith("2016 IEEE Conference")
    assert silver.fields["journal"] == "Nature"
    assert silver.abstract.startswith("Value networks evaluate board positions and policy")
    assert "moves; combined with Monte Carlo" in silver.abstract  # continuation line joined
    assert silver.fields["keywords"] == "reinforcement learning, game tree search"
    assert adam.persons["author"] == ("Kingma, Diederik P.", "Ba, Jimmy")
    assert (adam.fields["eprint"], adam.fields["archiveprefix"]) == ("1412.6980", "arXiv")


def test_ris_missing_end_tags_and_stray_text_are_warnings() -> None:
    """A record without ER still counts; missing ER lines and text between records are located."""
    text = (
        "Provider: Some Database\n\n"
        "TY  - JOUR\nTI  - First paper title\n"
        "TY  - JOUR\nTI  - Second paper title\nER  -\n\n"
        "stray line\n"
        "TY  - BOOK\nTI  - Third title\n"
    )
    diagnostics = Diagnostics()
    records = read_ris(text, "r.ris", diagnostics)
    assert [(r.location.line, r.title) for r in records] == [
        (3, "First paper title"),
        (5, "Second paper title"),
        (10, "Third title"),
    ]
    assert [str(p) for p in diagnostics] == [
        "r.ris:1: warning: text outside a record (before 'TY  -') ignored",
        "r.ris:5: warning: the record at line 3 has no 'ER  -' line; it ends here",
        "r.ris:9: warning: text outside a record (before 'TY  -') ignored",
        "r.ris:10: warning: the last record has no 'ER  -' line; read to the end of the file",
    ]


def test_ris_record_without_title_or_abstract_is_skipped() -> None:
    """A record with nothing to name the paper by is a warning at its TY line."""
    diagnostics = Diagnostics()
    records = read_ris("TY  - JOUR\nAU  - Doe, Jane\nER  - \n", "n.ris", diagnostics)
    assert records == []
    assert str(diagnostics.problems[0]) == (
        "n.ris:1: warning: record has no title (TI/T1) and no abstract (AB/N2); skipped"
    )


# YAML paper lists


def test_async_fl_list_counts_and_shared_paper() -> None:
    """48 listings under 18 topics are read as 48 records, each with the topic it is
    listed under; the paper listed twice is two records (the import merges them)."""
    path = shared_path(*ASYNC_FL)
    records, diagnostics = _read(path)
    assert len(records) == 48
    assert not diagnostics.errors  # the three topics whose `list:` is null do not crash
    topics = {t.strip() for r in records for t in r.fields["keywords"].split(",")}
    assert len(topics) == 15  # 18 topics, 3 of them empty
    shared = [r for r in records if "Privacy-Preserving Asynchronous Vertical" in r.title]
    assert [(r.location.line, r.fields["keywords"]) for r in shared] == [
        (126, "Privacy-Preserving"),
        (277, "Vertical Asynchronous Federated Learning"),
    ]
    fedavg = _by_title(records, "Communication-Efficient Learning of Deep Networks")
    assert fedavg.fields["eprint"] == "1602.05629"  # from https://arxiv.org/abs/1602.05629.pdf
    assert fedavg.fields["shorttitle"] == "FedAvg" and fedavg.fields["booktitle"] == "AISTATS"
    preprint = _by_title(records, "Asynchronous Federated Learning for Sensor Data")
    assert preprint.entry_type == "misc" and "booktitle" not in preprint.fields


def test_async_fl_wrong_links_do_not_merge_different_papers() -> None:
    """Two titles linking to one arXiv id (a wrong link in the list) warn and keep both papers apart."""
    path = shared_path(*ASYNC_FL)
    records, diagnostics = _read(path)
    assert [(p.location.line if p.location else None) for p in diagnostics.warnings] == [172, 365]
    assert "2106.06639" in diagnostics.warnings[0].message
    fedbuff = _by_title(records, "Federated Learning with Buffered Asynchronous Aggregation")
    assert "eprint" not in fedbuff.fields
    assert fedbuff.fields["url"] == "https://arxiv.org/abs/2106.06639"
    groups, _ = group(r.fields for r in records)
    assert len(groups) == 47


def test_software_papers_list_reads_nested_related_papers() -> None:
    """20 papers and their 128 related papers are 148 records; topics, authors and ACM DOIs are mapped."""
    path = shared_path(*SOFTWARE)
    records, diagnostics = _read(path)
    assert not diagnostics.problems
    assert len(records) == 148
    topics = {t.strip() for r in records for t in r.fields.get("keywords", "").split(",")}
    assert len(topics - {""}) == 29
    first = records[0]
    assert first.title == "Von Neumann's First Computer Program"
    assert first.fields["doi"] == "10.1145/356580.356581"
    assert first.fields["keywords"] == "Computer History, Early Programming"
    related = _by_title(records, "The Education of a Computer")
    assert related.location.line == 7 and "keywords" not in related.fields
    assert _by_title(records, "A Universal Algorithm for Sequential").persons["author"] == (
        "Ziv",
        "Lempel",
    )
    assert _by_title(records, "Making data structures persistent").persons["author"] == (
        "Driscoll",
        "others",
    )


def test_yaml_list_of_unknown_shape_is_a_located_error() -> None:
    """YAML that is no paper list says which shapes are read; a bad topic is named at its line."""
    diagnostics = Diagnostics()
    assert read_yaml_list("name: my list\nversion: 3\n", "u.yaml", diagnostics) == []
    text = "good:\n  list:\n    - title: A paper on things\nbad: 3\n"
    records = read_yaml_list(text, "g.yaml", diagnostics)
    assert [r.title for r in records] == ["A paper on things"]
    assert [str(p) for p in diagnostics] == [
        "u.yaml:1: error: not a paper list: expected a list of papers (mappings with a 'title') "
        "or a mapping of topics, each with a 'list' of papers",
        "g.yaml:4:1: error: 'bad' is not a topic of papers: expected a mapping with a 'list' of "
        "papers, or a list of papers",
    ]


def test_yaml_list_items_without_titles_are_located_warnings() -> None:
    """A string item and an item with no title are skipped with their line and column."""
    diagnostics = Diagnostics()
    text = "- title: A paper with a title\n- just a string\n- name: null\n  year: 2020\n"
    records = read_yaml_list(text, "l.yaml", diagnostics)
    assert [r.title for r in records] == ["A paper with a title"]
    assert [str(p) for p in diagnostics] == [
        "l.yaml:2:3: warning: item [1] is a string, not a paper (a mapping with a 'title'); skipped",
        "l.yaml:3:3: warning: item [2] has no 'title'; skipped",
    ]


def test_yaml_list_syntax_error_is_located() -> None:
    """Broken YAML is one located error and no records."""
    diagnostics = Diagnostics()
    assert read_yaml_list("- title: [unclosed\n", "s.yaml", diagnostics) == []
    [problem] = diagnostics.errors
    assert problem.location is not None and problem.location.path == "s.yaml"
    assert problem.message.startswith("YAML syntax error")


# Detection and --format


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [("zotero.json", "csl-json"), ("library.ris", "ris"), ("library.bib", "bibtex")],
)
def test_detection_reads_the_content(fixture: str, expected: str) -> None:
    """With a neutral file name the format still comes from the content."""
    text = (FORMATS_DIR / fixture).read_text(encoding="utf-8")
    assert detect_format(text, "export.txt") == expected


def test_detection_tells_yaml_lists_from_metadata() -> None:
    """A YAML paper list is 'yaml-list' by content or name; the seed metadata overlay stays 'metadata'."""
    metadata = (REPO / "content/sources/untitled-metadata.yaml").read_text(encoding="utf-8")
    assert detect_format(metadata, "untitled-metadata.yaml") == "metadata"
    assert detect_format(metadata, "untitled-metadata.txt") == "metadata"
    for parts in (ASYNC_FL, SOFTWARE):
        text = shared_path(*parts).read_text(encoding="utf-8")
        assert detect_format(text, "papers.yaml") == "yaml-list"
        assert detect_format(text, "papers.txt") == "yaml-list"
    assert detect_format("Abstract: something.\n", "dump.txt") == "abstract-lines"
    assert detect_format("just some words\n", "notes.txt") is None


def test_format_override_reads_a_misnamed_file(tmp_path: Path) -> None:
    """A YAML list saved as .json fails as JSON by default and reads with --format yaml-list."""
    misnamed = tmp_path / "papers.json"
    misnamed.write_text("- title: A Paper Saved Under the Wrong Name\n  year: 2021\n")
    records, diagnostics = _read(misnamed)
    assert records == [] and diagnostics.errors[0].message.startswith("invalid JSON")
    records, diagnostics = _read(misnamed, forced="yaml-list")
    assert [r.title for r in records] == ["A Paper Saved Under the Wrong Name"]
    assert not diagnostics.problems
    assert {"csl-json", "ris", "yaml-list"} <= set(FORMATS)


def test_cli_import_accepts_the_new_formats(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`litreview import --format yaml-list` reads a misnamed list; an unknown --format is a usage error."""
    misnamed = tmp_path / "papers.json"
    misnamed.write_text("- title: A Paper Saved Under the Wrong Name\n  year: 2021\n")
    args = ["-C", str(small_project), "import", str(misnamed), "--dry-run"]
    assert main([*args, "--format", "yaml-list"]) == 0
    assert "1 records read: 1 new papers" in capsys.readouterr().out
    assert main(args) == 1
    assert "invalid JSON" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main([*args, "--format", "endnote"])
    assert info.value.code == 2


# Merging across formats


def test_readers_fill_the_identities_dedup_matches_on() -> None:
    """The same paper read from BibTeX, CSL-JSON and RIS shares its DOI, arXiv id or title identity."""
    bib, _ = _read(FORMATS_DIR / "library.bib")
    csl, _ = _read(FORMATS_DIR / "zotero.json")
    ris, _ = _read(FORMATS_DIR / "library.ris")
    assert ("arxiv", "2001.08361") in identities(bib[0].fields).items() & identities(
        csl[0].fields
    ).items()
    assert ("doi", "10.1038/nature14236") in identities(csl[1].fields).items() & identities(
        ris[0].fields
    ).items()
    assert set(identities(bib[1].fields)) & set(identities(ris[1].fields))  # the title


def test_doi_merges_records_whose_titles_differ() -> None:
    """A RIS record with another title but the DOI of a CSL-JSON item is grouped with it."""
    csl, _ = _read(FORMATS_DIR / "zotero.json")
    ris = read_ris(
        "TY  - JOUR\nTI  - Deep Q-networks reach human level on Atari games\n"
        "DO  - 10.1038/NATURE14236\nER  - \n",
        "other.ris",
        Diagnostics(),
    )
    groups, matches = group(r.fields for r in [*csl, *ris])
    assert [1, 4] in groups
    assert [m.reason for m in matches] == ["same doi"]


def test_import_merges_one_paper_from_three_formats(tmp_path: Path) -> None:
    """Importing a .bib, a CSL-JSON and a RIS file merges the shared papers and keeps every source."""
    shutil.copytree(FORMATS_DIR, tmp_path / "content" / "sources")
    project = Project.at(tmp_path)
    sources = project.sources_dir
    inputs = [sources / "library.bib", sources / "zotero.json", sources / "library.ris"]
    into = project.papers_dir / "library.bib"
    diagnostics = Diagnostics()
    report = import_files(project, inputs, into, diagnostics)
    assert not diagnostics.problems
    assert report.read == 10 and len(report.added) == 7 and len(report.merges) == 3
    assert sorted(report.merges) == [
        "content/sources/library.ris:1 merged into 'human-level-control-deep-reinforcement' "
        "(from content/sources/zotero.json:19; same doi)",
        "content/sources/library.ris:15 merged into 'he2016deep' "
        "(from content/sources/library.bib:12; same title)",
        "content/sources/zotero.json:2 merged into 'kaplan2020scaling' "
        "(from content/sources/library.bib:3; same arxiv)",
    ]
    papers = {p.key: p for p in read_store([(into, "library.bib")], Diagnostics())}
    kaplan = papers["kaplan2020scaling"]
    # Keyed records are found again by key, so their source is the file, not a line.
    assert kaplan.sources == ("content/sources/library.bib", "content/sources/zotero.json")
    # The CSL item's id (a Zotero item URI) stays an alias, so a later export finds it.
    assert kaplan.aliases[0].startswith("http://zotero.org/")
    assert kaplan.abstract.startswith("Cross-entropy loss")  # filled in from the CSL-JSON item
    assert papers["he2016deep"].fields["doi"] == "10.1109/CVPR.2016.90"  # filled in from RIS
    again = import_files(project, inputs, into, Diagnostics())
    assert again.added == [] and again.updated == {} and len(again.known) == 7


@pytest.mark.parametrize(("name", "export"), [("out.ris", to_ris), ("out.json", to_csl_json)])
def test_exports_import_back_as_the_same_papers(
    tmp_path: Path, name: str, export: Callable[[list[Paper]], str]
) -> None:
    """The site's RIS and CSL-JSON downloads of a store read back as its papers: no new ones."""
    shutil.copytree(FORMATS_DIR, tmp_path / "content" / "sources")
    project = Project.at(tmp_path)
    sources = project.sources_dir
    into = project.papers_dir / "library.bib"
    inputs = [sources / "library.bib", sources / "zotero.json", sources / "library.ris"]
    import_files(project, inputs, into, Diagnostics())
    papers = read_store([(into, "library.bib")], Diagnostics())
    exported = tmp_path / name
    exported.write_text(export(papers), encoding="utf-8")
    diagnostics = Diagnostics()
    report = import_files(project, [exported], into, diagnostics, dry_run=True)
    assert not diagnostics.problems
    assert report.read == len(papers) == 7
    # The exports carry the keys, so every record is its stored paper again.
    assert report.added == [] and report.merges == []
    assert len(report.updated) + len(report.known) == 7


def test_downloads_are_what_each_writer_writes_for_the_whole_list() -> None:
    """Downloads are joined from per-paper entries (made once a build); the result is what
    json, rispy and the store's writer give for the whole list, also with characters some
    splitters take for line breaks (U+2028, U+0085, U+2029) in a field exported as it is."""
    store = read_store([(REPO / "content" / "papers" / "corpus.bib", "corpus.bib")], Diagnostics())
    odd = replace(
        store[0],
        key="odd",
        fields={**store[0].fields, "title": "A\u2028B", "doi": "10.1/a\u2028b\x85c\u2029d"},
    )
    papers = [*store[:40], odd]
    exporter = Exporter()
    allowed = [public(p, exporter.allowed) for p in sorted(papers, key=lambda p: p.key.lower())]
    items = [csl_item(p) for p in allowed]
    assert exporter.csl_json(papers) == json.dumps(items, ensure_ascii=False, indent=2,
                                                   sort_keys=True) + "\n"  # fmt: skip
    [item] = [i for i in json.loads(exporter.csl_json(papers)) if i["id"] == "odd"]
    assert item["DOI"] == "10.1/a\u2028b\x85c\u2029d"
    assert exporter.ris(papers) == rispy.dumps([ris_record(p) for p in allowed],
                                               implementation=_RisWriter)  # fmt: skip
    assert exporter.bibtex(papers) == format_store(allowed)
    assert exporter.csl_json([]) == "[]\n" and exporter.ris([]) == ""


def test_downloads_are_written_in_pieces_and_let_go_of_once_written() -> None:
    """A download is written entry by entry, the same bytes as the whole list's export;
    an entry in several downloads is made once, and a one-off build lets it go once the
    last download holding it is written (a lasting cache, `mkdocs serve`'s, keeps it)."""
    store = read_store([(REPO / "content" / "papers" / "corpus.bib", "corpus.bib")], Diagnostics())
    papers = store[:300]
    chosen = [papers[::3], papers, []]
    reference = Exporter()
    whole = {"bibtex": reference.bibtex, "ris": reference.ris, "csl": reference.csl_json}
    expected = [whole[kind](some).encode("utf-8") for some in chosen for kind in whole]
    total = sum(len(data) for data in expected)
    assert total > 1_000_000
    for lasting in (False, True):
        exporter = Exporter(cache=Cache(lasting=lasting))
        made = [exporter.download(kind, some) for some in chosen for kind in whole]
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for download, want in zip(made, expected, strict=True):
                pieces = list(download())
                assert len(pieces) > 1 or not want.strip(b"[]\n")
                assert b"".join(pieces) == want
                del pieces
            held = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        if lasting:
            assert held > total / 4, f"serve's cache kept {held} bytes of {total}"
        else:
            # (what stays is the emptied tables of the memo, about 5%)
            assert held < total / 10, f"{held} bytes still held after writing {total}"


def test_import_of_async_fl_list_stores_47_papers(tmp_path: Path) -> None:
    """The async-FL list imports as 47 papers; the paper in two topics is stored once with both."""
    project = Project.at(tmp_path)
    into = project.papers_dir / "fl.bib"
    report = import_files(project, [shared_path(*ASYNC_FL)], into, Diagnostics())
    assert report.read == 48 and len(report.added) == 47 and len(report.merges) == 1
    text = into.read_text(encoding="utf-8")
    assert text.count("Privacy-Preserving Asynchronous Vertical Federated Learning") == 1
    assert "keywords = {Privacy-Preserving, Vertical Asynchronous Federated Learning}" in text
