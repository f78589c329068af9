"""Bad input gets a located error and never a traceback; nothing is lost; output is
deterministic (the adversarial cases of ../shared/research/reliability.md §3)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.emit.directory import safe_relative, write_tree
from generator.errors import Diagnostics, LitReviewError
from generator.load.bibtex import read_bibtex
from generator.load.sources import read_sources
from generator.project import Project
from generator.render.texhtml import escape, tex_to_html
from generator.text.slugs import is_page_slug, page_slug
from tests.support import SHARED, mkdocs_build, shared_path

TOPIC_CASES = {
    "yaml-syntax": ("title: T\npapers: [a, b\n", "optimization.yaml:3:1: error: YAML syntax error"),
    "duplicate-key": (
        "title: T\ntitle: U\n",
        "optimization.yaml:2:1: error: duplicate key 'title'",
    ),
    "implicit-bool": ("title: no\n", "optimization.yaml:1:1: error: 'title' must be a string"),
    "empty": ("# nothing\n", "optimization.yaml:1: error: topic file is empty"),
    "alias-loop": ("title: T\nx: &a [*a]\n", "optimization.yaml:2:4: error: recursive YAML alias"),
    "tab": ("title: T\n\tpapers: []\n", "optimization.yaml:2:1: error: YAML syntax error"),
    "unknown-key": ("title: T\npapers: [label-noise-sgdd]\n", "did you mean 'label-noise-sgd'?"),
    "bad-parent": (
        "title: T\nparent: nowhere\npapers: [label-noise-sgd]\n",
        "unknown parent 'nowhere'",
    ),
    "template-title": (
        "title: {{ x }}\n",
        "optimization.yaml:1:9: error: mapping keys must be plain",
    ),
}


@pytest.mark.parametrize("case", sorted(TOPIC_CASES))
def test_bad_topic_file_fails_check_and_mkdocs_alike(
    case: str, small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`litreview check` and `mkdocs build` both stop with the located message, no traceback."""
    text, expected = TOPIC_CASES[case]
    (small_project / "content/topics/optimization.yaml").write_text(text, encoding="utf-8")
    assert main(["-C", str(small_project), "check"]) == 1
    out, err = capsys.readouterr()
    assert expected in err and "Traceback" not in err
    assert out.strip().endswith(("warning", "warnings")) and " error" in out
    result = mkdocs_build(small_project, tmp_path / "site")
    assert result.returncode != 0
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_summary_line_counts_errors_and_warnings(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """All problems are reported together, then one line counts them."""
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: O\npapers: [nope1, nope2]\nsee_also: [nowhere]\n", encoding="utf-8"
    )
    assert main(["-C", str(small_project), "check"]) == 1
    lines = capsys.readouterr()
    assert lines.err.count(": error: ") == 3
    assert "3 errors, 2 warnings" in lines.out  # 2 papers now in no topic


def test_hostile_keys_never_name_a_path_outside_the_site(
    small_project: Path, tmp_path: Path
) -> None:
    """A store key like ../../etc/passwd gets a safe page; nothing is written outside the output."""
    store = small_project / "content/papers/library.bib"
    store.write_text(
        store.read_text(encoding="utf-8")
        + "\n@misc{../../etc/passwd, title = {Evil Key}, abstract = {x}}\n",
        encoding="utf-8",
    )
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: O\npapers: [label-noise-sgd, adversarial-title, ../../etc/passwd]\n",
        encoding="utf-8",
    )
    out = tmp_path / "nest" / "out"
    before = {p for p in tmp_path.rglob("*")}
    assert main(["-C", str(small_project), "build", "--out", str(out)]) == 0
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(p == out.parent or p.is_relative_to(out) for p in created)
    pages = [p.parent.name for p in (out / "papers").glob("*/index.md")]
    evil = [name for name in pages if name.startswith("etc-passwd-")]
    assert len(evil) == 1 and is_page_slug(evil[0])


def test_import_replaces_unsafe_keys(small_project: Path, tmp_path: Path) -> None:
    """A key that is not a safe page name is replaced by one derived from the title on import."""
    source = tmp_path / "in.bib"
    source.write_text("@misc{../../x, title = {A Title That Is Long Enough}}\n", encoding="utf-8")
    assert main(["-C", str(small_project), "import", str(source)]) == 0
    store = (small_project / "content/papers/library.bib").read_text(encoding="utf-8")
    assert "@misc{title-that-long-enough," in store and "../" not in store


def _corpus_files() -> list[Path]:
    if not SHARED.exists():
        return []
    corpora = SHARED / "corpora"
    return sorted(p for p in corpora.rglob("*") if p.suffix in (".bib", ".yaml", ".yml"))


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_every_shared_corpus_file_imports_without_traceback(
    strict: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file of ../shared/corpora: every entry is imported or reported with file and line."""
    shared_path("corpora")
    files = _corpus_files()
    assert len(files) > 60
    for path in files:
        project = tmp_path / path.name
        project.mkdir()
        argv = ["-C", str(project), "import", str(path), "--dry-run"] + (
            ["--strict"] if strict else []
        )
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1), path
        assert "Traceback" not in err
        if not strict:
            assert code == 0 or "cannot decode" in err, (path, err)
        if path.name.startswith("controlnet") and not strict:
            assert "232 records read" in out
        if path.name.startswith("alexpiche"):
            assert "202 records read" in out
        for line in err.splitlines():
            if ": error: " in line or ": warning: " in line:
                assert line.startswith(str(path)), line  # every message names the file
        if strict and code == 0:
            assert ": warning: " not in err


def test_encoding_errors_give_line_column_and_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Latin-1 and GBK files: an error at the byte's line and column, with the encoding to use."""
    for name, hint in (("biber/encoding3.bib", "latin-1"), ("bibtexparser/gbk_test.bib", "gbk")):
        path = shared_path("corpora", "bibtex-torture", *name.split("/"))
        assert main(["-C", str(tmp_path), "import", str(path), "--dry-run"]) == 1
        err = capsys.readouterr().err
        assert f"--encoding {hint}" in err
        assert (
            err.startswith(f"{path}:")
            and err.split(":")[1].isdigit()
            and err.split(":")[2].isdigit()
        )
        assert (
            main(["-C", str(tmp_path), "import", str(path), "--dry-run", "--encoding", hint]) == 0
        )
        capsys.readouterr()


def test_bibtex_warnings_name_entry_and_line() -> None:
    """Duplicate fields, odd names, %-lines and missing crossrefs are located warnings."""
    text = (
        "@misc{a, title={A}, title={B}, author={Doe, John, Jr, Extra, More}}\n"
        "%@misc{b, title={Hidden?}}\n"
        "@misc{c, title={C}, crossref={nowhere}}\n"
    )
    diagnostics = Diagnostics()
    records = read_bibtex(text, "x.bib", diagnostics)
    from generator.load.bibtex import check_crossrefs

    check_crossrefs(records, diagnostics)
    messages = [str(p) for p in diagnostics.problems]
    assert (
        "x.bib:1: warning: entry 'a' has a duplicate 'title' field; the first value is kept"
        in messages
    )
    assert any(m.startswith("x.bib:1: warning: entry 'a': author name") for m in messages)
    assert any(m.startswith("x.bib:2: warning: entry 'b' follows a '%'") for m in messages)
    assert "x.bib:3: warning: entry 'c' has crossref 'nowhere', which no input defines" in messages
    assert [r.key for r in records] == ["a", "b", "c"]


def test_crlf_and_bom_bibtex_read_like_lf() -> None:
    """A .bib with a BOM and CRLF line ends gives the same records and lines as with LF."""
    lf = "@misc{a,\n title={A},\n abstract={One\n two}}\n\n@misc{b, title={B}}\n"
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    from generator.load.files import decode

    first = read_bibtex(lf, "x.bib", Diagnostics())
    second = read_bibtex(
        decode(crlf.encode("utf-8"), "x.bib", Diagnostics()) or "", "x.bib", Diagnostics()
    )
    assert [(r.key, r.fields, r.location.line) for r in first] == [
        (r.key, r.fields, r.location.line) for r in second
    ]


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_output_is_the_same_for_shuffled_inputs(small_project: Path, tmp_path: Path) -> None:
    """Entries in another order, topic files in sub-folders: the generated tree is byte-identical."""
    assert main(["-C", str(small_project), "build", "--out", str(tmp_path / "a")]) == 0
    store = small_project / "content/papers/library.bib"
    entries = store.read_text(encoding="utf-8").split("\n\n")
    random.Random(3).shuffle(entries)
    store.unlink()
    half = len(entries) // 2
    (small_project / "content/papers/z.bib").write_text(
        "\n\n".join(entries[:half]) + "\n", encoding="utf-8"
    )
    (small_project / "content/papers/a.bib").write_text(
        "\n\n".join(entries[half:]) + "\n", encoding="utf-8"
    )
    topics = small_project / "content/topics"
    (topics / "nested" / "deeper").mkdir(parents=True)
    shutil.move(topics / "scaling-laws.yaml", topics / "nested" / "deeper" / "scaling-laws.yaml")
    assert main(["-C", str(small_project), "build", "--out", str(tmp_path / "b")]) == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_two_mkdocs_builds_are_byte_identical(small_project: Path, tmp_path: Path) -> None:
    """Two real builds give the same site, file for file (sitemap dates aside: MkDocs stamps
    them unless SOURCE_DATE_EPOCH is set, which makes those identical too)."""
    import os

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        for name in ("one", "two"):
            assert mkdocs_build(small_project, tmp_path / name).returncode == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_failed_build_leaves_previous_output_and_user_files(
    small_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that dies half-way changes nothing in the output folder and leaves no debris."""
    out = tmp_path / "out"
    assert main(["-C", str(small_project), "build", "--out", str(out)]) == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = _tree(out)
    calls = {"n": 0}
    original = Path.open

    def dying_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode:  # the disk fills up after five files
            calls["n"] += 1
            if calls["n"] > 5:
                raise OSError(28, "No space left on device", str(self))
        return original(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", dying_open)
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: Renamed\npapers: [label-noise-sgd, adversarial-title]\n", encoding="utf-8"
    )
    assert main(["-C", str(small_project), "build", "--out", str(out)]) == 1
    monkeypatch.undo()
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["small", "out"] or sorted(
        p.name for p in tmp_path.iterdir()
    ) == ["out", "small"]


def test_build_refuses_to_overwrite_a_file_it_did_not_write(
    small_project: Path, tmp_path: Path
) -> None:
    """A user's own index.md in the output folder is never replaced."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").write_text("my home page", encoding="utf-8")
    project = Project.at(small_project)
    with pytest.raises(LitReviewError):
        write_tree(out, [("index.md", b"generated")], project)
    assert (out / "index.md").read_text(encoding="utf-8") == "my home page"


def test_five_megabyte_abstract_and_deep_braces_are_bounded() -> None:
    """Huge or pathological text converts without crashing (and without hanging)."""
    import time

    start = time.monotonic()
    huge = "We show that " + "word " * 1_000_000
    assert str(tex_to_html(huge)).startswith("We show that word")
    deep = "{" * 5000 + "x" + "}" * 5000
    assert "x" in str(tex_to_html(deep))
    assert time.monotonic() - start < 60


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_page_slug_is_always_a_safe_single_segment(key: str) -> None:
    """Any key maps to a safe, stable path segment."""
    slug = page_slug(key)
    assert is_page_slug(slug)
    assert page_slug(key) == slug


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_escape_leaves_nothing_markup_can_read(text: str) -> None:
    """After escaping, no character HTML, Markdown or Jinja reads is left."""
    import re

    escaped = escape(text)
    outside_entities = re.sub(r"&(?:#\d+|amp|lt|gt|quot);", "", escaped)
    assert not set(outside_entities) & set("<>\"'`*_[]{}#|~$\\&")
    import html

    assert html.unescape(escaped) == text


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_tex_to_html_never_crashes_or_emits_tags_from_data(text: str) -> None:
    """Arbitrary text converts; the only tags in the result are ones we write."""
    import re

    result = str(tex_to_html(text))
    tags = set(re.findall(r"</?([a-zA-Z]+)", result))
    assert tags <= {"span", "em", "strong", "code", "sup", "sub", "u"}
    assert "<script" not in result and "javascript:" not in result.lower()


@given(st.lists(st.sampled_from(["a", "..", ".", "", "b/c", "/etc", "x\x00", "\\"]), max_size=5))
def test_generated_paths_cannot_escape_the_output(parts: list[str]) -> None:
    """Path joins either stay below the output folder or are refused."""
    path = "/".join(parts)
    try:
        safe = safe_relative(path)
    except ValueError:
        return
    assert ".." not in safe.parts and not safe.is_absolute()


def test_fuzzed_corpus_files_never_crash_the_readers(tmp_path: Path) -> None:
    """Randomly mutated real inputs (bytes flipped, cut, duplicated) are read or reported."""
    sources = sorted((Path(__file__).parent / "fixtures").rglob("*.bib"))
    sources += sorted((Path(__file__).parent / "fixtures").rglob("*.json"))
    sources += sorted((Path(__file__).parent / "fixtures").rglob("*.ris"))
    seeds = Path(__file__).parent.parent / "content" / "sources"
    sources += [seeds / "000_a7a85a8ad47f24b6.txt"]
    rng = random.Random(20261123)
    for source in sources:
        data = source.read_bytes()
        for _ in range(40):
            mutated = bytearray(data)
            for _ in range(rng.randint(1, 12)):
                choice = rng.random()
                at = rng.randrange(len(mutated) or 1)
                if choice < 0.4 and mutated:
                    mutated[at] = rng.choice(b'{}@,="%\\$#\n\x00\xff')
                elif choice < 0.7:
                    del mutated[at : at + rng.randint(1, 40)]
                else:
                    mutated[at:at] = mutated[at : at + rng.randint(1, 60)]
            target = tmp_path / f"fuzz{source.suffix}"
            target.write_bytes(bytes(mutated))
            read_sources([(target, "fuzz" + source.suffix)], Diagnostics())
