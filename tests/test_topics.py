"""Topic files: schema errors with file, line and key path; cross-file checks in organize."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Diagnostics, Location
from generator.load.topics import parse_topic, read_topics
from generator.model import Paper
from generator.organize.review import organize


def _problems(text: str, slug: str = "t") -> list[str]:
    diagnostics = Diagnostics()
    parse_topic(slug, text, f"topics/{slug}.yaml", diagnostics)
    return [str(p) for p in diagnostics.problems]


def _paper(key: str) -> Paper:
    return Paper(key=key, slug=key, location=Location("papers.bib", 1), fields={"title": key})


def _review(files: dict[str, str], keys: list[str]) -> list[str]:
    diagnostics = Diagnostics()
    topics = [parse_topic(s, t, f"topics/{s}.yaml", diagnostics) for s, t in files.items()]
    organize([_paper(k) for k in keys], [t for t in topics if t], diagnostics)
    return [str(p) for p in diagnostics.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\npapers: [a, b\n",
            "topics/t.yaml:3:1: error: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']'",
        ),
        (
            "title: T\ntitle: U\n",
            "topics/t.yaml:2:1: error: duplicate key 'title' (first defined on line 1)",
        ),
        (
            "title: no\n",
            "topics/t.yaml:1:1: error: 'title' must be a string, not a boolean (false) (put it in quotes)",
        ),
        ("", "topics/t.yaml:1: error: topic file is empty: it needs at least a 'title'"),
        (
            "# only a comment\n",
            "topics/t.yaml:1: error: topic file is empty: it needs at least a 'title'",
        ),
        (
            "title: T\npaper: [a]\n",
            "topics/t.yaml:2:1: error: unknown key 'paper' — did you mean 'papers'?",
        ),
        (
            "title: T\nsections:\n  - title: S\n    paper: [a]\n",
            "topics/t.yaml:4:5: error: unknown key 'sections[0].paper' — did you mean 'papers'?",
        ),
        (
            "title: T\npapers:\n  - a\n  - 12\n",
            "topics/t.yaml:4:5: error: papers[1] must be a paper key or a mapping with 'key' and 'note', not a number (12)",
        ),
        (
            "title: T\npapers:\n  - note: hi\n",
            "topics/t.yaml:3:5: error: 'papers[0].key' is required",
        ),
        (
            "- a\n- b\n",
            "topics/t.yaml:1: error: a topic file must be a mapping with 'title', 'papers', ...",
        ),
        (
            "title: T\norder: first\n",
            "topics/t.yaml:2:1: error: 'order' must be a number, not a string",
        ),
        ("a: &x [*x]\n", "topics/t.yaml:1:4: error: recursive YAML alias"),
        (
            "title: T\n\tpapers: []\n",
            "topics/t.yaml:2:1: error: YAML syntax error: while scanning a plain scalar: found a tab character that violates indentation",
        ),
    ],
)
def test_schema_errors_are_located(text: str, expected: str) -> None:
    """Each malformed topic file gives one message naming file, line (column) and key path."""
    assert expected in _problems(text)


def test_alias_bomb_is_bounded() -> None:
    """A billion-laughs document is refused quickly instead of expanding."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    problems = _problems(bomb)
    assert any("alias bomb" in p for p in problems)


def test_valid_topic_reads_everything() -> None:
    """All keys of the format land in the Topic."""
    diagnostics = Diagnostics()
    text = (
        "title: Scaling\nparent: ml\norder: 2\nsummary: |\n  Intro [@a].\n"
        "papers:\n  - a\n  - key: b\n    note: Key paper.\n"
        "sections:\n  - title: S\n    summary: Sec.\n    papers: [c]\n"
        "see_also: [other]\n"
    )
    topic = parse_topic("scaling", text, "scaling.yaml", diagnostics)
    assert not diagnostics.problems
    assert topic is not None
    assert (topic.title, topic.parent, topic.order) == ("Scaling", "ml", 2)
    assert topic.paper_keys() == ("a", "b", "c")
    assert topic.entries[1].note == "Key paper."
    assert topic.entries[1].location.line == 8
    assert [s for s, _ in topic.see_also] == ["other"]


def test_bom_and_crlf_are_accepted() -> None:
    """A BOM and Windows line ends read the same as plain LF."""
    diagnostics = Diagnostics()
    topic = parse_topic("t", "\ufefftitle: T\r\npapers: [a]\r\n", "t.yaml", diagnostics)
    assert not diagnostics.problems and topic is not None and topic.paper_keys() == ("a",)


def test_unknown_paper_key_suggests_near_match() -> None:
    """An unknown key names topic, key path, line and the closest real key."""
    problems = _review(
        {"scaling": "title: S\nsections:\n  - title: X\n    papers: [ok, kaplan-scaling-lasw]\n"},
        ["ok", "kaplan-scaling-laws"],
    )
    assert (
        "topics/scaling.yaml:4:18: error: unknown paper key 'kaplan-scaling-lasw' in "
        "sections[0].papers[1] of topic 'scaling' — did you mean 'kaplan-scaling-laws'?"
    ) in problems


def test_missing_parent_and_cycles_are_errors() -> None:
    """A parent that does not exist, and a cycle in the hierarchy, are located errors."""
    problems = _review(
        {
            "a": "title: A\nparent: b\npapers: [p]\n",
            "b": "title: B\nparent: a\npapers: [p]\n",
            "c": "title: C\nparent: nope\npapers: [p]\n",
        },
        ["p"],
    )
    assert "topics/c.yaml:2:1: error: topic 'c' has unknown parent 'nope'" in problems
    assert "topics/a.yaml:2:1: error: topic hierarchy has a cycle: a → b → a" in problems


def test_unplaced_papers_and_empty_topics_warn() -> None:
    """Papers in no topic and topics with nothing in them are warnings with locations."""
    problems = _review({"e": "title: Empty\n"}, ["lonely"])
    assert "topics/e.yaml:1: warning: topic 'e' has no papers and no sub-topics" in problems
    assert "papers.bib:1: warning: paper 'lonely' is in no topic" in problems


def test_citation_of_unknown_key_is_located() -> None:
    """A [@key] in a summary that names no paper gives the line inside the block scalar."""
    problems = _review(
        {"t": "title: T\nsummary: |\n  Fine [@p].\n  Bad [@q; @p].\npapers: [p]\n"}, ["p"]
    )
    assert "topics/t.yaml:4: error: citation of unknown paper '@q'" in problems


def test_paper_in_two_topics_is_allowed_and_listed_twice_in_one_is_warned() -> None:
    """Several topics may share a paper; the same topic listing it twice is a warning."""
    problems = _review({"a": "title: A\npapers: [p]\n", "b": "title: B\npapers: [p, p]\n"}, ["p"])
    assert problems == [
        "topics/b.yaml:2:13: warning: paper 'p' is listed twice in topic 'b' (first on line 2); "
        "the second is ignored"
    ]


def test_duplicate_slugs_in_subfolders_are_errors(tmp_path: Path) -> None:
    """Two files with one slug in different folders are an error naming both."""
    (tmp_path / "x").mkdir()
    (tmp_path / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "x" / "a.yaml").write_text("title: A2\n", encoding="utf-8")
    (tmp_path / "Bad Name.yaml").write_text("title: B\n", encoding="utf-8")
    diagnostics = Diagnostics()
    files = [(tmp_path / "a.yaml", "a.yaml"), (tmp_path / "x" / "a.yaml", "x/a.yaml"),
             (tmp_path / "Bad Name.yaml", "Bad Name.yaml")]  # fmt: skip
    topics = read_topics(files, diagnostics)
    assert [t.slug for t in topics] == ["a"]
    messages = [str(p) for p in diagnostics.problems]
    assert "x/a.yaml: error: topic slug 'a' is also defined by a.yaml" in messages
    assert any(m.startswith("Bad Name.yaml: error: topic file name") for m in messages)


def test_redirect_from_collisions_are_errors() -> None:
    """An old slug may not be a live topic's slug, nor be claimed by two topics."""
    problems = _review(
        {
            "a": "title: A\nredirect_from: [b, old]\npapers: [p]\n",
            "b": "title: B\nredirect_from: [old, '../x']\npapers: [p]\n",
        },
        ["p"],
    )
    assert (
        "topics/a.yaml:2:17: error: redirect_from 'b' of topic 'a' is a live topic's slug"
        in problems
    )
    assert (
        "topics/b.yaml:2:17: error: redirect_from 'old' is claimed by topics 'a' and 'b'"
        in problems
    )
    assert any("redirect_from[1] is not a topic slug: '../x'" in p for p in problems)
