"""Any nesting depth and any bytes give located problems, never a traceback: every
reader (CSL-JSON, RIS, YAML lists, metadata, BibTeX, plain dumps, topic files, the
store) on deep, broken and random input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Diagnostics
from generator.load.sources import FORMATS, read_sources
from generator.load.topics import read_topics
from generator.store.bibfile import read_store

DEEP = 100_000


def _nested_related(depth: int) -> str:
    """A YAML paper list whose papers nest `related:` papers `depth` levels deep."""
    lines = []
    for level in range(depth):
        pad = "  " * (2 * level)
        lines += [f"{pad}- title: Paper {level}", f"{pad}  related:"]
    return "\n".join(lines) + "\n"


DEEP_INPUTS = {
    "array.json": "[" * DEEP + "]" * DEEP,
    "object.json": '[{"title": "T", "author": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}]",
    "string-brackets.json": '[{"title": "' + "[" * 500 + '"}]',  # brackets in a string: fine
    "flow.yaml": "[" * DEEP + "]" * DEEP,
    "mapping.yaml": "{a: " * DEEP + "1" + "}" * DEEP,
    "related.yaml": _nested_related(150),
    "flow.txt": "- file: x\n  line: 1\n  title: " + "[" * DEEP,
    "braces.bib": "@misc{k, title = {" + "{" * DEEP + "}" * DEEP + "}}",
    "lines.ris": "TY  - JOUR\nTI  - " + "[{" * DEEP + "\nER  - \n",
}


def _located(diagnostics: Diagnostics, shown: str) -> None:
    for problem in diagnostics.problems:
        assert problem.location is not None and problem.location.path == shown, str(problem)


@pytest.mark.parametrize("name", sorted(DEEP_INPUTS))
def test_deep_nesting_is_a_located_problem(tmp_path: Path, name: str) -> None:
    """Nesting of any depth is read or refused at its file and line, in every format."""
    path = tmp_path / name
    path.write_text(DEEP_INPUTS[name], encoding="utf-8")
    for forced in (None, *FORMATS):
        diagnostics = Diagnostics()
        read_sources([(path, name)], diagnostics, forced_format=forced)
        _located(diagnostics, name)
    diagnostics = Diagnostics()
    read_sources([(path, name)], diagnostics)
    if name not in ("string-brackets.json", "lines.ris"):  # both are valid, odd titles
        assert diagnostics.problems, name


def test_deep_json_names_where_it_goes_too_deep(tmp_path: Path) -> None:
    """The CSL-JSON reader refuses deep nesting at the bracket that goes past the limit."""
    path = tmp_path / "deep.json"
    path.write_text('[{"title": "T",\n "note": ' + "[" * DEEP + "]" * DEEP + "}]", "utf-8")
    diagnostics = Diagnostics()
    assert read_sources([(path, "deep.json")], diagnostics) == []
    [problem] = diagnostics.errors
    assert str(problem).startswith("deep.json:2:108: error: JSON nests deeper than 100 levels")


def test_deep_topic_and_store_files_are_located_errors(tmp_path: Path) -> None:
    """A topic file or a store file nested without end is a located error."""
    for name, text in (("flow.yaml", DEEP_INPUTS["flow.yaml"]),
                       ("related.yaml", "title: T\npapers:\n" + _nested_related(150))):  # fmt: skip
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        diagnostics = Diagnostics()
        read_topics([(path, name)], diagnostics)
        assert diagnostics.errors
        _located(diagnostics, name)
    store = tmp_path / "store.bib"
    store.write_text(DEEP_INPUTS["braces.bib"], encoding="utf-8")
    diagnostics = Diagnostics()
    read_store([(store, "store.bib")], diagnostics)
    assert diagnostics.problems
    _located(diagnostics, "store.bib")


_PIECES = st.sampled_from([
    "[", "]", "{", "}", "(", ")", "\"", "'", ",", ":", "-", "- ", "@", "@misc{", "=", "#", "%",
    "\\", "\n", "  ", "TY  - ", "ER  - ", "title: ", "title", "author", "&a ", "*a", "!!", "|",
    ">", "---", "...", "\t", "\r", "\ufeff", "\x00", "\x1b", "é", "\u2028", "Abstract:", "x",
])  # fmt: skip
_NAMES = ("in.json", "in.yaml", "in.bib", "in.ris", "in.txt", "in")


@given(
    st.one_of(st.binary(max_size=400), st.lists(_PIECES, max_size=60).map("".join).map(str.encode)),
    st.sampled_from(_NAMES),
)
@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_bytes_give_located_problems(tmp_path: Path, data: bytes, name: str) -> None:
    """Random bytes, and random runs of every format's syntax, are read or reported at
    their file; no reader raises."""
    path = tmp_path / name
    path.write_bytes(data)
    diagnostics = Diagnostics()
    read_sources([(path, name)], diagnostics)
    _located(diagnostics, name)
    topic = tmp_path / "topic.yaml"
    topic.write_bytes(data)
    diagnostics = Diagnostics()
    read_topics([(topic, "topic.yaml")], diagnostics)
    _located(diagnostics, "topic.yaml")
    store = tmp_path / "store.bib"
    store.write_bytes(data)
    diagnostics = Diagnostics()
    read_store([(store, "store.bib")], diagnostics)
    _located(diagnostics, "store.bib")
