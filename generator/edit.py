"""Editing topic files from the command line: add a paper, move it, start a topic.

Topic files are written by hand, so an edit changes the lines it must and not one
other byte: comments, blank lines, quoting, flow lists and block scalars stay as
they were. ruamel.yaml's round-trip composer tells where each list and item sits in
the text; the edit is spliced in there (ruamel's dumper would re-indent lists and
re-space comments elsewhere in the file). The result is loaded again and compared
with the intended data before a file is replaced, atomically.

Names that do not resolve (an unknown paper key or topic, a slug that is taken)
are usage errors (`UsageError`, exit code 2); topic files or a store that cannot be
read are content errors (`LitReviewError`, exit code 1).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Diagnostics, LitReviewError, Location, Problem, Severity
from generator.load.topics import parse_topic
from generator.project import Project
from generator.slugs import is_safe_slug
from generator.store.bibfile import read_store, write_atomically

_NULLS = ("", "~", "null", "Null", "NULL")
_PLAIN = re.compile(r"[A-Za-z0-9_][\w .,'()/+-]*")


class UsageError(LitReviewError):
    """The command named a paper or topic that does not resolve (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__([Problem(Severity.ERROR, message)])


@dataclass(frozen=True)
class EditResult:
    """What an edit did, in a sentence, and the files it wrote (as the user names them)."""

    message: str
    written: tuple[str, ...] = ()


def add_paper(project: Project, key: str, topic: str, diagnostics: Diagnostics) -> EditResult:
    """Append `key` to the ``papers`` of `topic`; a no-op when the topic lists it already."""
    _check_paper(project, key, diagnostics)
    doc = _TopicFile.open(project, topic, _topic_paths(project, diagnostics), diagnostics)
    listed = doc.find(key)
    if listed:
        where = listed[0]
        return EditResult(
            f"'{key}' is already in topic '{topic}' ({where.label} at {doc.shown}:{where.line}); "
            "nothing to do"
        )
    doc.append(_Entry(key))
    doc.save()
    return EditResult(f"added '{key}' to topic '{topic}'", (doc.shown,))


def move_paper(
    project: Project, key: str, source: str, target: str, diagnostics: Diagnostics
) -> EditResult:
    """Take `key` out of every list of `source` and append it to `target`'s ``papers``,
    with the note and excerpt it had."""
    if source == target:
        raise UsageError(f"'{source}' is both the topic to move from and the topic to move to")
    _check_paper(project, key, diagnostics)
    paths = _topic_paths(project, diagnostics)
    old = _TopicFile.open(project, source, paths, diagnostics)
    new = _TopicFile.open(project, target, paths, diagnostics)
    listed = old.find(key)
    if not listed:
        holders = [slug for slug in paths if slug != source and _lists(project, slug, paths, key)]
        where = f"; it is in {', '.join(repr(h) for h in holders)}" if holders else ""
        raise UsageError(f"paper '{key}' is not in topic '{source}'{where}")
    for item in reversed(listed):
        old.remove(item)
    message = f"moved '{key}' from '{source}' to '{target}'"
    if new.find(key):
        message = f"removed '{key}' from '{source}'; topic '{target}' already lists it"
    else:
        new.append(listed[0].entry)
    # Both edits are checked before either file is written; the paper joins its new
    # topic first, so an interrupted move leaves it in two topics, never in none.
    new_text, old_text = new.edited(), old.edited()
    new.save(new_text)
    old.save(old_text)
    written = (new.shown, old.shown) if new.changed else (old.shown,)
    return EditResult(message, written)


def new_topic(
    project: Project,
    slug: str,
    parent: str | None,
    title: str | None,
    diagnostics: Diagnostics,
) -> EditResult:
    """Create ``SLUG.yaml`` beside its parent's file (or in the topics folder)."""
    if not is_safe_slug(slug):
        raise UsageError(
            f"'{slug}' is not a valid topic slug: use lowercase letters, digits and hyphens "
            "(e.g. 'scaling-laws')"
        )
    paths = _topic_paths(project, diagnostics)
    if slug in paths:
        raise UsageError(f"topic '{slug}' already exists ({project.display(paths[slug])})")
    folder = project.topics_dir
    if parent is not None:
        folder = _resolve(parent, paths).parent
    title = (title or "").strip() or slug.replace("-", " ").capitalize()
    lines = [f"title: {_scalar(title)}"]
    if parent is not None:
        lines.append(f"parent: {_scalar(parent)}")
    path = folder / f"{slug}.yaml"
    write_atomically(path, "\n".join(lines) + "\n")
    shown = project.display(path)
    return EditResult(f"created topic '{slug}' ({shown})", (shown,))


# Resolving names ------------------------------------------------------------------


def _check_paper(project: Project, key: str, diagnostics: Diagnostics) -> None:
    papers = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    diagnostics.raise_if_errors()
    keys = [p.key for p in papers]
    if key not in keys:
        raise UsageError(f"unknown paper key '{key}'{_hint(key, keys)}")


def _topic_paths(project: Project, diagnostics: Diagnostics) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for path in project.topic_files():
        if path.stem in paths:
            diagnostics.error(
                f"topic slug '{path.stem}' is also defined by {project.display(paths[path.stem])}",
                Location(project.display(path)),
            )
        paths.setdefault(path.stem, path)
    diagnostics.raise_if_errors()
    return paths


def _resolve(slug: str, paths: dict[str, Path]) -> Path:
    if slug not in paths:
        raise UsageError(f"unknown topic '{slug}'{_hint(slug, list(paths))}")
    return paths[slug]


def _hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" — did you mean '{close[0]}'?" if close else ""


def _lists(project: Project, slug: str, paths: dict[str, Path], key: str) -> bool:
    try:
        return bool(_TopicFile.open(project, slug, paths, Diagnostics()).find(key))
    except LitReviewError:
        return False


# The text of one topic file -------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """A paper entry as it will be written: a key, or a key with a note/excerpt."""

    key: str
    extras: tuple[tuple[str, str], ...] = ()

    def plain(self) -> Any:
        return {"key": self.key, **dict(self.extras)} if self.extras else self.key

    def flow(self) -> str:
        if not self.extras:
            return _scalar(self.key)
        parts = [f"key: {_scalar(self.key)}"] + [f"{k}: {_quoted(v)}" for k, v in self.extras]
        return "{" + ", ".join(parts) + "}"

    def block(self, indent: int) -> list[str]:
        pad = " " * indent
        if not self.extras:
            return [f"{pad}- {_scalar(self.key)}"]
        lines = [f"{pad}- key: {_scalar(self.key)}"]
        lines += [f"{pad}  {k}: {_quoted(v)}" for k, v in self.extras]
        return lines


@dataclass(frozen=True)
class _Listed:
    """Where a topic lists a paper: which list, the item's index, and its node."""

    label: str  # "papers" or "sections[1].papers"
    path: tuple[Any, ...]  # the list's path in the data: ("papers",), ("sections", 1, "papers")
    seq: SequenceNode
    index: int
    entry: _Entry

    @property
    def line(self) -> int:
        return int(self.seq.value[self.index].start_mark.line) + 1


@dataclass
class _TopicFile:
    project: Project
    slug: str
    path: Path
    shown: str
    text: str
    bom: str
    root: MappingNode
    expected: Any
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    changed: bool = False

    @classmethod
    def open(
        cls, project: Project, slug: str, paths: dict[str, Path], diagnostics: Diagnostics
    ) -> _TopicFile:
        path = _resolve(slug, paths)
        shown = project.display(path)
        try:
            raw = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            diagnostics.error(f"topic file is not UTF-8 ({exc.reason})", Location(shown))
            raise LitReviewError(list(diagnostics.problems)) from exc
        except OSError as exc:
            diagnostics.error(f"cannot read topic file: {exc.strerror}", Location(shown))
            raise LitReviewError(list(diagnostics.problems)) from exc
        text = raw.removeprefix("\ufeff")
        local = Diagnostics()
        parse_topic(slug, text, shown, local)
        if local.errors:
            diagnostics.extend(local)
            diagnostics.error(f"fix topic '{slug}' before editing it", Location(shown))
            diagnostics.raise_if_errors()
        try:
            root = YAML(typ="rt").compose(text)
        except YAMLError as exc:
            diagnostics.error(f"YAML error: {exc}", Location(shown))
            raise LitReviewError(list(diagnostics.problems)) from exc
        if not isinstance(root, MappingNode) or root.flow_style:
            diagnostics.error(
                "only a block-style topic file (one 'key: value' per line) can be edited",
                Location(shown, 1),
            )
            diagnostics.raise_if_errors()
        return cls(project, slug, path, shown, text, raw[: len(raw) - len(text)], root, _load(text))

    # Reading

    def find(self, key: str) -> list[_Listed]:
        found = []
        for label, path, seq in self._paper_lists():
            for index, item in enumerate(seq.value):
                entry = _entry_of(item)
                if entry is not None and entry.key == key:
                    found.append(_Listed(label, path, seq, index, entry))
        return found

    def _paper_lists(self) -> list[tuple[str, tuple[Any, ...], SequenceNode]]:
        lists: list[tuple[str, tuple[Any, ...], SequenceNode]] = []
        papers = _get(self.root, "papers")
        if papers and isinstance(papers[1], SequenceNode):
            lists.append(("papers", ("papers",), papers[1]))
        sections = _get(self.root, "sections")
        if sections and isinstance(sections[1], SequenceNode):
            for index, section in enumerate(sections[1].value):
                found = _get(section, "papers") if isinstance(section, MappingNode) else None
                if found and isinstance(found[1], SequenceNode):
                    label = f"sections[{index}].papers"
                    lists.append((label, ("sections", index, "papers"), found[1]))
        return lists

    # Editing: each edit is a splice into the original text, applied by edited(), while
    # `expected` gets the same change in plain data, for edited() to check against.

    def append(self, entry: _Entry) -> None:
        """Append to the top-level ``papers`` list, creating it when there is none."""
        found = _get(self.root, "papers")
        papers = self.expected.get("papers") or []
        self.expected["papers"] = [*papers, entry.plain()]
        if found is None:
            line = self._end_line(self.root)
            keys = [k.value for k, _ in self.root.value]
            later = [i for i, k in enumerate(keys) if k in ("sections", "see_also") and i > 0]
            if later:
                line = self._end_line(self.root.value[later[0] - 1][1])
            self._insert_after(line, ["papers:", *entry.block(2)])
            return
        key_node, value = found
        if isinstance(value, ScalarNode) and value.value in _NULLS and not value.style:
            start, end = value.start_mark.index, value.end_mark.index
            if start == end:  # `papers:` with nothing after it
                indent = key_node.start_mark.column + 2
                self._insert_after(key_node.start_mark.line, entry.block(indent))
            else:  # `papers: ~`
                self.edits.append((start, end, f"[{entry.flow()}]"))
            return
        if not isinstance(value, SequenceNode):
            raise self._cannot("'papers' is not a list")
        if value.flow_style:
            if value.value:
                at = value.value[-1].end_mark.index
                self.edits.append((at, at, ", " + entry.flow()))
            else:
                at = value.start_mark.index + 1
                self.edits.append((at, at, entry.flow()))
            return
        dash = self._dash(value.value[0])
        column = dash - (self.text.rfind("\n", 0, dash) + 1)
        self._insert_after(self._end_line(value.value[-1]), entry.block(column))

    def remove(self, listed: _Listed) -> None:
        seq, index = listed.seq, listed.index
        items = seq.value
        item = items[index]
        container = self.expected
        for step in listed.path[:-1]:
            container = container[step]
        remaining = list(container[listed.path[-1]])
        del remaining[index]
        if seq.flow_style:
            if len(items) == 1:  # `[ key ]` becomes `[]`
                start, end = seq.start_mark.index + 1, seq.end_mark.index - 1
            elif index < len(items) - 1:
                start, end = item.start_mark.index, items[index + 1].start_mark.index
            else:
                start, end = items[index - 1].end_mark.index, item.end_mark.index
            self.edits.append((start, end, ""))
        else:
            dash = self._dash(item)
            line_start = self.text.rfind("\n", 0, dash) + 1
            if self.text[line_start:dash].strip():
                raise self._cannot(f"an item of '{listed.label}' does not start its line")
            last = self._end_line(item)
            self.edits.append((line_start, self._line_offset(last + 1), ""))
        # An emptied block list leaves `papers:` with no items, which YAML reads as null.
        container[listed.path[-1]] = remaining if remaining or seq.flow_style else None

    def edited(self) -> str:
        """The text with every edit applied, checked to hold exactly the intended data."""
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        if _load(text) != self.expected:
            raise self._cannot("the edit would change more than the paper lists")
        return text

    def save(self, text: str | None = None) -> None:
        if self.edits:
            write_atomically(self.path, self.bom + (text if text is not None else self.edited()))
            self.changed = True

    # Positions in the text

    def _dash(self, item: Node) -> int:
        """The index of the ``-`` that opens a block sequence item."""
        at = int(item.start_mark.index) - 1
        while at >= 0 and self.text[at] in " \t\r\n":
            at -= 1
        if at < 0 or self.text[at] != "-":
            raise self._cannot("a list item does not start with '-'")
        return at

    def _end_line(self, node: Node) -> int:
        """The 0-based line holding the last character of `node`'s content."""
        if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            return self._end_line(last[1] if isinstance(last, tuple) else last)
        start, end = node.start_mark, node.end_mark
        line = int(end.line)
        if end.column == 0 and line > start.line:
            line -= 1  # block scalars end at the start of the line after them
        keep = (
            isinstance(node, ScalarNode)
            and node.style in ("|", ">")
            and "+" in (self.text[start.index : start.index + 4].split("\n")[0])
        )
        lines = self.text.split("\n")
        while not keep and line > start.line and not lines[line].strip():
            line -= 1
        return line

    def _line_offset(self, line: int) -> int:
        offset = 0
        for _ in range(line):
            found = self.text.find("\n", offset)
            if found < 0:
                return len(self.text)
            offset = found + 1
        return offset

    def _insert_after(self, line: int, new_lines: list[str]) -> None:
        newline = "\r\n" if "\r\n" in self.text else "\n"
        at = self._line_offset(line + 1)
        if at == len(self.text) and not self.text.endswith("\n"):
            self.edits.append((at, at, newline + newline.join(new_lines)))
        else:
            self.edits.append((at, at, "".join(new + newline for new in new_lines)))

    def _cannot(self, why: str) -> LitReviewError:
        problem = Problem(
            Severity.ERROR,
            f"cannot edit topic '{self.slug}' without reformatting it: {why}; "
            "edit the file by hand (nothing was written)",
            Location(self.shown),
        )
        return LitReviewError([problem])


def _get(mapping: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _entry_of(item: Node) -> _Entry | None:
    if isinstance(item, ScalarNode):
        return _Entry(item.value.strip())
    if isinstance(item, MappingNode):
        values = {k.value: v.value for k, v in item.value if isinstance(v, ScalarNode)}
        if isinstance(values.get("key"), str):
            extras = tuple((k, str(values[k])) for k in ("note", "excerpt") if values.get(k))
            return _Entry(values["key"].strip(), extras)
    return None


def _load(text: str) -> Any:
    """Plain data of a topic file, to compare before and after an edit."""
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return None


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same string."""
    if _PLAIN.fullmatch(value) and not value.endswith(" ") and _load(value) == value:
        return value
    return _quoted(value)


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
