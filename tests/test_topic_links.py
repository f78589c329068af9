"""Topic edits on a topic file that is a symbolic link write through to its target and
say so; the link stays a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "optimization", "scaling-laws-neural-language"],
        ["move", "label-noise-sgd", "optimization", "scaling-laws"],
    ],
)
def test_edit_writes_through_a_symlinked_topic_file(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """`add` and `move` on a linked topic change the link's target, keep the link, and
    name the target in their report."""
    shared = tmp_path / "shared-topics"
    shared.mkdir()
    link = small_project / "content/topics/optimization.yaml"
    target = shared / "optimization.yaml"
    target.write_bytes(link.read_bytes())
    link.unlink()
    link.symlink_to(target)
    before = target.read_text(encoding="utf-8")
    assert main(["-C", str(small_project), *argv]) == 0
    out = capsys.readouterr().out
    assert link.is_symlink() and link.resolve() == target.resolve()
    after = target.read_text(encoding="utf-8")
    assert after != before
    if argv[0] == "add":
        assert "- scaling-laws-neural-language" in after
    else:
        assert "  - label-noise-sgd\n" in before and "  - label-noise-sgd\n" not in after
    assert f"(a link to {target.resolve()})" in out
