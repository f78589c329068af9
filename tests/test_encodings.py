"""Encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32 exports import as they
are), and text that is not in the encoding given is a located error with a hint that
really reads the file, never a silent empty import."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Diagnostics
from generator.store.bibfile import read_store
from tests.support import FIXTURES

SAMPLES = {
    "library.bib": (FIXTURES / "small/content/papers/library.bib").read_text("utf-8")
    + "\n@misc{accents, title = {Café naïve Ærø — “quoted”}}\n",
}
for _name in ("zotero.json", "library.ris"):
    SAMPLES[_name] = (FIXTURES / "formats" / _name).read_text("utf-8")

MARKED = {
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def _import(project: Path, source: Path, *extra: str) -> int:
    return main(["-C", str(project), "import", str(source), "-q", *extra])


def _stored(project: Path) -> dict[str, str]:
    files = sorted((project / "content/papers").glob("*.bib"))
    papers = read_store([(p, p.name) for p in files], Diagnostics())
    return {p.key: p.title for p in papers}


@pytest.fixture
def reference(tmp_path: Path) -> dict[str, dict[str, str]]:
    """What each sample imports to from plain UTF-8."""
    result = {}
    for name, text in SAMPLES.items():
        project = tmp_path / f"utf8-{name}"
        (project / "content").mkdir(parents=True)
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        assert _import(project, source) == 0
        result[name] = _stored(project)
        assert result[name]
    return result


@pytest.mark.parametrize("encoding", sorted(MARKED))
def test_files_with_a_byte_order_mark_import_as_utf8_does(
    tmp_path: Path, encoding: str, reference: dict[str, dict[str, str]]
) -> None:
    """Every format, in every Unicode encoding with its mark, imports the same papers as
    its UTF-8 twin; the mark wins over --encoding latin-1."""
    for name, text in SAMPLES.items():
        source = tmp_path / f"{encoding}-{name}"
        source.write_bytes(MARKED[encoding] + text.encode(encoding.removesuffix("-sig")))
        for extra in ((), ("--encoding", "latin-1")):
            project = tmp_path / f"p-{encoding}-{name}-{len(extra)}"
            (project / "content").mkdir(parents=True)
            assert _import(project, source, *extra) == 0, (name, extra)
            assert _stored(project) == reference[name], (name, extra)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_a_located_error_whose_hint_works(
    tmp_path: Path,
    encoding: str,
    reference: dict[str, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """UTF-16 without a mark, read as UTF-8 or as latin-1, stops with an error at the file
    that names the encoding; following the hint imports every paper. Nothing is written
    before that."""
    source = tmp_path / "library.bib"
    source.write_bytes(SAMPLES["library.bib"].encode(encoding))
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    capsys.readouterr()
    for extra in ((), ("--encoding", "latin-1")):
        assert _import(project, source, *extra) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{source}:") and f"--encoding {encoding}" in err, err
        assert not (project / "content/papers").exists() or not _stored(project)
    assert _import(project, source, "--encoding", encoding) == 0
    assert _stored(project) == reference["library.bib"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_stray_nul_is_named_where_it_is_not_blamed_on_utf16(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One NUL byte in a UTF-8 export (a damaged file) stops the import at its line and
    column, saying to remove it: no encoding hint that would read the file as garbage."""
    lines = SAMPLES[name].split("\n")
    lines[2] = lines[2][:4] + "\x00" + lines[2][4:]
    source = tmp_path / name
    source.write_bytes("\n".join(lines).encode("utf-8"))
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    capsys.readouterr()
    assert _import(project, source) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{source}:3:5: error:") and "NUL" in err and "remove it" in err, err
    assert "--encoding" not in err, err
    assert not (project / "content/papers").exists() or not _stored(project)
