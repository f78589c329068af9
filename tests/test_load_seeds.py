"""The two seed dump formats and the metadata that names untitled abstracts."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Diagnostics, Location
from generator.load.metadata import apply_metadata, read_metadata
from generator.load.seeds import TextRepair, read_abstract_lines, read_listing, sniff
from generator.load.sources import read_sources
from tests.support import REPO

SOURCES = REPO / "content" / "sources"


def test_abstract_lines_keep_their_line_numbers() -> None:
    """Each 'Abstract:' line is one record located at its own line; blank lines are skipped."""
    text = "Abstract:First one.\n\n\nAbstract:  Second   one.\n"
    diagnostics = Diagnostics()
    records = read_abstract_lines(text, "dump.txt", diagnostics)
    assert [(r.location.line, r.abstract) for r in records] == [
        (1, "First one."),
        (4, "Second one."),
    ]
    assert not diagnostics.problems


def test_listing_strips_banner_and_subscribe() -> None:
    """Banner lines go, 'Subscribe' is cut off the first title, titles and abstracts pair up."""
    text = (
        "Get trending papers in your email inbox once a day!\n"
        "Get trending papers in your email inbox!\n"
        "SubscribeFirst Title\nFirst abstract.\nSecond Title\nSecond abstract.\n"
    )
    diagnostics = Diagnostics()
    records = read_listing(text, "list.txt", diagnostics)
    assert [(r.title, r.abstract, r.location.line) for r in records] == [
        ("First Title", "First abstract.", 3),
        ("Second Title", "Second abstract.", 5),
    ]


def test_listing_with_orphan_title_warns() -> None:
    """A title with no abstract after it is reported with its line, not silently paired."""
    diagnostics = Diagnostics()
    records = read_listing("SubscribeA\nabstract a\nB orphan\n", "l.txt", diagnostics)
    assert len(records) == 1
    assert [str(p) for p in diagnostics.warnings] == [
        "l.txt:3: warning: title without an abstract at the end of the listing: 'B orphan'"
    ]


def test_listing_restores_stripped_tex_where_it_was_lost() -> None:
    """Formulas a scraper stripped come back at import, each repair located at its line."""
    text = (
        "Get trending papers in your email inbox!\n"
        "SubscribeRevisiting RRT^*\n"
        "We get a 3times speedup over Oleft(N Mright).\n"
    )
    repairs: list[TextRepair] = []
    [record] = read_listing(text, "l.txt", Diagnostics(), repairs)
    assert record.title == "Revisiting RRT$^*$"
    assert record.abstract == r"We get a $3\times$ speedup over $O\left(N M\right)$."
    assert [str(r) for r in repairs] == [
        "l.txt:2: title: 'RRT^*' → 'RRT$^*$'",
        "l.txt:3: abstract: '3times' → '$3\\times$'",
        "l.txt:3: abstract: 'Oleft(N Mright).' → '$O\\left(N M\\right)$.'",
    ]


def test_abstract_lines_report_debris_left_as_it_was() -> None:
    """A formula the import cannot restore with confidence is kept as is, and said so."""
    repairs: list[TextRepair] = []
    [record] = read_abstract_lines(
        "Abstract:A gap of O(1{1-2epsilon}frac{d{n}}) holds.\n", "d.txt", Diagnostics(), repairs
    )
    assert record.abstract == "A gap of O(1{1-2epsilon}frac{d{n}}) holds."
    assert repairs == [
        TextRepair(Location("d.txt", 1), "abstract", "O(1{1-2epsilon}frac{d{n}})", None)
    ]


def test_sniff_tells_formats_apart() -> None:
    """Format detection reads the content, not the file name."""
    assert sniff("\n\nAbstract:x") == "abstract-lines"
    assert sniff("Get trending papers in your email inbox!\nSubscribeX") == "listing"
    assert sniff("@article{x, title={y}}") is None


def test_seed_files_give_589_records_all_titled() -> None:
    """The default corpus: 589 records, and the metadata titles every untitled abstract."""
    files = [*sorted(SOURCES.glob("*.txt")), SOURCES / "untitled-metadata.yaml"]
    diagnostics = Diagnostics()
    records = read_sources([(p, p.name) for p in files], diagnostics)
    assert len(records) == 589
    assert not diagnostics.problems
    assert all(r.title for r in records)
    label_noise = next(r for r in records if r.abstract.startswith("One crucial factor"))
    assert label_noise.title.startswith("On the Learning Dynamics of Two-layer Linear Networks")
    assert label_noise.fields["eprint"] == "2603.10397"
    assert label_noise.persons["author"][0] == "Tongcheng Zhang"


def test_metadata_falls_back_to_abstract_start(tmp_path: Path) -> None:
    """When the dump was edited and lines moved, metadata still finds its abstract."""
    diagnostics = Diagnostics()
    records = read_abstract_lines("\nAbstract:Moved abstract text here.\n", "d.txt", diagnostics)
    meta = '- file: "d.txt"\n  line: 1\n  abstract_start: "Moved abstract"\n  title: "Found"\n'
    infos = read_metadata(meta, "m.yaml", diagnostics)
    [record] = apply_metadata(records, infos, diagnostics)
    assert record.title == "Found"
    assert not diagnostics.problems


def test_metadata_without_match_warns() -> None:
    """A metadata item that matches no abstract is reported, not dropped silently."""
    diagnostics = Diagnostics()
    records = read_abstract_lines("Abstract:Something else.\n", "d.txt", diagnostics)
    infos = read_metadata(
        '- file: d.txt\n  line: 1\n  abstract_start: "Nothing like"\n  title: T\n',
        "m.yaml",
        diagnostics,
    )
    apply_metadata(records, infos, diagnostics)
    assert len(diagnostics.warnings) == 1
    assert diagnostics.warnings[0].location is not None
    assert str(diagnostics.warnings[0].location) == "m.yaml:1:3"
