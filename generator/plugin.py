"""The MkDocs plugin: config schema, hooks, and error translation. Nothing else.

The pipeline runs in ``on_files``; its pages reach MkDocs as in-memory files, so a
build never writes into ``docs_dir``. ``mkdocs serve`` watches the content and
template folders, and every rebuild re-reads them through one `Cache` kept for the
life of the server, so editing a topic file regroups the served site without a
restart and without redoing work whose inputs did not change.
"""

from __future__ import annotations

import gc
import logging
import os
from dataclasses import replace
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.cache import Cache
from generator.codes import Code
from generator.emit.assets import SCRIPTS, STYLESHEETS, asset_files
from generator.emit.mkdocs_config import MARKDOWN_EXTENSIONS
from generator.emit.mkdocs_files import GeneratedPage, LaterFile
from generator.emit.mkdocs_reuse import PageReuse, SearchEntries
from generator.emit.nav import nav_title, site_nav
from generator.emit.raw_html import convert_without_blocks
from generator.emit.search_view import SearchView
from generator.emit.site_dir import SiteDirKeeper
from generator.errors import Diagnostics, LitReviewError, Severity
from generator.pipeline import Build, build_pages
from generator.project import Project
from generator.render.public_fields import export_fields
from generator.render.references import STYLES
from generator.render.renderer import RenderOptions
from generator.settings import Settings

log = get_plugin_logger("litreview")


class LitReviewConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The folder holding ``papers/``, ``topics/`` and ``sources/``, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """A folder of Jinja templates that override the shipped ones, relative to mkdocs.yml."""
    excerpt = c.Choice(("contribution", "lead"), default="contribution")
    """Which sentences of an abstract topic pages show."""
    citation_style = c.Choice(STYLES, default="unsrt")
    """The pybtex style of reference lists: unsrt, plain, alpha or unsrtalpha."""
    nav = c.Type(bool, default=True)
    """Build the nav from the topic tree when mkdocs.yml sets no ``nav`` of its own (a
    ``nav`` of its own places the review with ``litreview:topics`` and other placeholders)."""
    home = c.Type(str, default="index.md")
    """Where the generated home page goes, below the docs folder (e.g. ``review/index.md``
    when the site has an ``index.md`` of its own)."""
    unsorted_page = c.Type(bool, default=True)
    """List the papers in no topic on a page of their own, while there are any."""
    export_fields = c.Optional(c.ListOfItems(c.Type(str)))
    """The BibTeX fields downloads and pages may show (default: the bibliographic ones)."""
    extra_export_fields = c.ListOfItems(c.Type(str), default=[])
    """Fields to show besides those (e.g. ``keywords``); private fields are never shown
    unless named here or in ``export_fields``."""


class LitReviewPlugin(BasePlugin[LitReviewConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance for every rebuild of `mkdocs serve`,
        # and with it the cache and what MkDocs made of each page (`PageReuse`).
        self.cache = Cache(lasting=command == "serve")
        self.reuse = PageReuse(enabled=command == "serve")
        self.search_entries = SearchEntries()
        self.search_view = SearchView()
        self.site_dir = SiteDirKeeper()
        self._site_dir: str | None = None
        self.serving = command == "serve"
        self.dirty = dirty
        self._generated_nav: list | None = None
        self._user_nav: list | None = None
        self.build: Build | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not hasattr(self, "cache"):  # MkDocs before 1.4 never calls on_startup
            self.on_startup(command="build", dirty=False)
        root = Path(config.config_file_path or ".").resolve().parent
        settings = Settings(
            site_name=config.site_name,
            site_author=config.site_author or "",
            docs_dir=config.docs_dir,
            plugin=dict(self.config),
            has_plugin=True,
            path=Path(config.config_file_path) if config.config_file_path else None,
        )
        pages = os.path.relpath(config.docs_dir, root)
        self.project = Project.at(
            root, self.config.content_dir, self.config.templates_dir, pages, settings
        )
        # The whole content folder, so topic folders made after the server started
        # (the usual way a review begins) are seen too.
        for folder in (self.project.content_dir, self.project.templates_dir):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        for name in MARKDOWN_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        for path in STYLESHEETS:
            if path not in config.extra_css:
                config.extra_css.append(path)
        for path in SCRIPTS:
            if path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(path)
        return config

    # `mkdocs serve` rewrites its site folder in place rather than emptying it first.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._site_dir = config.site_dir  # for on_build_error, which is given no config
        if self.serving and not self.dirty:  # MkDocs empties its serve folder next
            self.site_dir.hold(config.site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        if self.serving and self._site_dir is not None:
            self.site_dir.abandon(self._site_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        options = RenderOptions(
            site_name=config.site_name,
            excerpt_mode=self.config.excerpt,
            citation_style=self.config.citation_style,
            directory_urls=config.use_directory_urls,
            home=self.config.home,
            unsorted_page=self.config.unsorted_page,
            site_description=config.site_description or "",
            site_author=config.site_author or "",
            export_fields=export_fields(self.config.export_fields, self.config.extra_export_fields),
        )
        diagnostics = Diagnostics()
        self.cache.start_build()
        try:
            build = build_pages(self.project, options, diagnostics, cache=self.cache)
        except LitReviewError as exc:
            _log_warnings(diagnostics)
            errors = "\n".join(str(p) for p in exc.problems if p.severity is Severity.ERROR)
            raise PluginError(f"litreview: the content has errors:\n{errors}") from exc
        if log.isEnabledFor(logging.DEBUG):  # `mkdocs build -v`
            for shown, reason in self.project.skipped_files():
                log.debug("skipped %s: %s", shown, reason)
        for page in build.pages:
            if files.get_file_from_path(page.path) is None:  # else: page-replaced, reported
                files.append(GeneratedPage.of(config, page.path, page.data))
        # MkDocs' files hold the pages now: the build keeps no second copy of them, and
        # a one-off build no model, parsed store or anything else only pages were made of.
        self.build = replace(build, pages=[])
        for path, data in build.files:
            files.append(LaterFile.of(config, path, data))
        for path, asset in asset_files():
            files.append(File.generated(config, path, content=asset))
        self._set_nav(config, files, build, diagnostics)
        _log_warnings(diagnostics)
        if not self.cache.lasting:
            self.cache.clear()
            build.review.forget_model()
            # What is left lives to the end of this one-off build (the model, MkDocs'
            # files): the collector need not scan it again for every page MkDocs makes.
            gc.freeze()
        return files

    def _cite_in_hand_written_pages(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Citations in the user's own pages: ``[@key]`` linked, a reference list added."""
        if self.build is None or page.file.generated_by is not None:
            return markdown
        return self.build.renderer.cite_page(markdown, page.file.src_uri)

    @event_priority(-100)  # after every plugin that may read the page's file
    def _release_read_pages(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if isinstance(page.file, GeneratedPage) and not self.serving:
            page.file.release()
        return markdown

    on_page_markdown = CombinedEvent(_cite_in_hand_written_pages, _release_read_pages)

    @event_priority(-100)  # after every plugin that reads the page's Markdown
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A one-off build lets go of a generated page's Markdown once it is converted:
        MkDocs keeps every page to the end of the build, and most of these hold a
        character past Latin-1, so each takes 2 bytes a character."""
        if isinstance(page.file, GeneratedPage) and not self.serving:
            page.markdown = None
        return html

    def _set_nav(
        self, config: MkDocsConfig, files: Files, build: Build, diagnostics: Diagnostics
    ) -> None:
        # mkdocs serve may hand back the nav we set last time: keep the user's own apart.
        if config.nav is None:
            self._user_nav = None
        elif config.nav is not self._generated_nav:
            self._user_nav = config.nav
        nav = site_nav(
            self._user_nav, build.review, diagnostics, enabled=self.config.nav,
            home=self.config.home, unsorted=self.config.unsorted_page,
            config_name=Path(config.config_file_path or "mkdocs.yml").name,
        )  # fmt: skip
        if nav is None:
            return
        if self._user_nav is None:
            hand_written = sorted(
                f.src_uri for f in files if f.is_documentation_page() and f.generated_by is None
            )
            listed = {path for entry in nav for path in entry.values() if isinstance(path, str)}
            nav += [{nav_title(_title_of(uri)): uri} for uri in hand_written if uri not in listed]
        config.nav = self._generated_nav = nav

    # MkDocs' own work on each page, reused while its inputs are unchanged (PageReuse).
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.reuse.start_build(config, files, nav)
        self.reuse.expire_hand_written(files, self.dirty)
        self.search_entries.start_build()
        self._files = files
        return nav

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if isinstance(page.file, GeneratedPage):
            page.render = convert_without_blocks(page, page.render, self.search_view.note)  # type: ignore[method-assign,assignment]
        self.reuse.attach(page)
        return page

    def _env_first(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.reuse.settle(files, self.dirty)
        self.reuse.wrap_theme(env)
        self.search_view.attach(config)
        return env

    @event_priority(-100)  # once every plugin has set the build's files
    def _env_last(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.serving and self.dirty:
            self.site_dir.forget_removed(config.site_dir, files)
        elif self.serving:
            self.site_dir.restore(config.site_dir, files)
        return env

    on_env = CombinedEvent(_env_first, _env_last)

    @event_priority(100)  # before the search plugin indexes the page
    def _context_first(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.serving:
            self.search_entries.before(page, config, self.reuse.page_key(page))
        return context

    @event_priority(-100)  # after every plugin that reads the page
    def _context_last(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.reuse.restore_template(page)
        if self.serving:
            self.search_entries.note(page, config, self.reuse.page_key(page))
        return context

    on_page_context = CombinedEvent(_context_first, _context_last)

    @event_priority(100)  # before any plugin that reads the output
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self.reuse.capture(output, page)

    @event_priority(100)  # before the search plugin writes its index
    def _post_build_first(self, config: MkDocsConfig) -> None:
        # Only serve keeps entries across builds; a one-off --dirty build has none to add.
        if self.serving and self.dirty:
            self.search_entries.complete(self._files, config)

    @event_priority(-100)  # after every plugin wrote its files
    def _post_build_last(self, config: MkDocsConfig) -> None:
        if self.serving and not self.dirty:
            self.site_dir.finish(config.site_dir)

    on_post_build = CombinedEvent(_post_build_first, _post_build_last)

    @event_priority(100)
    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        return self.reuse.strip(output_content)


def _title_of(uri: str) -> str:
    return Path(uri).stem.replace("-", " ").replace("_", " ").capitalize()


def _log_warnings(diagnostics: Diagnostics) -> None:
    """One line per warning, but papers in no topic as one line: a corpus being
    curated has hundreds, and `litreview list --unplaced` lists them."""
    unplaced = diagnostics.with_code(Code.UNPLACED_PAPER)
    for problem in diagnostics.problems:
        if problem.severity is Severity.WARNING and problem.code is not Code.UNPLACED_PAPER:
            log.warning(str(problem))
        elif problem.severity is Severity.NOTE:
            log.info(str(problem))
    if unplaced:
        log.warning(
            "%d papers are in no topic (e.g. '%s'); `litreview list --unplaced` lists them",
            len(unplaced),
            unplaced[0].subject,
        )
