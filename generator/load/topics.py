"""Topic YAML files to `Topic` records, with every schema problem located.

The schema is small and closed: a misspelt key is an error naming the key and the
nearest valid one, because a silently ignored ``paper:`` (for ``papers:``) would
drop a whole topic's papers. Which keys exist and which parents exist is checked
later, in `generator.organize`, once the whole corpus is known.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from generator.cache import Cache
from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.files import read_text
from generator.load.kinds import kind_of
from generator.load.yamlsource import YList, YMap, load_yaml, where
from generator.model import Section, Topic, TopicEntry
from generator.text.nearest import did_you_mean, hidden_characters
from generator.text.slugs import slug_problem

TOPIC_KEYS = (
    "title", "summary", "parent", "order", "papers", "sections", "see_also", "redirect_from",
)  # fmt: skip
SECTION_KEYS = ("title", "summary", "papers")
ENTRY_KEYS = ("key", "note", "excerpt")


def index_topic_files(
    files: list[tuple[Path, str]], diagnostics: Diagnostics
) -> dict[str, tuple[Path, str]]:
    """(path, shown) of each topic file by slug; names that are not slugs and slugs
    defined twice are located errors, and those files are left out."""
    index: dict[str, tuple[Path, str]] = {}
    for path, shown in files:
        slug = path.stem
        problem = slug_problem(slug)
        if problem:
            diagnostics.error(
                Code.TOPIC_FILE_NAME,
                f"topic file name '{path.name}'{hidden_characters(slug)} is not a valid slug: "
                f"{problem}",
                Location(shown),
                subject=slug,
            )
        elif slug in index:
            diagnostics.error(
                Code.DUPLICATE_SLUG,
                f"topic slug '{slug}' is also defined by {index[slug][1]}",
                Location(shown),
                subject=slug,
            )
        else:
            index[slug] = (path, shown)
    return index


def read_topics(
    files: list[tuple[Path, str]], diagnostics: Diagnostics, cache: Cache | None = None
) -> list[Topic]:
    """The topics of `files`; a file whose text the cache has seen is not parsed again
    (`mkdocs serve` re-reads every topic file on each save), its problems said again."""
    cache = Cache() if cache is None else cache
    topics: list[Topic] = []
    for slug, (path, shown) in index_topic_files(files, diagnostics).items():
        text = read_text(path, shown, diagnostics, "topic file")
        if text is None:
            continue
        parse = partial(parse_topic, slug, text, shown)
        topic = cache.get_reporting("topic-file", (slug, shown, text), parse, diagnostics)
        if topic is not None:
            topics.append(topic)
    return topics


def parse_topic(slug: str, text: str, shown: str, diagnostics: Diagnostics) -> Topic | None:
    ok, data = load_yaml(text, shown, diagnostics)
    if not ok:
        return None
    top = Location(shown, 1)
    if data is None:
        diagnostics.error(
            Code.TOPIC_EMPTY_FILE, "topic file is empty: it needs at least a 'title'", top
        )
        return None
    if not isinstance(data, YMap):
        diagnostics.error(
            Code.TOPIC_SHAPE, "a topic file must be a mapping with 'title', 'papers', ...", top
        )
        return None
    check = _Checker(diagnostics)
    check.known_keys(data, TOPIC_KEYS, "")
    title = check.string(data, "title", "", required=True)
    summary = check.string(data, "summary", "")
    parent = check.string(data, "parent", "") or None
    order = data.get("order", 0)
    if not isinstance(order, int | float) or isinstance(order, bool):
        diagnostics.error(
            Code.TOPIC_SHAPE, f"'order' must be a number, not {kind_of(order)}", data.where("order")
        )
        order = 0
    entries = check.entries(data, "papers", "")
    sections = []
    for index, item in enumerate(check.items(data, "sections", "")):
        path = f"sections[{index}]"
        if not isinstance(item, YMap):
            diagnostics.error(
                Code.TOPIC_SHAPE,
                f"{path} must be a mapping with 'title' and 'papers'",
                data["sections"].where(index),
            )
            continue
        check.known_keys(item, SECTION_KEYS, path + ".")
        sections.append(
            Section(
                title=check.string(item, "title", path + ".", required=True),
                summary=check.string(item, "summary", path + "."),
                entries=check.entries(item, "papers", path + "."),
                location=item.location,
            )
        )
    see_also = check.slugs(data, "see_also")
    redirect_from = check.slugs(data, "redirect_from")
    return Topic(
        slug=slug,
        title=title or slug,
        location=top,
        summary=summary,
        summary_location=data.where("summary") if "summary" in data else None,
        parent=parent,
        parent_location=data.where("parent") if parent else None,
        order=order,
        entries=entries,
        sections=tuple(sections),
        see_also=tuple(see_also),
        redirect_from=tuple(redirect_from),
    )


class _Checker:
    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics

    def known_keys(self, data: YMap, allowed: tuple[str, ...], path: str) -> None:
        for key in data:
            if key in allowed:
                continue
            suggestion = did_you_mean(str(key), allowed) or f" (allowed: {', '.join(allowed)})"
            self.diagnostics.error(
                Code.UNKNOWN_FIELD, f"unknown key '{path}{key}'{suggestion}", data.where(key)
            )

    def string(self, data: YMap, key: str, path: str, required: bool = False) -> str:
        if key not in data or data[key] is None:
            if required:
                self.diagnostics.error(
                    Code.REQUIRED_FIELD, f"'{path}{key}' is required", data.location
                )
            return ""
        value = data[key]
        if not isinstance(value, str):
            self.diagnostics.error(
                Code.TOPIC_SHAPE,
                f"'{path}{key}' must be a string, not {kind_of(value)} (put it in quotes)",
                data.where(key),
            )
            return str(value)
        return value.strip()

    def items(self, data: YMap, key: str, path: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, YList):
            self.diagnostics.error(
                Code.TOPIC_SHAPE,
                f"'{path}{key}' must be a list, not {kind_of(value)}",
                data.where(key),
            )
            return []
        return list(value)

    def slugs(self, data: YMap, key: str) -> list[tuple[str, Location]]:
        """A list of topic slugs, each with its location."""
        result = []
        for index, item in enumerate(self.items(data, key, "")):
            at = data[key].where(index)
            problem = slug_problem(item) if isinstance(item, str) else "it must be text"
            if problem is None:
                result.append((item, at))
            else:
                shown = repr(item) if isinstance(item, str) else kind_of(item)
                hidden = hidden_characters(item) if isinstance(item, str) else ""
                self.diagnostics.error(
                    Code.TOPIC_SHAPE,
                    f"{key}[{index}] is not a topic slug: {shown}{hidden} ({problem})",
                    at,
                )
        return result

    def entries(self, data: YMap, key: str, path: str) -> tuple[TopicEntry, ...]:
        result = []
        items = self.items(data, key, path)
        for index, item in enumerate(items):
            item_path = f"{path}{key}[{index}]"
            at = data[key].where(index)
            if isinstance(item, str) and item.strip():
                result.append(TopicEntry(key=item.strip(), location=at))
            elif isinstance(item, YMap):
                self.known_keys(item, ENTRY_KEYS, item_path + ".")
                paper_key = self.string(item, "key", item_path + ".", required=True)
                if paper_key:
                    result.append(
                        TopicEntry(
                            key=paper_key,
                            location=where(item, at),
                            note=self.string(item, "note", item_path + "."),
                            excerpt=self.string(item, "excerpt", item_path + "."),
                        )
                    )
            else:
                self.diagnostics.error(
                    Code.TOPIC_SHAPE,
                    f"{item_path} must be a paper key or a mapping with 'key' and 'note', "
                    f"not {kind_of(item)}",
                    at,
                )
        return tuple(result)
