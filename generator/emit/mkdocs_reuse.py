"""What MkDocs made for a page in one build of `mkdocs serve`, reused by the next while
the page's inputs are the same.

A topic edit changes the Markdown of a few pages, yet every rebuild converts every
page's Markdown and renders every page through the theme; Material renders the whole
nav into each page, so a retitled topic does change every page, but only in its nav.
Measured on the default site (617 pages), the rebuild's CPU time goes to Markdown
conversion (1.9 s), theme rendering (1.7 s, of which the nav is over a third), the
search index (0.5 s) and the generator (0.4 s). So, per page:

* **conversion** (`Page.render`): the HTML, TOC, title and anchors are kept, keyed by
  the Markdown, the page's URL, the site's files and the config; a page whose
  conversion logged a warning is converted again, so the warning is seen again.
* **theme**: the output is kept with its nav (and tabs) cut out. While everything else
  the theme reads of the page is the same, the output is the kept one with the nav
  rendered for this build put back. The nav differs only by the page's place in it
  and the folder links are made relative to, so one page renders it and the pages
  that share both reuse that rendering. A page with a current kept output renders the
  nav alone (its template with the blocks that hold no nav emptied): after a retitle,
  which changes every place's nav, the theme renders in full only the pages whose
  content changed (57 full renders became 22 on the default site, 0.07 s a rebuild).
* **--dirty**: a page is written again exactly when its output changes, nav included,
  so pages that were not rebuilt never keep a stale nav; every page is still read, so
  none is left without a title. Material's search merges a dirty build's entries into
  the last index assuming one page was rebuilt (with the home page rebuilt, it drops
  every other page); `SearchEntries` keeps each page's entries and hands the search
  plugin the whole index in page order, as a full build makes it.

Every reused piece is keyed by what it is made from; a miss renders as MkDocs does.
`tests/test_serve.py` checks every page served after each kind of topic edit against
a fresh build, byte for byte, in both modes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.emit.mkdocs_files import GeneratedPage
from generator.emit.search_view import material_search

# Theme templates that render the nav into every page: cut out of kept outputs.
NAV_TEMPLATES = ("partials/nav.html", "partials/tabs.html")
# The template a page whose output may be reused is given for this build.
REUSE_TEMPLATE = "litreview-reuse.html"
# The page's own template with every block but those holding the nav emptied: what a
# page whose kept output is current renders when its place's nav is not rendered yet.
NAV_ONLY_TEMPLATE = "litreview-nav-only.html"
# Blocks of Material's base.html that hold no nav template (see NAV_TEMPLATES).
_NAVLESS_BLOCKS = (
    "site_meta", "htmltitle", "styles", "libs", "fonts", "analytics", "extrahead",
    "announce", "outdated", "hero", "container", "footer", "config", "scripts",
)  # fmt: skip
# Where the theme's own templates stay reachable once ours shadow them.
THEME_PREFIX = "litreview-theme"
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass(frozen=True)
class _Converted:
    key: str
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None  # by the src_uri of the page linked to


@dataclass(frozen=True)
class _Output:
    key: str
    parts: tuple[str, ...]  # the output around its nav pieces: text, piece, text, ...
    pieces: tuple[str, ...]  # the template each piece came from


class PageReuse:
    """Kept for the life of `mkdocs serve`; `start_build` begins each build. For
    `mkdocs build` (`enabled=False`) only the nav is shared, between the pages of one
    place: one build has nothing else to reuse, and keeping every page's output would
    only cost memory."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._converted: dict[str, _Converted] = {}
        self._outputs: dict[str, _Output] = {}
        self._fragments: dict[tuple[str, str], str] = {}  # (template, place) → HTML
        self._written: dict[str, str] = {}  # src_uri → key of the output last written
        self._marker = f"litreview-{secrets.token_hex(6)}"
        self._site = ""
        self._nav = ""
        self._nav_items: list[Any] = []
        self._nav_read = ""  # the nav once every page was read (titles from headings)
        self._nav_before: str | None = None
        self._in_nav: set[str] = set()
        self._nav_urls: tuple[str, ...] = ()
        self._output_keys: dict[str, str] = {}
        self._page_keys: dict[str, str] = {}
        self._places: dict[str, str] = {}
        self._templates: dict[str, str | None] = {}  # the template a reusable page asked for
        self._used: set[str] = set()
        # MkDocs makes a new Jinja environment per build; compiled templates outlive it.
        self._bytecode = _MemoryBytecodeCache()

    # -- a build ---------------------------------------------------------------------

    def start_build(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """After `on_nav`: what every page of this build shares."""
        self._forget_unused()
        self._site = _digest(
            _config_text(config),
            *(f"{f.src_uri}\x00{f.dest_uri}" for f in files),
            *_theme_stamps(config),
        )
        self._nav_before = self._nav or None
        self._nav = _digest(_nav_text(nav.items))
        self._in_nav = {page.file.src_uri for page in nav.pages}
        self._nav_urls = tuple(page.url for page in nav.pages)
        self._nav_items = nav.items
        self._nav_read = ""
        self._output_keys = {}
        self._page_keys = {}
        self._places = {}
        self._templates = {}

    def expire_hand_written(self, files: Files, dirty: bool) -> None:
        """Under --dirty, pages MkDocs would skip as unmodified (by file times) are
        made stale when the nav changed, since each holds the nav."""
        if not self.enabled or not dirty or self._nav_before in (None, self._nav):
            return
        for file in files.documentation_pages():
            if not isinstance(file, GeneratedPage) and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))

    def attach(self, page: Page) -> None:
        """Before the page is read: its conversion goes through `_render`."""
        if not self.enabled:
            return
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            self._render(page, convert, config, files)

        page.render = render  # type: ignore[method-assign]

    def settle(self, files: Files, dirty: bool) -> None:
        """After every page was read and converted (`on_env`): each page's output key;
        pages whose kept output can serve get `REUSE_TEMPLATE` (when the nav changed,
        the first page of each place renders the nav, the others reuse it); under
        --dirty, a generated page is rebuilt exactly when its key changed."""
        self._nav_read = _digest(_nav_text(self._nav_items))
        if not self.enabled:
            for file in files.documentation_pages():
                if file.page is not None:
                    self._places[file.src_uri] = self._place(file.page)
            return
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            uri = file.src_uri
            place = self._places[uri] = self._place(page)
            self._page_keys[uri] = self._page_key(page)
            self._output_keys[uri] = _digest(self._page_keys[uri], place)
            if isinstance(file, GeneratedPage):
                file.unchanged = dirty and self._written.get(uri) == self._output_keys[uri]
            if self._kept(page):
                self._templates[uri] = page.meta.get("template")
                page.meta["template"] = REUSE_TEMPLATE

    def restore_template(self, page: Page) -> None:
        """`on_page_context`: the page's meta as it was, for the theme and the plugins."""
        uri = page.file.src_uri
        if uri in self._templates and page.meta.get("template") == REUSE_TEMPLATE:
            original = self._templates[uri]
            if original is None:
                del page.meta["template"]
            else:
                page.meta["template"] = original

    # -- conversion ------------------------------------------------------------------

    def _render(
        self,
        page: Page,
        convert: Callable[[MkDocsConfig, Files], None],
        config: MkDocsConfig,
        files: Files,
    ) -> None:
        uri = page.file.src_uri
        self._used.add(uri)
        key = _digest(self._site, uri, page.url, page.markdown or "")
        kept = self._converted.get(uri)
        if kept is not None and kept.key == key:
            page.content = kept.content
            page.toc = kept.toc
            page._title_from_render = kept.title
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
            if kept.links is not None:
                page.links_to_anchors = {
                    target: dict(links)
                    for target_uri, links in kept.links.items()
                    if (target := files.get_file_from_path(target_uri)) is not None
                }
            return
        with _CountWarnings() as warnings:
            convert(config, files)
        if warnings.count:
            self._converted.pop(uri, None)
            return
        links = page.links_to_anchors
        self._converted[uri] = _Converted(
            key,
            page.content or "",
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
        )

    # -- theme -----------------------------------------------------------------------

    def wrap_theme(self, env: jinja2.Environment) -> None:
        """Add `REUSE_TEMPLATE`, and shadow the nav templates with ones that give the
        nav a page of the same place rendered (`_shared_nav`) or render it, marked in
        the output (`capture` cuts it out); the theme's own stay reachable under
        `THEME_PREFIX/`."""
        assert env.loader is not None
        theme = env.loader
        env.bytecode_cache = self._bytecode
        env.loader = jinja2.ChoiceLoader(
            [
                jinja2.DictLoader(self._shadows(theme, env)),
                jinja2.PrefixLoader({THEME_PREFIX: theme}),
                theme,
            ]
        )
        env.globals["litreview_reusable"] = self._reusable
        env.globals["litreview_reused"] = self._reused
        env.globals["litreview_kept"] = self._kept
        env.globals["litreview_spliced"] = self._spliced
        env.globals["litreview_template"] = self._template
        env.globals["litreview_shared_nav"] = self._shared_nav

    def _shadows(self, theme: jinja2.BaseLoader, env: jinja2.Environment) -> dict[str, str]:
        # A page whose kept output is current but whose place's nav is not rendered yet
        # renders the nav alone (NAV_ONLY_TEMPLATE), put into the kept output; should the
        # nav pieces come out other than kept (a template of the user's holds one in an
        # emptied block), the page renders in full.
        shadows = {
            REUSE_TEMPLATE: (
                "{%- if litreview_reusable(page) -%}{{ litreview_reused(page) }}"
                "{%- elif litreview_kept(page) -%}"
                f'{{%- set navs -%}}{{% include "{NAV_ONLY_TEMPLATE}" %}}{{%- endset -%}}'
                "{%- set spliced = litreview_spliced(page, navs) -%}"
                "{%- if spliced is none -%}{% include litreview_template(page) %}"
                "{%- else -%}{{ spliced }}{%- endif -%}"
                "{%- else -%}{% include litreview_template(page) %}{%- endif -%}"
            ),
            NAV_ONLY_TEMPLATE: "{% extends litreview_template(page) %}"
            + "".join(f"{{% block {name} %}}{{% endblock %}}" for name in _NAVLESS_BLOCKS),
        }
        for name in NAV_TEMPLATES:
            if _exists(theme, env, name):
                begin, end = self._marks(name)
                shadows[name] = (
                    f'{begin}{{%- set shared = litreview_shared_nav(page, "{name}") -%}}'
                    f"{{%- if shared is none -%}}"
                    f'{{% include "{THEME_PREFIX}/{name}" %}}'
                    f"{{%- else -%}}{{{{ shared }}}}{{%- endif -%}}{end}"
                )
        return shadows

    def _shared_nav(self, page: Page | None, name: str) -> Markup | None:
        """The nav piece `name` as rendered for a page of the same place, if one was."""
        place = self._places.get(page.file.src_uri) if page is not None else None
        fragment = self._fragments.get((name, place)) if place is not None else None
        return Markup(fragment) if fragment is not None else None  # noqa: S704 (the theme's own)

    def _marks(self, name: str) -> tuple[str, str]:
        return f"<!--{self._marker}:{name}:begin-->", f"<!--{self._marker}:{name}:end-->"

    def page_key(self, page: Page) -> str | None:
        """The key of everything the theme reads of the page but the nav (after
        `settle`): what its search entries are made from, too."""
        return self._page_keys.get(page.file.src_uri)

    def _template(self, page: Page) -> str:
        return self._templates.get(page.file.src_uri) or "main.html"

    def _reusable(self, page: Page) -> bool:
        """Whether the kept output is current and its place's nav is rendered."""
        if not self._kept(page):
            return False
        uri = page.file.src_uri
        place = self._places[uri]
        return all((name, place) in self._fragments for name in self._outputs[uri].pieces)

    def _kept(self, page: Page) -> bool:
        """Whether the page's kept output is current."""
        uri = page.file.src_uri
        kept = self._outputs.get(uri)
        return kept is not None and kept.key == self._page_keys.get(uri)

    def _spliced(self, page: Page, navs: str) -> Markup | None:
        """The kept output with the nav pieces of `navs` (a NAV_ONLY_TEMPLATE output), now
        the place's; None if its pieces are not the kept output's."""
        uri = page.file.src_uri
        kept = self._outputs[uri]
        parts, pieces = self._cut(navs)
        if tuple(pieces) != kept.pieces:
            return None
        self._keep_fragments(self._places[uri], parts, pieces)
        return self._reused(page)

    def _reused(self, page: Page) -> Markup:
        uri = page.file.src_uri
        kept = self._outputs[uri]
        place = self._places[uri]
        parts = list(kept.parts)
        for index, name in enumerate(kept.pieces):
            parts[2 * index + 1] = self._fragments[(name, place)]
        return Markup("".join(parts))  # noqa: S704 (the theme's own output, kept)

    def strip(self, output: str) -> str:
        """A theme template's output (404.html) without our marks."""
        if self._marker not in output:
            return output
        for name in NAV_TEMPLATES:
            for mark in self._marks(name):
                output = output.replace(mark, "")
        return output

    def capture(self, output: str, page: Page) -> str:
        """`on_post_page`, before any other plugin: keep the output and its nav pieces,
        and hand on the output without our marks."""
        uri = page.file.src_uri
        if uri in self._output_keys:
            self._written[uri] = self._output_keys[uri]
        if self._marker not in output:
            return output
        parts, pieces = self._cut(output)
        place = self._places.get(uri)
        if place is not None:
            self._keep_fragments(place, parts, pieces)
        if uri in self._page_keys:
            self._outputs[uri] = _Output(self._page_keys[uri], tuple(parts), tuple(pieces))
        return "".join(parts)

    def _keep_fragments(self, place: str, parts: list[str], pieces: list[str]) -> None:
        """The nav pieces of an output cut by `_cut`, as rendered for `place`."""
        for index, name in enumerate(pieces):
            self._fragments[(name, place)] = parts[2 * index + 1]

    def _cut(self, output: str) -> tuple[list[str], list[str]]:
        """The output around its marked nav pieces (text, piece, text, ...), and the
        template each piece came from."""
        parts: list[str] = []
        pieces: list[str] = []
        rest = output
        while True:
            found = [
                (rest.find(self._marks(n)[0]), n)
                for n in NAV_TEMPLATES
                if self._marks(n)[0] in rest
            ]
            if not found:
                break
            start, name = min(found)
            begin, end = self._marks(name)
            stop = rest.find(end, start)
            parts.append(rest[:start])
            pieces.append(name)
            parts.append(rest[start + len(begin) : stop])
            rest = rest[stop + len(end) :]
        parts.append(rest)
        return parts, pieces

    # -- keys ------------------------------------------------------------------------

    def _place(self, page: Page) -> str:
        """What a page's nav depends on besides the nav: the page, if the nav holds it
        (with its title and table of contents, which the theme shows under it), and the
        folder its links are relative to (its own, if the nav links below it)."""
        folder = posixpath.dirname(page.url.rstrip("/")) if page.url else ""
        own = posixpath.dirname(page.url) if page.url.endswith("/") else folder
        below = any(url == own or url.startswith(own + "/") for url in self._nav_urls if own)
        active = ""
        if page.file.src_uri in self._in_nav:
            active = f"{page.url}\x00{page.title}\x00{_toc_text(page.toc)}"
        folder = own if below else folder
        return _digest(self._site, self._nav_read, active, folder, str(below))

    def _page_key(self, page: Page) -> str:
        """Everything the theme reads of a page, but the nav."""
        neighbours = [
            (p.title, p.url) if p is not None else None
            for p in (page.previous_page, page.next_page)
        ]
        ancestors = [(a.title, getattr(a, "url", None)) for a in page.ancestors]
        return _digest(
            self._site,
            page.url,
            str(page.title),
            page.content or "",
            _toc_text(page.toc),
            _safe_repr(page.meta),
            str(page.canonical_url),
            str(page.edit_url),
            str(page.is_homepage),
            _safe_repr(neighbours),
            _safe_repr(ancestors),
        )

    def _forget_unused(self) -> None:
        if self._used:
            self._converted = {k: v for k, v in self._converted.items() if k in self._used}
            self._outputs = {k: v for k, v in self._outputs.items() if k in self._used}
            self._fragments = {
                k: v for k, v in self._fragments.items() if k[1] in self._places.values()
            }
        self._used = set()


class SearchEntries:
    """Each page's entries in the search index (Material's search plugin), kept across
    the rebuilds of `mkdocs serve`: a page whose `page_key` is unchanged is not parsed
    again (0.4 s of CPU on the default site), and under --dirty the pages a rebuild
    skips keep theirs; the plugin gets the whole index in page order, as a full build
    makes it."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, list[Any]]] = {}  # by src_uri: (key, entries)
        self._seen = 0
        self._hidden: dict[str, Any] = {}  # src_uri → page.meta["search"] before

    @staticmethod
    def _plugin(config: MkDocsConfig) -> Any:
        plugin = material_search(config)
        index = getattr(plugin, "search_index", None)
        return (
            plugin if hasattr(plugin, "search_index_prev") and hasattr(index, "entries") else None
        )

    def start_build(self) -> None:
        self._seen = 0
        self._hidden = {}

    def before(self, page: Page, config: MkDocsConfig, key: str | None) -> None:
        """Before the search plugin indexes `page` (`on_page_context`): a page indexed
        before with the same key is excluded for this once (`note` adds its entries)."""
        uri = page.file.src_uri
        kept = self._entries.get(uri)
        if key is None or kept is None or kept[0] != key or self._plugin(config) is None:
            return
        self._hidden[uri] = page.meta.get("search", _ABSENT)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def note(self, page: Page, config: MkDocsConfig, key: str | None) -> None:
        """After the search plugin indexed `page` (`on_page_context`)."""
        plugin = self._plugin(config)
        if plugin is None:
            return
        uri = page.file.src_uri
        entries = plugin.search_index.entries
        if uri in self._hidden:
            before = self._hidden.pop(uri)
            if before is _ABSENT:
                del page.meta["search"]
            else:
                page.meta["search"] = before
            entries.extend(self._entries[uri][1])
        elif key is not None:
            self._entries[uri] = (key, list(entries[self._seen :]))
        self._seen = len(entries)

    def complete(self, files: Files, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index under --dirty (`on_post_build`):
        every page's entries, in the order of the pages."""
        plugin = self._plugin(config)
        if plugin is None:
            return
        pages = [f.src_uri for f in files.documentation_pages()]
        self._entries = {uri: self._entries[uri] for uri in pages if uri in self._entries}
        plugin.search_index.entries = [
            entry for uri in pages if uri in self._entries for entry in self._entries[uri][1]
        ]
        plugin.search_index_prev = None


_ABSENT = object()


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory; Jinja checks each against its source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _exists(loader: jinja2.BaseLoader, env: jinja2.Environment, name: str) -> bool:
    try:
        loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return True


class _CountWarnings(logging.Handler):
    """Counts the warnings MkDocs logs while it is installed (a `with` block)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def __enter__(self) -> _CountWarnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00\x01")
    return digest.hexdigest()


def _safe_repr(value: object) -> str:
    """A repr without object addresses, which change from build to build."""
    return _ADDRESS.sub("", repr(value))


def _nav_text(items: Iterable[Any], depth: int = 0) -> str:
    lines = []
    for item in items:
        url = getattr(item, "url", "")
        lines.append(f"{depth}\x00{type(item).__name__}\x00{item.title}\x00{url}")
        if isinstance(item, Section) or getattr(item, "children", None):
            lines.append(_nav_text(item.children or [], depth + 1))
    return "\n".join(lines)


def _config_text(config: MkDocsConfig) -> str:
    """The config as the theme and Markdown see it, but the nav (built per page)."""
    items = []
    for name, value in sorted(config.items()):
        if name in ("nav", "watch"):
            continue
        if name == "plugins":
            value = {n: dict(p.config) for n, p in value.items()}
        items.append(f"{name}={_safe_repr(value)}")
    source = Path(config.config_file_path) if config.config_file_path else None
    if source is not None and source.is_file():
        items.append(source.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(items)


def _theme_stamps(config: MkDocsConfig) -> list[str]:
    """Size and time of each template of the theme, so an edited override is seen."""
    stamps = []
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            stat = path.stat()
            stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return stamps


def _toc_text(items: Iterable[Any], depth: int = 0) -> str:
    return "\n".join(
        f"{depth}\x00{item.title}\x00{item.url}\x00{item.level}\n"
        + _toc_text(item.children, depth + 1)
        for item in items
    )
