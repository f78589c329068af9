"""Editing topic files from the command line: add, move, new-topic; every other byte is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.curate import commands
from generator.curate.topicfile import TopicFile
from generator.errors import Diagnostics, LitReviewError
from generator.project import Project

# A topic file as people write them: comments, blank lines, quoting, flow lists and
# block scalars, and a list indented deeper than the default.
HAND_WRITTEN = """\
# Optimization, curated by hand; keep the reading order.
title: "Optimization and SGD noise"   # quoted on purpose
order: 2

summary: |
  Noise in SGD shapes what is learned [@label-noise-sgd].

  A second paragraph, after a blank line.

# Papers, in reading order.
papers:
    - label-noise-sgd            # the classic
    - key: 'adversarial-title'
      note: "A paper whose title is hostile: \\"quoted\\"."

    # more to come
sections:
  - title: 'Recipes'
    summary: >-
      How to split
      a budget.
    papers: [ compute-optimal-training ]   # flow list
see_also: [scaling-laws]    # related
"""
NOTE_LINE = '      note: "A paper whose title is hostile: \\"quoted\\"."\n'


@pytest.fixture
def project(small_project: Path) -> Path:
    """The small project with a hand-written optimization topic."""
    (small_project / "content/topics/optimization.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    return small_project


def _cli(project: Path, *argv: str) -> int:
    return main(["-C", str(project), *argv])


def _topic(project: Path, slug: str) -> str:
    return (project / "content/topics" / f"{slug}.yaml").read_text(encoding="utf-8")


def _topic_bytes(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "content/topics").rglob("*.yaml")}


def _check_is_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["-C", str(project), "check", "--strict"]) == 0, capsys.readouterr().err


def test_add_inserts_one_line_and_keeps_every_other_byte(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`add` appends one item at the list's own indentation, after the last item, and nothing else changes."""
    assert main(["-C", str(project), "add", "optimization", "scaling-laws-neural-language"]) == 0
    out = capsys.readouterr().out
    assert "added 'scaling-laws-neural-language' to topic 'optimization'" in out
    assert "wrote content/topics/optimization.yaml" in out
    expected = HAND_WRITTEN.replace(NOTE_LINE, NOTE_LINE + "    - scaling-laws-neural-language\n")
    assert _topic(project, "optimization") == expected
    _check_is_clean(project, capsys)


def test_add_to_a_flow_list_keeps_its_spacing_and_comment(project: Path) -> None:
    """In a flow list the key goes after the last item; brackets, spaces and comment stay."""
    path = project / "content/topics/scaling-laws.yaml"
    path.write_text("title: Scaling laws\npapers: [ scaling-laws-neural-language ]  # two\n")
    commands.add_papers(
        Project.at(project), "scaling-laws", ["compute-optimal-training"], Diagnostics()
    )
    assert path.read_text() == (
        "title: Scaling laws\n"
        "papers: [ scaling-laws-neural-language, compute-optimal-training ]  # two\n"
    )


def test_add_creates_papers_before_sections(project: Path) -> None:
    """A topic with only sections gets a `papers:` list between its summary and its sections."""
    before = _topic(project, "compute-optimal")
    commands.add_papers(Project.at(project), "compute-optimal", ["label-noise-sgd"], Diagnostics())
    assert _topic(project, "compute-optimal") == before.replace(
        "sections:\n", "papers:\n  - label-noise-sgd\nsections:\n"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "title: T\npapers:   # none yet\nsee_also: [optimization]",
            "title: T\npapers:   # none yet\n  - label-noise-sgd\nsee_also: [optimization]",
        ),
        ("title: T\npapers: ~\n", "title: T\npapers: [label-noise-sgd]\n"),
        ("title: T\npapers: []\n", "title: T\npapers: [label-noise-sgd]\n"),
        ("title: T\npapers:\n- a-key", "title: T\npapers:\n- a-key\n- label-noise-sgd"),
        (
            "title: T\r\npapers:\r\n  - a-key\r\n",
            "title: T\r\npapers:\r\n  - a-key\r\n  - label-noise-sgd\r\n",
        ),
    ],
    ids=["empty", "null", "empty-flow", "no-final-newline", "crlf"],
)
def test_add_to_empty_and_unusual_lists(project: Path, before: str, after: str) -> None:
    """Empty, null and flow lists, a missing final newline and CRLF line ends are all kept."""
    path = project / "content/topics/extra.yaml"
    path.write_bytes(before.encode())
    commands.add_papers(Project.at(project), "extra", ["label-noise-sgd"], Diagnostics())
    assert path.read_bytes() == after.encode()


def test_adding_a_listed_paper_is_a_no_op(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paper already in the topic (here in a section) is reported, exit 0, and no file changes."""
    before = _topic_bytes(project)
    assert main(["-C", str(project), "add", "optimization", "compute-optimal-training"]) == 0
    assert capsys.readouterr().out == (
        "'compute-optimal-training' is already in topic 'optimization' (sections[0].papers at "
        "content/topics/optimization.yaml:22); nothing to do\n"
    )
    assert _topic_bytes(project) == before


def test_move_takes_an_entry_with_its_note(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`move` deletes exactly the entry's lines from FROM and appends it, note included, to TO's papers."""
    assert _cli(project, "move", "adversarial-title", "optimization", "scaling-laws") == 0
    out = capsys.readouterr().out
    assert "moved 'adversarial-title' from 'optimization' to 'scaling-laws'" in out
    assert _topic(project, "optimization") == HAND_WRITTEN.replace(
        "    - key: 'adversarial-title'\n" + NOTE_LINE, ""
    )
    assert _topic(project, "scaling-laws").endswith(
        '    excerpt: "Loss falls as a power law in size, data and compute."\n'
        "  - key: adversarial-title\n"
        '    note: "A paper whose title is hostile: \\"quoted\\"."\n'
        "see_also: [optimization]\n"
    )
    _check_is_clean(project, capsys)


def test_move_out_of_a_section_flow_list(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key in a section's flow list leaves `[]` behind and joins TO's papers."""
    assert _cli(project, "move", "compute-optimal-training", "optimization", "scaling-laws") == 0
    assert _topic(project, "optimization") == HAND_WRITTEN.replace(
        "[ compute-optimal-training ]", "[]"
    )
    assert "  - compute-optimal-training\nsee_also:" in _topic(project, "scaling-laws")


def test_moving_the_only_item_leaves_an_empty_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Taking the last entry out of a block list deletes its lines and leaves `papers:` empty."""
    before = _topic(project, "scaling-laws")
    assert (
        _cli(project, "move", "scaling-laws-neural-language", "scaling-laws", "optimization") == 0
    )
    assert _topic(project, "scaling-laws") == before.replace(
        "  - key: scaling-laws-neural-language\n"
        "    note: The original power-law fits [@scaling-laws-neural-language].\n"
        '    excerpt: "Loss falls as a power law in size, data and compute."\n',
        "",
    )
    assert "papers:\nsee_also:" in _topic(project, "scaling-laws")
    _check_is_clean(project, capsys)


def test_move_to_a_topic_that_lists_it_only_removes(project: Path) -> None:
    """When TO lists the paper already, the move only takes it out of FROM."""
    before = _topic(project, "compute-optimal")
    result = commands.move_paper(
        Project.at(project), "compute-optimal-training", "optimization", "compute-optimal",
        Diagnostics(),
    )  # fmt: skip
    assert result.message == (
        "removed 'compute-optimal-training' from 'optimization'; "
        "topic 'compute-optimal' already lists it"
    )
    assert result.written == ("content/topics/optimization.yaml",)
    assert _topic(project, "compute-optimal") == before


def test_new_topic_is_created_beside_its_parent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new-topic` writes SLUG.yaml in its parent's folder, with a title, and the site still checks."""
    topics = project / "content/topics"
    (topics / "ml").mkdir()
    (topics / "optimization.yaml").rename(topics / "ml/optimization.yaml")
    args = ["-C", str(project), "new-topic", "sgd-noise", "--parent", "optimization"]
    assert main([*args, "--title", "SGD noise: what it does"]) == 0
    assert (topics / "ml/sgd-noise.yaml").read_text() == (
        'title: "SGD noise: what it does"\nparent: optimization\n'
    )
    assert main(["-C", str(project), "new-topic", "label-noise"]) == 0
    assert (topics / "label-noise.yaml").read_text() == "title: Label noise\n"
    assert main(["-C", str(project), "add", "sgd-noise", "label-noise-sgd"]) == 0
    capsys.readouterr()
    assert main(["-C", str(project), "check"]) == 0
    result = capsys.readouterr()
    assert "4 papers, 5 topics, 0 papers in no topic" in result.out
    assert "topic 'label-noise' has no papers" in result.err  # new and still empty


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "optimization", "label-noise-sgdd"],
         "error: unknown paper key 'label-noise-sgdd' — did you mean 'label-noise-sgd'?"),
        (["add", "optimisation", "label-noise-sgd"],
         "error: unknown topic 'optimisation' — did you mean 'optimization'?"),
        (["move", "label-noise-sgd", "optimization", "scaling-law"],
         "error: unknown topic 'scaling-law' — did you mean 'scaling-laws'?"),
        (["move", "label-noise-sgd", "scaling-laws", "optimization"],
         "error: paper 'label-noise-sgd' is not in topic 'scaling-laws'; it is in 'optimization'"),
        (["move", "label-noise-sgd", "optimization", "optimization"],
         "error: 'optimization' is both the topic to move from and the topic to move to"),
        (["new-topic", "scaling-laws", "--parent", "optimization"],
         "error: topic 'scaling-laws' already exists (content/topics/scaling-laws.yaml)"),
        (["new-topic", "sgd-noise", "--parent", "optimisation"],
         "error: unknown topic 'optimisation' — did you mean 'optimization'?"),
        (["new-topic", "SGD_noise"],
         "error: 'SGD_noise' is not a valid topic slug: use lowercase letters, digits and "
         "hyphens (e.g. 'scaling-laws')"),
    ],
)  # fmt: skip
def test_names_that_do_not_resolve_are_usage_errors(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Unknown keys and topics (with a suggestion), taken or invalid slugs: exit 2, nothing written."""
    before = _topic_bytes(project)
    assert main(["-C", str(project), *argv]) == 2
    assert capsys.readouterr().err == f"{message}\n1 error, 0 warnings\n"
    assert _topic_bytes(project) == before


def test_a_broken_topic_file_is_a_located_content_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A topic file with a YAML error is reported at its line (exit 1) and left alone."""
    path = project / "content/topics/scaling-laws.yaml"
    path.write_text("title: Scaling laws\npapers: [a, b\n", encoding="utf-8")
    assert main(["-C", str(project), "add", "scaling-laws", "label-noise-sgd"]) == 1
    err = capsys.readouterr().err
    assert "content/topics/scaling-laws.yaml:3:1: error: YAML syntax error" in err
    assert "scaling-laws.yaml: error: fix topic 'scaling-laws' before editing it" in err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "title: Scaling laws\npapers: [a, b\n"


def test_an_edit_that_would_change_other_data_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a splice lands in the wrong place, reloading shows it and the file is not written."""
    monkeypatch.setattr(TopicFile, "_end_line", lambda self, node: 0)
    with pytest.raises(LitReviewError) as info:
        commands.add_papers(
            Project.at(project), "scaling-laws", ["compute-optimal-training"], Diagnostics()
        )
    assert "cannot edit topic 'scaling-laws' without reformatting it" in str(info.value)
    assert "papers:\n  - key: scaling-laws-neural-language\n" in _topic(project, "scaling-laws")
    assert "compute-optimal-training" not in _topic(project, "scaling-laws").split("papers:")[1]
