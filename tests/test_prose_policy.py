"""The curator Markdown policy: HTML is allowed, nothing that runs survives, and the
result reads the same in every Markdown context a template can put it in."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import Diagnostics, Location
from generator.organize.citations import find_citations
from generator.render.prose_html import ProseConverter
from tests.hostile import live_markup

# Script vectors of the kinds a sanitizer must know (OWASP's filter evasion list).
VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img src=`javascript:alert(1)`>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]: javascript:alert(1)\n\n[y][x]",
    "![x](javascript:alert(1))",
    '[x](https://example.org/){: onclick="alert(1)" }',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<details open ontoggle=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="&amp;#106;avascript:alert(1)">twice decoded</a>',
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "<template><script>alert(1)</script></template>",
    "<textarea></textarea><script>alert(1)</script>",
    '<a href="#" id="__md_scope" name="x">clobber</a>',
]


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _dangerous(html_text: str, heading_ids: bool = False) -> list[str]:
    """Live markup, plus elements and attributes that have no place in prose (`heading_ids`:
    allow the ids the page's own ``toc`` pass gives headings)."""
    found = live_markup(html_text)
    soup = BeautifulSoup(html_text, "html.parser")
    for tag in soup.find_all(["script", "style", "iframe", "object", "embed", "form", "svg",
                              "math", "meta", "base", "template", "input"]):  # fmt: skip
        found.append(tag.name)
    for tag in soup.find_all(True):
        for name in ("style", "id", "name", "markdown", "srcdoc", "formaction"):
            if name == "id" and heading_ids and tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                continue
            if tag.has_attr(name):
                found.append(f"{tag.name}[{name}]")
        for name in ("href", "src", "action"):
            # As a browser reads a URL: entities decoded, controls and spaces around it
            # stripped, tabs and newlines inside it dropped.
            value = html.unescape(tag.get(name, "")).strip(_C0_AND_SPACE)
            value = re.sub(r"[\t\n\r]", "", value).lower()
            scheme = re.match(r"([a-z][a-z0-9+.-]*):", value)
            if scheme and scheme.group(1) not in ("http", "https", "mailto"):
                found.append(f"{tag.name}[{name}={value[:30]}]")
    return found


@pytest.mark.parametrize("vector", VECTORS)
def test_script_vectors_are_removed(vector: str) -> None:
    """No script vector survives the conversion of curator prose, nor the page's own
    Markdown pass wherever a template puts the result."""
    converted = ProseConverter().convert(vector)
    assert _dangerous(converted) == []
    page = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"])
    for context in _contexts(f'<div class="lr-prose">{converted}</div>'):
        page.reset()
        assert _dangerous(page.convert(context), heading_ids=True) == [], context


def test_allowed_html_and_markdown_are_kept() -> None:
    """The policy keeps what curators write: emphasis, links, images, tables, code."""
    source = (
        "*em* **strong** <b>b</b> <sup>2</sup> [link](https://example.org/a_b?x=1&y=2) "
        '<img src="img/fig.png" alt="fig"> <abbr title="T">T</abbr> `code`\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    soup = BeautifulSoup(ProseConverter().convert(source), "html.parser")
    assert [t.name for t in soup.find_all(["em", "strong", "b", "sup", "abbr", "code", "table"])] == [
        "em", "strong", "b", "sup", "abbr", "code", "table",
    ]  # fmt: skip
    assert soup.find("a")["href"] == "https://example.org/a_b?x=1&y=2"  # type: ignore[index]
    assert soup.find("img")["src"] == "img/fig.png"  # type: ignore[index]
    assert soup.find("abbr")["title"] == "T"  # type: ignore[index]


def test_remote_images_are_dropped() -> None:
    """An image from another host would break the offline promise: its source goes."""
    soup = BeautifulSoup(
        ProseConverter().convert("![x](https://tracker.example/p.gif)"), "html.parser"
    )
    assert not soup.find("img").has_attr("src")  # type: ignore[union-attr]


def _contexts(fragment: str) -> list[str]:
    """`fragment` where templates put prose: alone, in a list item, in a `markdown` div."""
    return [
        f"{fragment}\n",
        f"- item {fragment}\n",
        f'<div class="x" markdown>\n\n{fragment}\n\n</div>\n',
        f"Paragraph text {fragment} more *text*.\n",
    ]


_PIECES = st.sampled_from([
    "<", ">", "&", "&amp;", "&#106;", "#", "\"", "'", "`", "*", "_", "[", "]", "(", ")",
    "{:", "}", "!", "javascript:", "data:", "alert(1)", "<a href=\"", "<img src=", "onerror=",
    "<script>", "</script>", "<div markdown>", "</div>", "\n", "\n\n", "    ", "```", "[@k]",
    "<!--", "-->", "<svg", "<style>", "x", " ", "=", ";", "/", "\\",
])  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_prose_is_safe_in_every_markdown_context(source: str) -> None:
    """Whatever the curator writes, the HTML holds nothing that runs, also after the
    page's own Markdown pass (MkDocs re-reads attributes inside `markdown` blocks)."""
    converted = ProseConverter().convert(source, lambda _: '<span class="lr-cite">c</span>')
    assert _dangerous(converted) == []
    page = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"])
    for context in _contexts(f'<div class="lr-prose">{converted}</div>'):
        page.reset()
        assert _dangerous(page.convert(context), heading_ids=True) == [], context


def test_converted_prose_passes_markdown_unchanged() -> None:
    """The converted HTML is inert: the page's Markdown pass changes none of its text."""
    converted = ProseConverter().convert("A *b* `c_d` [e](https://x.org/f_g) 5 > 3 & {{ x }} \\*")
    page = markdown.Markdown(extensions=["attr_list", "md_in_html"])
    for context in _contexts(f'<div class="lr-prose">{converted}</div>')[:2]:
        page.reset()
        text = BeautifulSoup(page.convert(context), "html.parser").select_one(".lr-prose")
        assert text is not None
        assert text.get_text() == "A b c_d e 5 > 3 & {{ x }} *"


def test_citation_check_skips_code_and_locates_the_rest() -> None:
    """organize finds citations outside code spans, fences, indented code and links, at
    their lines in a block scalar."""
    text = (
        "Intro [@a] and `[@b]`.\n\n```\n[@c]\n```\n\n    [@d]\n\n"
        "[@e](https://x.org) then [@f;\n @g]\n\n<div>[@h] <code>[@i]</code></div>\n"
    )
    found = [
        (c.keys, c.location.line if c.location else None)
        for c in find_citations(text, Location("t.yaml", 10))
    ]
    assert found == [(("a",), 11), (("f", "g"), 19), (("h",), 22)]


def test_unknown_citation_in_code_is_no_error(small_project) -> None:  # type: ignore[no-untyped-def]
    """`litreview check` accepts an unknown key written in code, and reports it outside code."""
    from generator.pipeline import load_review
    from generator.project import Project

    topic = small_project / "content/topics/optimization.yaml"
    topic.write_text(
        topic.read_text("utf-8")
        + "sections:\n  - title: S\n    summary: 'Write `[@nokey]`, not [@nokey2].'\n"
        "    papers: [scaling-laws-neural-language]\n",
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    load_review(Project.at(small_project), diagnostics)
    messages = [p.message for p in diagnostics.errors]
    assert messages == ["citation of unknown paper '@nokey2'"]
