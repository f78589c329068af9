"""The text of one topic file, edited in place.

Topic files are written by hand, so an edit changes the lines it must and not one
other byte: comments, blank lines, quoting, flow lists and block scalars stay as
they were. PyYAML's composer (the loader's library) tells where each list and item
sits in the text; the edit is spliced in there (a YAML dumper would re-indent lists
and re-space comments elsewhere in the file). The result is loaded again and
compared with the intended data before a file is replaced, atomically.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.codes import Code
from generator.curate.yamltext import load_plain, quoted, scalar
from generator.errors import Diagnostics, LitReviewError, Location, Problem, Severity
from generator.load.files import decode, read_bytes
from generator.load.topics import parse_topic
from generator.store.bibfile import write_atomically

_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Entry:
    """A paper entry as it will be written: a key, or a key with a note/excerpt."""

    key: str
    extras: tuple[tuple[str, str], ...] = ()

    def plain(self) -> Any:
        return {"key": self.key, **dict(self.extras)} if self.extras else self.key

    def flow(self) -> str:
        if not self.extras:
            return scalar(self.key)
        parts = [f"key: {scalar(self.key)}"] + [f"{k}: {quoted(v)}" for k, v in self.extras]
        return "{" + ", ".join(parts) + "}"

    def block(self, indent: int) -> list[str]:
        pad = " " * indent
        if not self.extras:
            return [f"{pad}- {scalar(self.key)}"]
        lines = [f"{pad}- key: {scalar(self.key)}"]
        lines += [f"{pad}  {k}: {quoted(v)}" for k, v in self.extras]
        return lines


@dataclass(frozen=True)
class Listed:
    """Where a topic lists a paper: which list, the item's index, and its node."""

    label: str  # "papers" or "sections[1].papers"
    path: tuple[Any, ...]  # the list's path in the data: ("papers",), ("sections", 1, "papers")
    seq: SequenceNode
    index: int
    entry: Entry

    @property
    def line(self) -> int:
        return int(self.seq.value[self.index].start_mark.line) + 1


@dataclass
class TopicFile:
    slug: str
    path: Path
    shown: str
    text: str
    bom: str
    root: MappingNode
    expected: Any
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    changed: bool = False
    _appends: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def open(cls, slug: str, path: Path, shown: str, diagnostics: Diagnostics) -> TopicFile:
        """The topic file, checked to load cleanly: an edit never starts from a file
        the site could not build from."""
        data = read_bytes(path, shown, diagnostics, "topic file")
        text = decode(data, shown, diagnostics, what="topic file") if data is not None else None
        if data is None or text is None:
            diagnostics.raise_if_errors()
            raise AssertionError("unreachable: an unread file is an error")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise _refuse(shown, "it is not UTF-8", slug)
        local = Diagnostics()
        parse_topic(slug, text, shown, local)
        if local.errors:
            diagnostics.extend(local)
            diagnostics.error(
                Code.EDIT_REFUSED, f"fix topic '{slug}' before editing it", Location(shown)
            )
            diagnostics.raise_if_errors()
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if not isinstance(root, MappingNode) or root.flow_style:
            raise _refuse(shown, "it is written in flow style ({...}), not one key per line", slug)
        bom = "\ufeff" if data.startswith(codecs.BOM_UTF8) else ""
        return cls(slug, path, shown, text, bom, root, load_plain(text))

    # Reading

    def keys(self) -> list[str]:
        """Every paper key the topic lists, in file order."""
        return list(
            dict.fromkeys(
                e.key for _, _, seq in self._paper_lists() for e in map(_entry_of, seq.value) if e
            )
        )

    def find(self, key: str) -> list[Listed]:
        found = []
        for label, path, seq in self._paper_lists():
            for index, item in enumerate(seq.value):
                entry = _entry_of(item)
                if entry is not None and entry.key == key:
                    found.append(Listed(label, path, seq, index, entry))
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

    def append(self, entry: Entry, name: str = "papers") -> None:
        """Append to the top-level list `name`, creating it when there is none (a new
        ``papers`` goes before ``sections`` and ``see_also``, anything else at the end).
        Appends to one list are written as one splice, in the order they were made."""
        items = self.expected.get(name) or []
        self.expected[name] = [*items, entry.plain()]
        self._appends.setdefault(name, []).append(entry)

    def _splice_appends(self) -> None:
        for name, entries in self._appends.items():
            self._splice_append(name, entries)
        self._appends.clear()

    def _splice_append(self, name: str, entries: list[Entry]) -> None:
        found = _get(self.root, name)
        block = [line for entry in entries for line in entry.block(2)]
        flow = ", ".join(entry.flow() for entry in entries)
        if found is None:
            line = self._end_line(self.root)
            keys = [k.value for k, _ in self.root.value]
            later = [i for i, k in enumerate(keys) if k in ("sections", "see_also") and i > 0]
            if later and name == "papers":
                line = self._end_line(self.root.value[later[0] - 1][1])
            self._insert_after(line, [f"{name}:", *block])
            return
        key_node, value = found
        if isinstance(value, ScalarNode) and value.value in _NULLS and not value.style:
            start, end = value.start_mark.index, value.end_mark.index
            if start == end:  # `papers:` with nothing after it
                indent = key_node.start_mark.column + 2
                lines = [line for entry in entries for line in entry.block(indent)]
                self._insert_after(key_node.start_mark.line, lines)
            else:  # `papers: ~`
                self.edits.append((start, end, f"[{flow}]"))
            return
        if not isinstance(value, SequenceNode):
            raise self._cannot(f"'{name}' is not a list")
        if value.flow_style:
            if value.value:
                at = value.value[-1].end_mark.index
                self.edits.append((at, at, ", " + flow))
            else:
                at = value.start_mark.index + 1
                self.edits.append((at, at, flow))
            return
        dash = self._dash(value.value[0])
        column = dash - (self.text.rfind("\n", 0, dash) + 1)
        lines = [line for entry in entries for line in entry.block(column)]
        self._insert_after(self._end_line(value.value[-1]), lines)

    def set_scalar(self, name: str, value: str) -> None:
        """Set the top-level scalar `name` (e.g. ``parent``), adding it after ``title``."""
        found = _get(self.root, name)
        self.expected[name] = value
        if found is None:
            title = _get(self.root, "title")
            line = self._end_line(title[1]) if title else -1
            self._insert_after(line, [f"{name}: {scalar(value)}"])
            return
        _, node = found
        if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
            raise self._cannot(f"'{name}' is not a one-line value")
        self.edits.append((node.start_mark.index, node.end_mark.index, scalar(value)))

    def replace_in_list(self, name: str, old: str, new: str) -> bool:
        """Replace the item `old` of the top-level list `name` by `new`, in place."""
        found = _get(self.root, name)
        if found is None or not isinstance(found[1], SequenceNode):
            return False
        replaced = False
        for index, item in enumerate(found[1].value):
            if isinstance(item, ScalarNode) and item.value == old:
                self.edits.append((item.start_mark.index, item.end_mark.index, scalar(new)))
                self.expected[name][index] = new
                replaced = True
        return replaced

    def remove(self, listed: Listed) -> None:
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
        self._splice_appends()
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        if load_plain(text) != self.expected:
            raise self._cannot("the edit would change more than it should")
        return text

    def save(self, text: str | None = None) -> str:
        """Write the edited text; returns how the written file should be named to the
        user. A topic file that is a symbolic link is written through to its target
        (replacing the link would leave the target, which the user edits, unchanged)."""
        self._splice_appends()
        if not self.edits:
            return self.shown
        target = self.path.resolve() if self.path.is_symlink() else self.path
        write_atomically(target, self.bom + (text if text is not None else self.edited()))
        self.changed = True
        return self.shown if target == self.path else f"{self.shown} (a link to {target})"

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
        return _refuse(self.shown, why, self.slug, " without reformatting it")


def _refuse(shown: str, why: str, slug: str, how: str = "") -> LitReviewError:
    problem = Problem(
        Severity.ERROR,
        Code.EDIT_REFUSED,
        f"cannot edit topic '{slug}'{how}: {why}; edit the file by hand (nothing was written)",
        Location(shown),
        slug,
    )
    return LitReviewError([problem])


def _get(mapping: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _entry_of(item: Node) -> Entry | None:
    if isinstance(item, ScalarNode):
        return Entry(item.value.strip())
    if isinstance(item, MappingNode):
        values = {k.value: v.value for k, v in item.value if isinstance(v, ScalarNode)}
        if isinstance(values.get("key"), str):
            extras = tuple((k, str(values[k])) for k in ("note", "excerpt") if values.get(k))
            return Entry(values["key"].strip(), extras)
    return None
