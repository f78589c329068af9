"""A generated page's raw HTML blocks kept out of Markdown conversion, then put back.

Most of a generated page is HTML the templates wrote (cards, lists, BibTeX), set apart
by blank lines. Python-Markdown passes such a block through as it is, but only after
feeding the whole page through an HTML parser twice (its own block extraction with
`md_in_html`, and MkDocs' search for anchor ids): 1.2 s of the 1.7 s it takes to
convert the default site's 889 pages. So each block that is plainly one complete
element is swapped for a token paragraph before conversion, and the token's `<p>` in
the HTML for the block after; the ids MkDocs would have found in it are added to the
page's anchors. A block is left to Markdown when it could be read any other way:
not set apart by blank lines, its tag not closed on its last line, or holding a
comment, script, style, textarea, CDATA, a `markdown` attribute or Markdown's own
placeholder characters. If any token does not come back as its own paragraph, the
page is converted again whole. `tests/test_raw_html.py` checks, page by page, that the
result is byte for byte the whole conversion's.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _HTMLHandler

# Block-level tags the shipped templates begin blocks with (and their kin).
_TAGS = "div|p|ul|ol|dl|pre|details|figure|section|nav|table|aside|header|footer|h[1-6]"
_START = re.compile(rf"<({_TAGS})(?=[\s>])")
# (Case-blind only where letters are: a pattern case-blind as a whole searches twice as slowly.)
_UNSAFE = re.compile(r"<(?:!--|!\[|\?|(?i:script|style|textarea)\b)|\s(?i:markdown)\b|[\x02\x03]")
# A start tag that may hold an anchor (`id`, or `name` on a link).
_ANCHOR_TAG = re.compile(r"<[a-zA-Z][^<>]*?\s(?:id|name)\s*=[^<>]*>", re.I)
# A block whose first tag says so, and holding no heading (which would still open a
# section of the index), is skipped whole by Material's search.
_SEARCH_EXCLUDED = re.compile(r"<[a-z0-9]+\b[^>]*\sdata-search-exclude\b", re.I)
_HEADING = re.compile(r"<h[1-6][\s>]", re.I)
# A token's paragraph in the converted HTML (its prefix is checked against the page's).
_TOKEN = re.compile(r"<p>(litreview[0-9a-f]{16}block)(\d+)</p>")


class RawBlocks:
    """The blocks cut out of one page's Markdown, with the tokens that stand in."""

    def __init__(self, markdown: str) -> None:
        self._prefix = f"litreview{secrets.token_hex(8)}block"
        self.blocks: list[str] = []
        lines = markdown.split("\n")
        unsafe = _unsafe_lines(markdown)
        out: list[str] = []
        start = 0
        while start < len(lines):
            end = _element_end(lines, start, unsafe)
            if end is not None:
                out.append(f"{self._prefix}{len(self.blocks)}")
                self.blocks.append("\n".join(lines[start:end]))
                start = end
            else:
                out.append(lines[start])
                start += 1
        self.markdown = "\n".join(out)

    def paste(self, html: str) -> tuple[str, list[tuple[int, int]]] | None:
        """`html` with each token's paragraph replaced by its block, and where the
        blocks Material's search skips whole lie in it; None unless every token came
        back once, as a paragraph of its own."""
        pieces: list[str] = []
        skipped: list[tuple[int, int]] = []
        seen: list[int] = []
        at = done = 0
        for match in _TOKEN.finditer(html):
            if match.group(1) != self._prefix:
                continue  # not ours: caught below, as the prefix is then left in the page
            number = int(match.group(2))
            seen.append(number)
            pieces.append(html[done : match.start()])
            at += match.start() - done
            block = self.blocks[number]
            if at > 0 and _skipped_by_search(block):  # (at 0 it would open the page's
                skipped.append((at, at + len(block)))  # first search section)
            pieces.append(block + "\n")  # as Markdown puts a block back
            at += len(block) + 1
            done = match.end()
        pieces.append(html[done:])
        pasted = "".join(pieces)
        # No block holds the (random) prefix: one left is a token not on its own.
        if sorted(seen) != list(range(len(self.blocks))) or self._prefix in pasted:
            return None
        # Markdown strips its output; a block may only have added a newline at its end.
        stripped = pasted.rstrip()
        return stripped, [(start, min(end, len(stripped))) for start, end in skipped]

    def anchor_ids(self) -> set[str]:
        """The ids MkDocs' own search of raw HTML finds in the blocks (by its parser,
        given only the start tags that may hold one)."""
        parser = _HTMLHandler()
        for block in self.blocks:
            for tag in _ANCHOR_TAG.findall(block):
                parser.feed(tag)
        parser.close()
        return parser.present_anchor_ids


def _unsafe_lines(markdown: str) -> set[int]:
    """The numbers of the lines holding something unsafe (one search of the page)."""
    found, line, at = set(), 0, 0
    for match in _UNSAFE.finditer(markdown):
        line += markdown.count("\n", at, match.start())
        at = match.start()
        found.add(line)
    return found


def _element_end(lines: list[str], start: int, unsafe: set[int]) -> int | None:
    """The end (exclusive) of the element whose start tag opens `lines[start]`, if it
    is a block Markdown passes through as it is: after a blank line, its end tag closing
    a line that a blank line follows, nothing unsafe inside (blank lines may be)."""
    if start > 0 and lines[start - 1].strip():
        return None
    match = _START.match(lines[start])
    if match is None:
        return None
    tag = match.group(1)
    tags = re.compile(rf"<(/?){tag}(?=[\s>/])")
    depth = 0
    for end in range(start, len(lines)):
        line = lines[end]
        if end in unsafe:
            return None
        for found in tags.finditer(line):
            depth += -1 if found.group(1) else 1
            if depth == 0:  # the element ends here: it must end the line, then a blank
                closed = line.endswith(f"</{tag}>") and found.start() == len(line) - len(tag) - 3
                followed = end + 1 == len(lines) or not lines[end + 1].strip()
                return end + 1 if closed and followed else None
    return None


def _skipped_by_search(block: str) -> bool:
    return _SEARCH_EXCLUDED.match(block) is not None and _HEADING.search(block) is None


def convert_without_blocks(
    page: Page,
    convert: Callable[[MkDocsConfig, Files], None],
    note_skipped: Callable[[Page, str, list[tuple[int, int]]], None],
) -> Callable[[MkDocsConfig, Files], None]:
    """`page.render` for a generated page: its raw HTML blocks skip conversion, and
    `note_skipped` learns where the blocks search skips whole lie in the HTML."""

    def render(config: MkDocsConfig, files: Files) -> None:
        whole = page.markdown or ""
        cut = RawBlocks(whole)
        if not cut.blocks:
            convert(config, files)
            return
        page.markdown = cut.markdown
        try:
            convert(config, files)
        finally:
            page.markdown = whole
        pasted = cut.paste(page.content or "")
        if pasted is None:
            convert(config, files)
            return
        page.content, skipped = pasted
        note_skipped(page, page.content, skipped)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= cut.anchor_ids()

    return render
