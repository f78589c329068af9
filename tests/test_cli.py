"""The litreview command: exit codes, check output, build output."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.emit.directory import MANIFEST


def test_check_passes_on_small_project(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clean project: exit 0 and a summary line."""
    assert main(["-C", str(small_project), "check", "--strict"]) == 0
    assert (
        "4 papers, 3 topics, 0 papers in no topic; 0 errors, 0 warnings" in capsys.readouterr().out
    )


def test_check_json_reports_unplaced(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json gives papers, topics, unplaced, errors, warnings; --strict fails on warnings."""
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: Optimization\npapers: [label-noise-sgd]\n", encoding="utf-8"
    )
    assert main(["-C", str(small_project), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["papers"] == 4 and report["topics"] == 3
    assert report["unplaced"] == ["adversarial-title"]
    assert report["errors"] == []
    assert report["warnings"][0]["path"] == "content/papers/library.bib"
    assert report["warnings"][0]["line"] == 24
    assert report["warnings"][0]["code"] == "unplaced-paper"
    assert report["warnings"][0]["subject"] == "adversarial-title"
    assert main(["-C", str(small_project), "check", "--strict"]) == 1


def test_check_lists_tex_debris_at_the_field_line(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` notes TeX debris in any store, once per field, at the field's line (a note:
    the text is the source's, so --strict does not fail on it)."""
    store = small_project / "content/papers/library.bib"
    store.write_text(
        store.read_text(encoding="utf-8") + "\n@misc{debris-paper,\n  title = {Fast Sampling},\n"
        "  abstract = {A 3times speedup for all p_i, well known.},\n}\n",
        encoding="utf-8",
    )
    line = (
        store.read_text(encoding="utf-8")
        .splitlines()
        .index("  abstract = {A 3times speedup for all p_i, well known.},")
    )
    assert main(["-C", str(small_project), "check"]) == 0
    assert (
        f"content/papers/library.bib:{line + 1}: note: paper 'debris-paper': TeX debris in "
        "abstract: '3times', 'p_i,' (a macro name without its backslash; a sub- or superscript "
        "outside math)"
    ) in capsys.readouterr().err
    assert main(["-C", str(small_project), "check", "--json"]) == 0
    [debris] = json.loads(capsys.readouterr().out)["notes"]
    assert (debris["path"], debris["line"], debris["code"]) == (
        "content/papers/library.bib",
        line + 1,
        "tex-debris",
    )


def test_check_reports_errors_with_exit_1(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A topic naming an unknown key fails with file:line and no traceback."""
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: Optimization\npapers:\n  - label-noise-sgdd\n", encoding="utf-8"
    )
    assert main(["-C", str(small_project), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "content/topics/optimization.yaml:3:5: error: unknown paper key 'label-noise-sgdd' in "
        "papers[0] of topic 'optimization' — did you mean 'label-noise-sgd'?"
    ) in err
    assert "Traceback" not in err


def test_missing_project_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-C naming no folder: exit 2 and a message naming it, and nothing is created."""
    missing = tmp_path / "nowhere"
    assert main(["-C", str(missing), "check"]) == 2
    assert capsys.readouterr().err == (
        f"litreview: error: project folder '{missing}' does not exist\n"
    )
    assert not missing.exists()


def test_build_writes_markdown_tree(small_project: Path, tmp_path: Path) -> None:
    """build --out writes every page, the assets and a manifest; a rebuild keeps user files."""
    out = tmp_path / "docs"
    assert main(["-C", str(small_project), "build", "--out", str(out)]) == 0
    assert (out / "index.md").is_file() and (out / "papers/index.md").is_file()
    assert (out / "topics/scaling-laws/index.md").is_file()
    assert (out / "papers/label-noise-sgd/index.md").is_file()
    assert (out / "assets/litreview/litreview.css").is_file()
    assert "papers/label-noise-sgd/index.md" in (out / MANIFEST).read_text(encoding="utf-8")
    (out / "mine.md").write_text("my own page", encoding="utf-8")
    (small_project / "content/topics/compute-optimal.yaml").unlink()
    assert main(["-C", str(small_project), "build", "--out", str(out)]) == 0
    assert (out / "mine.md").read_text(encoding="utf-8") == "my own page"
    assert not (out / "topics/compute-optimal/index.md").exists()


@pytest.mark.parametrize("target", [".", "content", "content/topics", ".."])
def test_build_refuses_output_overlapping_inputs(small_project: Path, target: str) -> None:
    """The output folder may not be the project, its content, or a parent of them."""
    before = sorted(p.relative_to(small_project) for p in small_project.rglob("*"))
    assert main(["-C", str(small_project), "build", "--out", str(small_project / target)]) == 1
    assert sorted(p.relative_to(small_project) for p in small_project.rglob("*")) == before


def test_build_is_deterministic(small_project: Path, tmp_path: Path) -> None:
    """Two builds of the same input give byte-identical trees."""
    trees = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert main(["-C", str(small_project), "build", "--out", str(out)]) == 0
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_import_command_and_console_script(small_project: Path, tmp_path: Path) -> None:
    """The installed `litreview` script imports a .bib and reports what it did."""
    source = tmp_path / "new.bib"
    source.write_text("@article{fresh2024, title={A Fresh Paper About Things}}\n", encoding="utf-8")
    script = Path(sys.executable).parent / "litreview"
    result = subprocess.run(
        [str(script), "-C", str(small_project), "import", str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1 records read: 1 new papers" in result.stdout
    assert "wrote content/papers/library.bib" in result.stdout
    store = (small_project / "content/papers/library.bib").read_text(encoding="utf-8")
    assert "@article{fresh2024,\n  title = {A Fresh Paper About Things}," in store  # its own key
    assert "@misc{adversarial-title" in store  # and the stored papers are all still there


def test_suggest_ranks_topics_for_unplaced_papers(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`suggest` prints `key → topic (score)` for papers in no topic, best topic first."""
    (small_project / "content/topics/compute-optimal.yaml").write_text(
        "title: Compute-optimal\nparent: scaling-laws\npapers: [scaling-laws-neural-language]\n",
        encoding="utf-8",
    )
    assert main(["-C", str(small_project), "suggest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    [line] = [x for x in lines if x.startswith("compute-optimal-training → ")]
    assert re.match(r"compute-optimal-training → (compute-optimal|scaling-laws) \(0\.\d\d\)", line)
    assert main(["-C", str(small_project), "suggest", "--yaml", "compute-optimal-training"]) == 0
    yaml_out = capsys.readouterr().out
    assert "papers:\n  - compute-optimal-training  # " in yaml_out


def test_suggest_unknown_topic_is_usage_error(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown --topic is a usage error (exit 2) naming it."""
    assert main(["-C", str(small_project), "suggest", "--topic", "nope"]) == 2
    assert "unknown topic 'nope'" in capsys.readouterr().err


def test_quiet_and_verbose(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-q prints nothing but errors; the default ends with one summary line; -v lists merges."""
    assert main(["-q", "-C", str(small_project), "build", "--out", str(tmp_path / "a")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert main(["-C", str(small_project), "build", "--out", str(tmp_path / "b")]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"wrote 11 pages to {tmp_path / 'b'}; 0 errors, 0 warnings"]
    source = tmp_path / "dup.bib"
    source.write_text(
        "@misc{x, title={Scaling Laws for Neural Language Models}}\n", encoding="utf-8"
    )
    assert main(["-v", "-C", str(small_project), "import", str(source)]) == 0
    out, _ = capsys.readouterr()
    assert "merged: " in out and "scaling-laws-neural-language" in out
    assert out.splitlines()[-1].startswith("1 records read: 0 new papers, 1 stored papers updated")


def test_import_report_lists_each_restored_formula(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import counts the formulas it restored in pasted text; -v lists each one."""
    source = tmp_path / "listing.txt"
    source.write_text(
        "Get trending papers in your email inbox!\n"
        "SubscribeA Paper On Fast Sampling\nWe achieve a 3times speedup with ell_2-accurate scores.\n",
        encoding="utf-8",
    )
    assert main(["-v", "-C", str(small_project), "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert f"restored: {source}:3: abstract: '3times' → '$3\\times$'" in out
    assert f"restored: {source}:3: abstract: 'ell_2-accurate' → '$\\ell_2$-accurate'" in out
    assert ", 2 formulas restored in pasted text; wrote" in out.splitlines()[-1]
    store = (small_project / "content/papers/library.bib").read_text(encoding="utf-8")
    assert r"We achieve a $3\times$ speedup with $\ell_2$-accurate scores." in store


def test_quiet_may_follow_the_command(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`litreview build -q` works like `litreview -q build`."""
    assert main(["-C", str(small_project), "build", "--out", str(tmp_path / "o"), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_import_into_is_a_store_file_of_the_project(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A relative --into is read from the project (as -C says), and a file the store would
    never read back (outside content/papers, not .bib) is refused before anything is written."""
    source = tmp_path / "new.bib"
    source.write_text("@article{fresh2024, title={A Fresh Paper About Things}}\n", encoding="utf-8")
    root = str(small_project)
    assert main(["-C", root, "import", str(source), "--into", "content/papers/mine.bib"]) == 0
    assert "fresh2024" in (small_project / "content/papers/mine.bib").read_text(encoding="utf-8")
    for into in ("content/mine.bib", "content/papers/mine.txt", str(tmp_path / "x.bib")):
        assert main(["-C", root, "import", str(source), "--into", into]) == 2
        assert "--into must name a .bib file in content/papers/" in capsys.readouterr().err
    assert not (small_project / "content/mine.bib").exists() and not (tmp_path / "x.bib").exists()
