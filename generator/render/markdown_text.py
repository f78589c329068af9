"""Curator Markdown as plain text, for places that show a summary's first sentences
(the home page, page descriptions) where Markdown syntax would appear raw."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from generator.organize.citations import CITATION

_PARSER = MarkdownIt("commonmark")


@lru_cache(maxsize=1024)
def markdown_to_text(source: str) -> str:
    """The text a reader sees: emphasis, links and code marks removed, paragraphs kept;
    citations are dropped from the prose (in code they are text, and stay)."""
    paragraphs: list[str] = []
    for token in _PARSER.parse(source):
        if token.type == "inline" and token.children is not None:
            # A line break inside a paragraph is a space between its words; citations go.
            words = [" " if c.type in ("softbreak", "hardbreak") else
                     CITATION.sub("", c.content) if c.type == "text" else c.content
                     for c in token.children if c.type in ("text", "code_inline", "softbreak",
                                                           "hardbreak")]  # fmt: skip
            paragraphs.append(" ".join("".join(words).split()))
    return "\n\n".join(p for p in paragraphs if p)
