"""Where each generated page and file lives below the docs folder, and what a page is.

A paper lives at ``papers/<slug>/``, a topic at ``topics/<slug>/``: URLs depend only
on the key or slug, so regrouping topics never breaks a link to a paper.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model import Paper, Topic

HOME = "index.md"
PAPERS_INDEX = "papers/index.md"
UNSORTED = "unsorted/index.md"
ABOUT = "about.md"
CORPUS_DOWNLOAD = "downloads/corpus"


@dataclass(frozen=True)
class Page:
    """A generated page: its path below the docs folder and its Markdown as UTF-8.

    Kept as bytes from the moment it is rendered: a str holding one character past
    Latin-1 takes 2 or 4 bytes for every character, and most pages hold one (at 2,000
    papers, the pages take 32 MB as str against 17 MB as UTF-8)."""

    path: str
    data: bytes

    @classmethod
    def of(cls, path: str, text: str) -> Page:
        return cls(path, text.encode("utf-8"))

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


# A generated file's bytes, or a function that makes them, in pieces, when the file is
# written: a download of 20,000 papers is never whole in memory.
Content = bytes | Callable[[], Iterable[bytes]]


def content_pieces(content: Content) -> Iterable[bytes]:
    return (content,) if isinstance(content, bytes) else content()


def paper_path(paper: Paper) -> str:
    return f"papers/{paper.slug}/index.md"


def topic_path(topic: Topic) -> str:
    return f"topics/{topic.slug}/index.md"


def relative(path: str, base: str) -> str:
    """`posixpath.relpath(path, base)` for two paths below the docs folder, without
    its two `abspath` calls (a build makes tens of thousands of links)."""
    to = path.split("/")
    start = [] if base == "." else base.split("/")
    if not path or {"", ".", ".."} & {*to, *start}:
        return posixpath.relpath(path, base)  # not a plain relative path: the general way
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."
