"""Topic edits from the command line: add, remove and move papers; create and rename topics.

Each command resolves every name it is given first (an unknown paper key or topic,
a slug that is taken: `UsageError`, exit code 2; topic files or a store that cannot
be read: `LitReviewError`, exit code 1), then edits topic files through `TopicFile`,
which changes only the lines it must, and writes nothing until every edit checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.curate.topicfile import Entry, TopicFile
from generator.curate.yamltext import scalar
from generator.errors import Diagnostics, LitReviewError, UsageError
from generator.load.topics import index_topic_files
from generator.model import Paper
from generator.organize.containers import container_phrase, split_containers
from generator.project import Project
from generator.store.bibfile import read_store, write_atomically
from generator.text.nearest import did_you_mean
from generator.text.slugs import slug_problem


@dataclass(frozen=True)
class EditResult:
    """What an edit did, in sentences, and the files it wrote (as the user names them)."""

    message: str
    written: tuple[str, ...] = ()


class Curation:
    """The names one command resolves against: stored keys and topic files."""

    def __init__(self, project: Project, diagnostics: Diagnostics) -> None:
        self.project = project
        self.diagnostics = diagnostics

    @cached_property
    def _stored(self) -> tuple[list[Paper], list[Paper]]:
        files = [(p, self.project.display(p)) for p in self.project.store_files()]
        papers = read_store(files, self.diagnostics)
        self.diagnostics.raise_if_errors()
        return split_containers(papers)

    @cached_property
    def keys(self) -> set[str]:
        papers = self._stored[0]
        return {p.key for p in papers} | {a for p in papers for a in p.aliases}

    @cached_property
    def topics(self) -> dict[str, tuple[Path, str]]:
        files = [(p, self.project.display(p)) for p in self.project.topic_files()]
        index = index_topic_files(files, self.diagnostics)
        self.diagnostics.raise_if_errors()
        return index

    def check_keys(self, keys: Iterable[str]) -> list[str]:
        """The keys, each checked to be a stored paper (all unknown ones reported)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            raise UsageError("name at least one paper key")
        unknown = [k for k in keys if k not in self.keys]
        if unknown:
            containers = {p.key: p for p in self._stored[1]}
            lines = [
                f"'{k}' is {container_phrase(containers[k])}"
                if k in containers
                else f"unknown paper key '{k}'{did_you_mean(k, self.keys)}"
                for k in unknown
            ]
            raise UsageError("\n".join(lines))
        return keys

    def open(self, slug: str) -> TopicFile:
        if slug not in self.topics:
            raise UsageError(f"unknown topic '{slug}'{did_you_mean(slug, self.topics)}")
        path, shown = self.topics[slug]
        return TopicFile.open(slug, path, shown, self.diagnostics)

    def holders(self, key: str, skip: str) -> list[str]:
        """The topics other than `skip` that list `key`."""
        found = []
        for slug in self.topics:
            if slug == skip:
                continue
            try:
                if self.open(slug).find(key):
                    found.append(slug)
            except LitReviewError:
                continue
        return found


def add_papers(
    project: Project, topic: str, keys: list[str], diagnostics: Diagnostics
) -> EditResult:
    """Append each key to the ``papers`` of `topic`; keys it lists already are skipped."""
    names = Curation(project, diagnostics)
    keys = names.check_keys(keys)
    doc = names.open(topic)
    added, present = [], []
    for key in keys:
        listed = doc.find(key)
        if listed:
            where = f"{listed[0].label} at {doc.shown}:{listed[0].line}"
            present.append(f"'{key}' is already in topic '{topic}' ({where}); nothing to do")
        else:
            doc.append(Entry(key))
            added.append(key)
    lines = []
    if added:
        what = f"'{added[0]}'" if len(added) == 1 else f"{len(added)} papers"
        lines.append(
            f"added {what} to topic '{topic}'" + (f": {', '.join(added)}" if len(added) > 1 else "")
        )
    lines += present
    written = (doc.save(),) if added else ()
    return EditResult("\n".join(lines), written)


def remove_papers(
    project: Project, topic: str, keys: list[str], diagnostics: Diagnostics
) -> EditResult:
    """Take each key out of every list of `topic` (its papers and its sections)."""
    names = Curation(project, diagnostics)
    doc = names.open(topic)
    keys = list(dict.fromkeys(keys))
    missing = [k for k in keys if not doc.find(k)]
    if missing:
        lines = [
            f"paper '{k}' is not in topic '{topic}'{did_you_mean(k, doc.keys())}" for k in missing
        ]
        raise UsageError("\n".join(lines))
    for key in keys:
        for listed in reversed(doc.find(key)):
            doc.remove(listed)
    return EditResult(
        f"removed {_count(keys, 'paper')} from topic '{topic}': {', '.join(keys)}", (doc.save(),)
    )


def move_paper(
    project: Project, key: str, source: str, target: str, diagnostics: Diagnostics
) -> EditResult:
    """Take `key` out of every list of `source` and append it to `target`'s ``papers``,
    with the note and excerpt it had."""
    if source == target:
        raise UsageError(f"'{source}' is both the topic to move from and the topic to move to")
    names = Curation(project, diagnostics)
    names.check_keys([key])
    old = names.open(source)
    new = names.open(target)
    listed = old.find(key)
    if not listed:
        holders = names.holders(key, source)
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
    written = [new.save(new_text)] if new.edits else []
    written.append(old.save(old_text))
    return EditResult(message, tuple(written))


def new_topic(
    project: Project,
    slug: str,
    parent: str | None,
    title: str | None,
    diagnostics: Diagnostics,
) -> EditResult:
    """Create ``SLUG.yaml`` beside its parent's file (or in the topics folder)."""
    names = Curation(project, diagnostics)
    _check_new_slug(slug, names)
    folder = project.topics_dir
    if parent is not None:
        if parent not in names.topics:
            raise UsageError(f"unknown topic '{parent}'{did_you_mean(parent, names.topics)}")
        folder = names.topics[parent][0].parent
    title = (title or "").strip() or slug.replace("-", " ").capitalize()
    lines = [f"title: {scalar(title)}"]
    if parent is not None:
        lines.append(f"parent: {scalar(parent)}")
    path = folder / f"{slug}.yaml"
    if path.exists() or path.is_symlink():
        raise UsageError(f"'{project.display(path)}' exists already; nothing was written")
    write_atomically(path, "\n".join(lines) + "\n")
    shown = project.display(path)
    return EditResult(f"created topic '{slug}' ({shown})", (shown,))


def rename_topic(project: Project, old: str, new: str, diagnostics: Diagnostics) -> EditResult:
    """Give topic `old` the slug `new`: its file is renamed, ``redirect_from`` keeps the
    old URL working, and other topics' ``parent`` and ``see_also`` follow."""
    names = Curation(project, diagnostics)
    doc = names.open(old)
    _check_new_slug(new, names)
    if doc.path.is_symlink():
        raise UsageError(f"'{doc.shown}' is a symbolic link; rename the topic by hand")
    if new in (doc.expected.get("redirect_from") or []):
        raise UsageError(
            f"topic '{old}' redirects from '{new}' already; take '{new}' out of its "
            "redirect_from first"
        )
    doc.append(Entry(old), "redirect_from")
    others: list[TopicFile] = []
    for slug in names.topics:
        if slug == old:
            continue
        other = names.open(slug)
        if other.expected.get("parent") == old:
            other.set_scalar("parent", new)
        other.replace_in_list("see_also", old, new)
        if other.edits:
            others.append(other)
    # Every edit is checked before anything is written; the renamed file is written
    # first, so an interrupted rename leaves both files and `check` names the clash.
    texts = [(other, other.edited()) for other in others]
    renamed_text = doc.edited()
    target = doc.path.with_name(f"{new}.yaml")
    write_atomically(target, doc.bom + renamed_text)
    written = [project.display(target)]
    for other, text in texts:
        written.append(other.save(text))
    doc.path.unlink()
    message = (
        f"renamed topic '{old}' to '{new}' ({doc.shown} → {written[0]}); its old URL redirects"
    )
    if others:
        message += f"; updated {_count(others, 'topic')} that named it"
    return EditResult(message, tuple(written))


def _check_new_slug(slug: str, names: Curation) -> None:
    problem = slug_problem(slug)
    if problem:
        raise UsageError(f"'{slug}' is not a valid topic slug: {problem}")
    if slug in names.topics:
        raise UsageError(f"topic '{slug}' already exists ({names.topics[slug][1]})")


def _count(items: list | tuple, noun: str) -> str:
    return f"{len(items)} {noun}{'s' * (len(items) != 1)}"
