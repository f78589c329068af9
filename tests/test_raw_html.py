"""A generated page's raw HTML blocks skip Markdown conversion, and the page comes out
byte for byte as Markdown would have made it (generator/emit/raw_html.py; whole sites
in tests/test_build_shortcuts.py)."""

from __future__ import annotations

import markdown
import pytest

from generator.emit.raw_html import RawBlocks

# Blocks Markdown passes through, blocks it reads, and everything in between.
SAMPLES = [
    '<div class="a">\n<p>x</p>\n</div>\n\ntext',
    "para\n<div>lazy</div>\n\nmore",
    "- item\n\n<ul>\n<li>x</li>\n</ul>\n",
    "- item\n<div>x</div>\n",
    "<div>\n\n<p>blank lines inside</p>\n\n</div>\n\n## H",
    "<div><div>nested</div></div>\n",
    "<div>unclosed\n\ntext",
    "<div markdown>*md*</div>\n",
    '<div markdown="1">\n*md*\n</div>\n',
    '<div class="a"\nmarkdown="1">\n*md*\n</div>\n',
    "<div><!-- c --></div>\n",
    "```\n\n<div>in a fence</div>\n\n```\n",
    "    <div>indented</div>\n",
    "<div>x</div> trailing\n",
    "<div>x</div>\nnext line\n",
    "<p>a</p>\n\n<p>b</p>",
    "<pre><code>x\n\ny</code></pre>\n",
    "<div>x</div>   \n\nafter",
    "<details><summary>S</summary><p>$x_1$ *a* [l](u.md)</p></details>\n",
    "<div>\x02wzxhzdk:0\x03</div>\n",
    "<section>\n<div>a</div>\n\n<div>b</div>\n</section>\n",
    "<div>a</div>\n\n<div>b</div>\n",
    "<table><tr><td>x</td></tr></table>\n",
    "<div>a</div></div>\n",
    '# T\n\n<h2 id="x">H</h2>\n\ntext',
    "<div>a\n</div><div>b</div>\n",
    "> quote\n\n<div>x</div>\n",
    "<div>\n<script>alert(1)</script>\n</div>\n",
    "<ul>\n<li>x\n\n</ul>\n",
    "<div>&amp; &lt; &#60; {{ x }}</div>\n",
    "<DIV>upper</DIV>\n",
    "<div>\n</div >\n",
    "<p>one</p>\n<p>two</p>\n\n<p>three</p>\n",
    "!!! note\n\n    <div>in an admonition</div>\n\n<div>out</div>\n",
    "<div>\n\n    code-like\n\n</div>\n",
    "<p>x</p>\n===\n",
    "*[HTML]: Hyper\n\n<div>HTML</div>\n",
]


def _convert(text: str) -> str:
    return markdown.Markdown(
        extensions=["attr_list", "md_in_html", "admonition", "toc", "abbr"],
        extension_configs={"toc": {"permalink": True}},
    ).convert(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_blocks_come_back_as_markdown_would_have_left_them(text: str) -> None:
    cut = RawBlocks(text)
    pasted = cut.paste(_convert(cut.markdown))
    assert pasted is None or pasted[0] == _convert(text)


def test_blocks_are_cut_where_markdown_leaves_them_alone() -> None:
    """Not a no-op: plain blocks are cut, blocks Markdown reads are not."""
    assert RawBlocks("<div>a</div>\n\n<section>\n<p>b</p>\n\n<p>c</p>\n</section>\n").blocks == [
        "<div>a</div>",
        "<section>\n<p>b</p>\n\n<p>c</p>\n</section>",
    ]
    for text in ("para\n<div>x</div>\n", "<div markdown>x</div>\n", "<div>x</div>\ny\n"):
        assert RawBlocks(text).blocks == []
