"""Curator prose (topic summaries, section intros, notes) to HTML a page can hold.

The policy: curators write Markdown and may write HTML in it, but nothing in a topic
file can run script on the site, so a topic file from a co-author's pull request is
as safe to publish as a paper's title. The prose is converted here, not by MkDocs, so
that the same sanitised HTML reaches every builder (the plugin, plain MkDocs, Zensical):

1. Markdown to HTML with Python-Markdown (MkDocs' own converter) and the extensions
   the site's pages use;
2. that HTML through `nh3` (the Python binding of the Rust sanitizer *ammonia*): an
   allowlist of tags and attributes; ``<script>``/``<style>`` go with their content,
   event handlers, ``style``, ``id`` and every other attribute not listed go, links
   keep only http(s), mailto and relative URLs (never ``javascript:`` or ``data:``),
   and images only relative URLs, so no page loads anything from another host;
3. re-written inert: every character Markdown, a template engine or MkDocs' extensions
   would read is an entity and newlines are ``&#10;``, so the HTML passes through the
   page's Markdown unchanged wherever a template puts it. Citations (``[@key]``) become
   links here, outside ``code``, ``pre`` and links, so ``[@key]`` in code stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from generator.cache import Cache
from generator.organize.citations import CITATION
from generator.render.texhtml import escape, math_html
from generator.text.latex import MATH

# What the generated pages are written for (MkDocs' defaults and the site's extensions);
# ``toc`` is left out: headings in prose get no ids (an ``id`` could clobber globals).
EXTENSIONS = ("tables", "fenced_code", "attr_list", "md_in_html", "admonition")

TAGS = frozenset(nh3.ALLOWED_TAGS) - {"nav", "header", "footer", "map", "area"}
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items() if tag in TAGS},
    "*": {"class", "lang", "title", "dir"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "longdesc", "action", "poster"})
# After one more decoding (MkDocs re-reads attributes of ``markdown`` blocks) these
# would become characters again; a URL that holds one is dropped, never trusted.
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Elements whose text is shown as written: no citation is read inside them.
_LITERAL = frozenset({"code", "pre", "kbd", "samp", "a"})
_VOID = frozenset({"br", "hr", "img", "wbr", "col", "area"})
# Private-use characters stand for a formula while Markdown and the sanitiser run.
_FORMULA = "\ue030{}\ue031"
_FORMULA_TOKEN = re.compile("\ue030([0-9]+)\ue031")


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in _URL_ATTRIBUTES:
        if _ENTITY_LIKE.search(value):
            return None
        if element == "img" and _SCHEME.match(value):
            return None  # a remote image would make the page load from another host
    return value


def sanitize(html: str) -> str:
    """HTML with everything that can run removed (see the module docstring)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel="noopener nofollow",
    )


@dataclass(frozen=True)
class _Citation:
    source: str  # as written: ``[@a; @b]``


class ProseConverter:
    """Converts curator texts; each text is converted once per `Cache` (a note shows on
    its topic's page and its paper's page; `mkdocs serve` keeps the cache)."""

    def __init__(self, cache: Cache | None = None) -> None:
        self._markdown = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
        self._cache = cache or Cache()

    def convert(self, text: str, cite: Callable[[str], str | None] | None = None) -> str:
        """Sanitised, inert HTML of `text`. `cite` gets each citation's source
        (``[@a; @b]``) outside code and returns its HTML, or None to keep it as written.
        ``$...$`` formulas (pandoc's rules: "costs $5" stays prose) become the same math
        spans as in abstracts."""
        out = []
        for part in self._cache.get("prose-html", text, lambda: self._parts(text)):
            if isinstance(part, str):
                out.append(part)
            else:
                html = cite(part.source) if cite is not None else None
                out.append(_text(part.source) if html is None else html)
        return "".join(out)

    def _parts(self, text: str) -> tuple[str | _Citation, ...]:
        # Formulas leave the text before Markdown sees it (it would read `_` and `*` in
        # them) and come back as our own math spans after the sanitiser.
        formulas: list[str] = []

        def hold(match: re.Match[str]) -> str:
            tex = next(g for g in match.groups() if g is not None)
            display = match["dd"] is not None or match["bd"] is not None
            formulas.append(math_html(tex.strip(), display))
            return _FORMULA.format(len(formulas) - 1)

        held = MATH.sub(hold, text) if "$" in text or "\\(" in text else text
        self._markdown.reset()
        writer = _InertWriter()
        writer.feed(sanitize(self._markdown.convert(held)))
        writer.close()
        if not formulas:
            return tuple(writer.out)
        put_back = lambda m: formulas[int(m.group(1))]  # noqa: E731
        return tuple(
            _FORMULA_TOKEN.sub(put_back, part) if isinstance(part, str) else part
            for part in writer.out
        )


class _InertWriter(HTMLParser):
    """Re-writes sanitised HTML with every special character of text and attribute
    values as an entity (the sanitiser already chose the tags and attributes), and
    marks the citations in the prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str | _Citation] = []
        self.literal = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs))
        if tag in _LITERAL:
            self.literal += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")
        if tag in _LITERAL and self.literal:
            self.literal -= 1

    def handle_data(self, data: str) -> None:
        if self.literal or "@" not in data:
            self.out.append(_text(data))
            return
        pos = 0
        for match in CITATION.finditer(data):
            self.out.append(_text(data[pos : match.start()]))
            self.out.append(_Citation(match.group()))
            pos = match.end()
        self.out.append(_text(data[pos:]))


def _tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(f' {name}="{_text(value or "")}"' for name, value in attrs)
    return f"<{tag}{written}>"


def _text(text: str) -> str:
    return escape(text).replace("\n", "&#10;").replace("\r", "&#13;")
