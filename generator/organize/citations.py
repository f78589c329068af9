"""Pandoc-style citations in curator prose: ``[@key]`` and ``[@a; @b]``.

Found here so that organize can check every key with its file and line, and render
can turn them into links and a reference list, by the same rule: a citation is one
in the prose itself, never inside a code span, a code block or a link, so a page can
show the syntax (``[@key]`` in backticks stays as written, whatever the key).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import Location
from generator.text.citekeys import KEY

# A bracket holding one or more @keys separated by semicolons; keys as pandoc allows.
CITATION = re.compile(r"\[((?:\s*@" + KEY + r"\s*;?)+)\]")
_KEY = re.compile(r"@(" + KEY + ")")
# Stands for text that is not prose (code, a link): no citation can span it.
_BARRIER = "\ue010"
# Inline HTML whose content is shown as written, or is a link.
_LITERAL_OPEN = re.compile(r"<(code|kbd|samp|pre|a)\b", re.IGNORECASE)
_LITERAL_CLOSE = re.compile(r"</(code|kbd|samp|pre|a)\s*>", re.IGNORECASE)
_PARSER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Citation:
    keys: tuple[str, ...]
    location: Location | None


def citation_keys(source: str) -> tuple[str, ...]:
    """The keys of one citation's source text (``[@a; @b]`` → ``('a', 'b')``)."""
    return tuple(k.rstrip(".:") for k in _KEY.findall(source))


def find_citations(text: str, location: Location | None = None) -> Iterator[Citation]:
    """Citations in the prose of `text` (Markdown); `location` is where `text` starts."""
    return locate(text, citation_lines(text), location)


def citation_lines(text: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    """(keys, line within `text`) of each citation in its prose: what `find_citations`
    locates, apart so that it can be kept per text (a rebuild parses no note twice)."""
    if "@" not in text:
        return ()  # most notes cite nothing: no need to parse them
    found = []
    for token in _PARSER.parse(text):
        if token.map is None:
            continue
        if token.type == "inline" and token.children is not None:
            prose = _inline_prose(token.children)
        elif token.type == "html_block":
            prose = _html_prose(token.content)
        else:
            continue  # code blocks and fences hold no citations
        for match in CITATION.finditer(prose):
            line = token.map[0] + prose.count("\n", 0, match.start())
            found.append((citation_keys(match.group()), line))
    return tuple(found)


def locate(
    text: str, found: tuple[tuple[tuple[str, ...], int], ...], location: Location | None
) -> Iterator[Citation]:
    """`citation_lines` of `text` as citations, located from where `text` starts."""
    for keys, line in found:
        yield Citation(keys, _line_of(text, line, location))


_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,}).*?^[ \t]{0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def citation_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, keys) of each citation in Markdown `text` outside fenced code and code
    spans: where a hand-written page's citations are, to rewrite them in place."""
    masked = _FENCE.sub(lambda m: _BARRIER * len(m.group()), text)
    masked = _CODE_SPAN.sub(lambda m: _BARRIER * len(m.group()), masked)
    return [(m.start(), m.end(), citation_keys(m.group())) for m in CITATION.finditer(masked)]


def _inline_prose(children: list[Token]) -> str:
    out, literal = [], 0
    for child in children:
        if child.type in ("link_open", "image"):
            literal += 1
        elif child.type == "link_close":
            literal = max(0, literal - 1)
        elif child.type == "html_inline":
            if _LITERAL_OPEN.match(child.content):
                literal += 1
            elif _LITERAL_CLOSE.match(child.content):
                literal = max(0, literal - 1)
        if child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "text" and not literal:
            out.append(child.content)
        else:
            out.append(_BARRIER)
    return "".join(out)


def _html_prose(html: str) -> str:
    """The text of a raw HTML block outside code and links, lines kept."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.literal = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "kbd", "samp", "pre", "a"):
            self.literal += 1
        self.out.append(_BARRIER)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "kbd", "samp", "pre", "a"):
            self.literal = max(0, self.literal - 1)
        self.out.append(_BARRIER)

    def handle_data(self, data: str) -> None:
        if self.literal:
            self.out.append(_BARRIER + "\n" * data.count("\n"))
        else:
            self.out.append(data)


def _line_of(text: str, line: int, location: Location | None) -> Location | None:
    if location is None or location.line is None:
        return location
    if "\n" in text.strip():
        # A block scalar (``summary: |``) starts on the line after its key.
        return Location(location.path, location.line + 1 + line)
    return Location(location.path, location.line)
