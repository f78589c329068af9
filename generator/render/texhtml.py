"""Corpus text (LaTeX source) to HTML that is safe in Markdown and HTML alike.

Titles and abstracts are untrusted: they may hold HTML, Markdown, Jinja syntax and
broken LaTeX. The result of `tex_to_html` is a `Markup` that

* keeps every formula (``$…$``, ``\\(…\\)``, ``\\[…\\]``, ``$$…$$``) as an
  ``arithmatex`` span for MathJax, with a hidden plain-text twin for search;
* turns text-mode LaTeX into HTML (``\\emph`` → ``<em>``, accents → Unicode) by
  walking pylatexenc's parse tree;
* writes every character that means something to HTML, Markdown, Jinja or MkDocs
  extensions as an HTML entity, so the text renders as written wherever a template
  puts it: inside a raw HTML block or in Markdown inline text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexWalker,
)
from pylatexenc.latexwalker import get_default_latex_context_db as get_walker_context_db

from generator.render.repair import repair_stripped_math
from generator.text.latex import MATH, TEMPLATE_BRACES, latex_chunks, text_converter, typography

# Characters written as entities: HTML syntax, Markdown inline and block syntax,
# Jinja/Liquid braces, and the backslash (Markdown escapes, MathJax delimiters).
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
    "{": "&#123;", "}": "&#125;", "#": "&#35;", "|": "&#124;", "~": "&#126;",
    "$": "&#36;", "^": "&#94;", "=": "&#61;", "+": "&#43;", ":": "&#58;",
}  # fmt: skip
_ESCAPE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")

WRAP = {
    "emph": "em", "textit": "em", "textsl": "em", "textbf": "strong", "texttt": "code",
    "textsuperscript": "sup", "textsubscript": "sub", "underline": "u",
}  # fmt: skip
SWITCH = {"em": "em", "it": "em", "sl": "em", "bf": "strong", "tt": "code"}
URL = re.compile(r"https?://[^\s<>\"'{}|\\^`$]+")


def escape(text: str) -> str:
    """Entity-encode every character HTML, Markdown or a template engine would read."""
    return _ESCAPE.sub(lambda m: _ENTITIES[m.group()], text)


def tex_to_html(source: str) -> Markup:
    """LaTeX source text to inert HTML with math spans (see the module docstring)."""
    return Markup(_convert(source, links=False))  # noqa: S704 (escape() and our own tags)


def tex_to_html_with_links(source: str) -> Markup:
    """As `tex_to_html`, and http(s) URLs in the text become links (for full abstracts)."""
    return Markup(_convert(source, links=True))  # noqa: S704 (escape() and our own tags)


@lru_cache(maxsize=4096)
def _convert(source: str, links: bool) -> str:
    source = repair_stripped_math(source)
    text = _text_with_links if links else text_html
    out, pos = [], 0
    for match in MATH.finditer(source):
        out.append(text(source[pos : match.start()]))
        tex = next(g for g in (match["dd"], match["bd"], match["bi"], match["di"]) if g is not None)
        display = match["dd"] is not None or match["bd"] is not None
        out.append(math_html(tex.strip(), display))
        pos = match.end()
    out.append(text(source[pos:]))
    return "".join(out)


def _text_with_links(text: str) -> str:
    out, pos = [], 0
    for match in URL.finditer(text):
        url = _trim_url(match.group())
        out.append(text_html(text[pos : match.start()]))
        out.append(f'<a href="{escape(url)}" rel="nofollow noopener">{escape(url)}</a>')
        pos = match.start() + len(url)
    out.append(text_html(text[pos:]))
    return "".join(out)


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, and a closing bracket it did not open."""
    while url and url[-1] in ".,;:!?'\"":
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def math_html(tex: str, display: bool) -> str:
    open_, close = ("\\[", "\\]") if display else ("\\(", "\\)")
    cls = "arithmatex arithmatex-display" if display else "arithmatex"
    return (
        f'<span class="{cls}" data-search-exclude="true">{escape(open_ + tex + close)}</span>'
        f"<span hidden>{escape(math_words(tex))}</span>"
    )


def math_words(tex: str) -> str:
    """Plain words of a formula, for the search index."""
    words = re.sub(r"\\[A-Za-z]+\*?\s*", " ", tex)
    return " ".join(re.sub(r"[{}^_$\\]", "", words).split())


def text_html(text: str) -> str:
    """Text-mode LaTeX to HTML. Only LaTeX chunks (a macro and its arguments, a
    group) go through the parser; the plain runs between them are escaped."""
    return "".join(
        _latex_html(chunk) if is_latex else escape(typography(chunk))
        for is_latex, chunk in latex_chunks(text)
    )


def _latex_html(text: str) -> str:
    # A lone $ is prose here (math was split off already); % is a percent sign.
    protected = re.sub(r"(?<!\\)([$%&#])", r"\\\1", text)
    # Template syntax ({{ x }}, {% x %}) in data is shown as written, not as groups.
    protected = TEMPLATE_BRACES.sub(lambda m: "".join("\\" + c for c in m.group()), protected)
    try:
        walker = LatexWalker(protected, latex_context=_walker_context(), tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
    except Exception:  # pylatexenc raises several internal types on broken input
        return escape(text)
    return _nodes_html(nodes)


@lru_cache(maxsize=1)
def _walker_context() -> object:
    # Built once: pylatexenc otherwise rebuilds its default macro table for every walker.
    return get_walker_context_db()


def _nodes_html(nodes: list) -> str:
    out: list[str] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        if node is None or isinstance(node, LatexCommentNode):
            continue
        if isinstance(node, LatexCharsNode):
            out.append(escape(_to_text([node])))
        elif isinstance(node, LatexGroupNode):
            out.append(_group_html(node.nodelist))
        elif isinstance(node, LatexMacroNode) and node.macroname in WRAP:
            tag = WRAP[node.macroname]
            args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
            inner = _nodes_html(
                args[-1].nodelist if args and hasattr(args[-1], "nodelist") else args
            )
            out.append(f"<{tag}>{inner}</{tag}>")
        elif isinstance(node, LatexMacroNode) and node.macroname in SWITCH:
            # \bf, \tt ... switch the font until the end of the enclosing group.
            tag = SWITCH[node.macroname]
            out.append(f"<{tag}>{_nodes_html(nodes[index:])}</{tag}>")
            index = len(nodes)
        elif isinstance(node, LatexMathNode):
            out.append(math_html(node.latex_verbatim().strip("$"), display=False))
        else:
            out.append(escape(_to_text([node])))
    return "".join(out)


def _group_html(nodes: list) -> str:
    return _nodes_html(nodes)


def _to_text(nodes: list) -> str:
    return str(text_converter().nodelist_to_text(nodes))
