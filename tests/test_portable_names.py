"""Names that must work on every file system and read unambiguously: reserved device
names, keys that differ only in case, and look-alike keys whose difference is a
character no one can see."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Diagnostics
from generator.load.bibtex import read_bibtex
from generator.load.topics import read_topics
from generator.store.bibfile import read_store
from generator.text.slugs import RESERVED, is_page_slug, is_safe_slug, page_slug, slug_problem
from tests.support import mkdocs_build

WINDOWS_RESERVED = ["con", "prn", "aux", "nul"] + [
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
]


@pytest.mark.parametrize("name", WINDOWS_RESERVED)
def test_reserved_names_never_become_page_or_topic_names(name: str) -> None:
    """A key spelled like a Windows device, in any case, gets a page name Windows accepts;
    a topic file so named is refused with the reason."""
    assert name in RESERVED
    slugs = {page_slug(variant) for variant in (name, name.upper(), name.capitalize())}
    assert len(slugs) == 3  # distinct keys keep distinct pages
    for slug in slugs:
        assert is_safe_slug(slug) and slug.split("-")[0] == name and slug not in RESERVED
    assert slug_problem(name) == f"'{name}' is a reserved file name on Windows"


def test_reserved_store_key_is_reported_and_its_page_works(
    small_project: Path, tmp_path: Path
) -> None:
    """A stored key `aux` is a located warning naming its page, and the page is built
    there and linked from its topic."""
    store = small_project / "content/papers/library.bib"
    store.write_text(
        store.read_text("utf-8") + "\n@misc{aux, title = {Auxiliary losses}}\n", encoding="utf-8"
    )
    topic = small_project / "content/topics/optimization.yaml"
    topic.write_text(topic.read_text("utf-8") + "  - aux\n", encoding="utf-8")
    diagnostics = Diagnostics()
    papers = read_store([(store, "content/papers/library.bib")], diagnostics)
    [paper] = [p for p in papers if p.key == "aux"]
    [warning] = diagnostics.warnings
    assert str(warning) == (
        f"content/papers/library.bib:{paper.location.line}: warning: paper key 'aux' is a file "
        f"name Windows reserves; its page is papers/{paper.slug}/ (rename the key to give it "
        "a plain URL)"
    )
    result = mkdocs_build(small_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"site/papers/{paper.slug}/index.html").is_file()
    topic_page = (tmp_path / "site/topics/optimization/index.html").read_text("utf-8")
    assert f'href="../../papers/{paper.slug}/"' in topic_page


def test_keys_differing_only_in_case_are_reported(tmp_path: Path) -> None:
    """In one source file both spellings are read (the import keeps both papers, the
    second under a derived key); in the store it is an error naming the first spelling."""
    diagnostics = Diagnostics()
    text = "@misc{Smith2020, title={A}}\n\n@misc{smith2020, title={B}}\n"
    records = read_bibtex(text, "in.bib", diagnostics)
    assert [r.key for r in records] == ["Smith2020", "smith2020"]
    one, two = tmp_path / "one.bib", tmp_path / "two.bib"
    one.write_text("@misc{kaplan-scaling, title={A}}\n", encoding="utf-8")
    two.write_text("@misc{Kaplan-Scaling, title={B}}\n", encoding="utf-8")
    diagnostics = Diagnostics()
    papers = read_store([(one, "one.bib"), (two, "two.bib")], diagnostics)
    assert [p.key for p in papers] == ["kaplan-scaling"]
    assert [str(p) for p in diagnostics.errors] == [
        "two.bib:1: error: paper key 'Kaplan-Scaling' is already defined at one.bib:1 as "
        "'kaplan-scaling', which differs only in case"
    ]


def test_import_never_stores_a_reserved_or_case_clashing_key(tmp_path: Path) -> None:
    """Importing keys `CON`, `nul` and two spellings of one key from two files keeps every
    paper under keys distinct regardless of case, each with a page name that is safe on
    every file system (a reserved name gets a hashed one)."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text(
        "@misc{CON, title={Gamma rays}}\n@misc{nul, title={Delta waves}}\n"
        "@misc{smith2020, title={Alpha particles}}\n",
        encoding="utf-8",
    )
    second.write_text("@misc{Smith2020, title={Beta decay}}\n", encoding="utf-8")
    assert main(["-C", str(project), "import", str(first), str(second), "-q"]) == 0
    papers = read_store([(project / "content/papers/library.bib", "library.bib")], Diagnostics())
    keys = [p.key for p in papers]
    assert len(keys) == 4 and len({k.lower() for k in keys}) == 4
    slugs = {page_slug(k) for k in keys}
    assert len(slugs) == 4 and not slugs & RESERVED and all(is_page_slug(s) for s in slugs)
    assert "CON" in keys  # the source's key is kept; only its page name changes


LOOKALIKES = {
    "label-noise\u200bsgd": "U+200B ZERO WIDTH SPACE",
    "l\u0430bel-noise-sgd": "U+0430 CYRILLIC SMALL LETTER A",
    "label-noise-\u00adsgd": "U+00AD SOFT HYPHEN",
    "label\u2010noise-sgd": "U+2010 HYPHEN",
}


@pytest.mark.parametrize("key", sorted(LOOKALIKES))
def test_lookalike_keys_name_the_hidden_character(
    small_project: Path, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key with an invisible or look-alike character is reported with its code point
    and the key it resembles, in a topic file and on the command line."""
    topic = small_project / "content/topics/optimization.yaml"
    topic.write_text(
        topic.read_text("utf-8").replace("  - label-noise-sgd\n", f"  - {key}\n"),
        encoding="utf-8",
    )
    assert main(["-C", str(small_project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"(it contains {LOOKALIKES[key]}) — did you mean 'label-noise-sgd'?" in err
    assert main(["-C", str(small_project), "add", "scaling-laws", key]) == 2
    err = capsys.readouterr().err
    assert f"(it contains {LOOKALIKES[key]}) — did you mean 'label-noise-sgd'?" in err


def test_lookalike_slugs_and_citations_name_the_character(tmp_path: Path) -> None:
    """A parent, a see_also slug and a citation with a look-alike character say which."""
    topic = tmp_path / "t.yaml"
    topic.write_text(
        "title: T\nparent: sc\u0430ling-laws\nsee_also: [optimiz\u0430tion]\n", encoding="utf-8"
    )
    diagnostics = Diagnostics()
    read_topics([(topic, "t.yaml")], diagnostics)
    [problem] = diagnostics.errors
    assert "'optimiz\u0430tion' (it contains U+0430 CYRILLIC SMALL LETTER A)" in str(problem)
