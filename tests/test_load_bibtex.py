"""BibTeX reading through pybtex, on the real exports and on small located errors."""

from __future__ import annotations

import re

from generator.errors import Diagnostics
from generator.load.bibtex import read_bibtex
from generator.load.files import decode
from tests.support import shared_path


def _read(path) -> tuple[list, Diagnostics]:
    diagnostics = Diagnostics()
    text = decode(path.read_bytes(), path.name, diagnostics)
    assert text is not None
    return read_bibtex(text, path.name, diagnostics), diagnostics


def test_zotero_export_imports_all_232_entries() -> None:
    """The Zotero export: 232 entries; its duplicate doi field is a located warning."""
    path = shared_path("corpora", "bibtex-real", "controlnet-annotated-bibliography.zotero.bib")
    records, diagnostics = _read(path)
    assert len(records) == 232
    assert sum(1 for r in records if r.abstract) == 216
    assert diagnostics.errors == []
    [warning] = diagnostics.warnings
    assert "mildenhall_nerf_2020" in warning.message and "'doi'" in warning.message
    assert warning.location is not None and warning.location.line is not None
    nerf = next(r for r in records if r.key == "mildenhall_nerf_2020")
    assert nerf.location.line == warning.location.line
    months = {r.fields["month"] for r in records if "month" in r.fields}
    assert {"January", "December", "July"} <= months  # month macros expand


def test_better_bibtex_biblatex_export_imports_all_202_entries() -> None:
    """The Better BibTeX export in BibLaTeX mode: 202 entries, `date` and eprint fields kept."""
    path = shared_path("corpora", "bibtex-real", "alexpiche-obsidian-vault.bbt-biblatex.bib")
    records, diagnostics = _read(path)
    assert len(records) == 202
    assert sum(1 for r in records if r.abstract) == 200
    assert not diagnostics.problems
    assert any(r.entry_type == "online" for r in records)
    assert (
        sum(1 for r in records if r.fields.get("eprinttype") or r.fields.get("archiveprefix"))
        >= 170
    )


def test_entry_lines_are_exact() -> None:
    """Every record knows the line its entry starts on."""
    text = '% a comment\n@string{x = "X"}\n\n@article{a,\n title={A}}\n\n\n@book{b, title=x}\n'
    diagnostics = Diagnostics()
    records = read_bibtex(text, "f.bib", diagnostics)
    assert [(r.key, r.location.line) for r in records] == [("a", 4), ("b", 8)]
    assert records[1].fields["title"] == "X"


def test_syntax_error_is_located_and_names_the_entry() -> None:
    """A broken entry gives file, line, column and key, and the entries after it survive."""
    text = "@article{good, title={G}}\n@article{bad,\n title = {unclosed,\n}\n"
    text += "@article{after, title={A}}\n"
    diagnostics = Diagnostics()
    records = read_bibtex(text, "f.bib", diagnostics)
    assert [r.key for r in records] == ["good", "bad", "after"]
    assert records[2].fields == {"title": "A"} and records[2].location.line == 5
    [syntax, cut] = [str(p) for p in diagnostics.problems]
    assert re.match(r"f\.bib:5:\d+: warning: BibTeX syntax error in entry 'bad': ", syntax), syntax
    assert (
        cut
        == "f.bib:2: warning: entry 'bad' is incomplete: fields after the syntax error were lost"
    )


def test_duplicate_key_in_one_file_keeps_both_entries() -> None:
    """Two entries under one key (any case) are both read, each at its line: which is the
    same paper and which a clash is the import's decision, and no entry is lost here."""
    diagnostics = Diagnostics()
    records = read_bibtex("@misc{k, title={1}}\n@misc{K, title={2}}\n", "f.bib", diagnostics)
    assert [(r.key, r.fields["title"], r.location.line) for r in records] == [
        ("k", "1", 1),
        ("K", "2", 2),
    ]


def test_latin1_file_gets_line_column_and_hint() -> None:
    """Bytes that are not UTF-8 give file, line and column and an encoding hint."""
    diagnostics = Diagnostics()
    assert decode(b"@misc{a,\n  title={Schr\xf6dinger}}\n", "old.bib", diagnostics) is None
    assert str(diagnostics.errors[0]).startswith("old.bib:2:14: error: cannot decode byte 0xf6")
    assert "latin-1" in diagnostics.errors[0].message


def test_macros_carry_over_between_files() -> None:
    """An @string defined in one file is usable in the next, as in BibTeX."""
    from generator.load.bibtex import new_macros

    macros = new_macros()
    diagnostics = Diagnostics()
    read_bibtex('@string{jackie = "Jackie"}\n', "1.bib", diagnostics, macros)
    [record] = read_bibtex("@misc{x, author = jackie}\n", "2.bib", diagnostics, macros)
    assert record.persons["author"] == ("Jackie",)


KEYLESS = """@Article{,
  author = {Doe, Jane},
  title = {Keyless in JabRef},
  year = {2020},
}

@Misc{ ,
  title = {Second keyless},
}

@misc{named, title = {Named},
  note = {@misc{, inside a value}}}
"""


def test_entries_without_a_key_are_imported_and_only_there() -> None:
    """JabRef saves an entry with no key as ``@Article{,``: an import reads it whole as a
    record with no key (the importer makes one, as for a CSL item with no id); the store,
    which only litreview writes, still skips one with a located warning."""
    diagnostics = Diagnostics()
    records = read_bibtex(KEYLESS, "lib.bib", diagnostics, keyless=True)
    assert [(r.key, r.fields.get("title"), r.location.line) for r in records] == [
        (None, "Keyless in JabRef", 1),
        (None, "Second keyless", 7),
        ("named", "Named", 11),
    ]
    assert records[0].persons == {"author": ("Doe, Jane",)}
    assert records[2].fields["note"] == "@misc{, inside a value}"
    assert not diagnostics.problems
    store = Diagnostics()
    assert [r.key for r in read_bibtex(KEYLESS, "corpus.bib", store)] == ["named"]
    skipped = [p.location.line for p in store.problems if "without a key skipped" in p.message]
    assert skipped == [1, 7]
