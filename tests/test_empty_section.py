"""An empty section (``papers: []``) is a located warning with its own code: in
`litreview check --json`, and in `mkdocs build`, where --strict makes it fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import mkdocs_build

SECTIONS = """\
sections:
  - title: Filled
    papers: [scaling-laws-neural-language]
  - title: Still to write
    summary: Papers on this come later.
    papers: []
  - title: Not even a list
"""


@pytest.fixture
def project(small_project: Path) -> Path:
    topic = small_project / "content/topics/optimization.yaml"
    topic.write_text(topic.read_text("utf-8") + SECTIONS, encoding="utf-8")
    return small_project


def test_check_reports_each_empty_section_with_its_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both empty sections are warnings at their lines, with code `empty-section`."""
    assert main(["-C", str(project), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    empty = [w for w in report["warnings"] if w["code"] == "empty-section"]
    start = len((project / "content/topics/optimization.yaml").read_text("utf-8").splitlines())
    start -= len(SECTIONS.splitlines())
    assert [(w["path"], w["line"], w["subject"]) for w in empty] == [
        ("content/topics/optimization.yaml", start + 4, "optimization"),
        ("content/topics/optimization.yaml", start + 7, "optimization"),
    ]
    assert empty[0]["message"] == (
        "section 'Still to write' (sections[1]) of topic 'optimization' has no papers; "
        "its page would show a bare heading"
    )
    assert main(["-C", str(project), "check", "--strict"]) == 1


def test_mkdocs_build_warns_and_strict_fails(project: Path, tmp_path: Path) -> None:
    """`mkdocs build` logs the warning; `mkdocs build --strict` stops on it."""
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "section 'Still to write' (sections[1]) of topic 'optimization' has no papers" in (
        result.stderr
    )
    assert mkdocs_build(project, tmp_path / "strict", "--strict").returncode != 0
