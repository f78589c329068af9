"""The MkDocs plugin: config schema, hooks, and error translation. Nothing else.

The pipeline runs in ``on_files``; its pages reach MkDocs as in-memory files, so a
build never writes into ``docs_dir``. ``mkdocs serve`` watches the content and
template folders, and every rebuild re-reads them through one `Cache` kept for the
life of the server, so editing a topic file regroups the served site without a
restart and without redoing work whose inputs did not change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.cache import Cache
from generator.codes import Code
from generator.emit.assets import SCRIPTS, STYLESHEETS, asset_files
from generator.emit.mkdocs_config import MARKDOWN_EXTENSIONS
from generator.emit.mkdocs_files import GeneratedPage, LaterFile
from generator.emit.nav import nav_structure, nav_title
from generator.errors import Diagnostics, LitReviewError, Severity
from generator.pipeline import build_pages
from generator.project import Project
from generator.render.public_fields import export_fields
from generator.render.references import STYLES
from generator.render.renderer import RenderOptions

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
    """Build the nav from the topic tree when mkdocs.yml sets no ``nav`` of its own."""
    export_fields = c.Optional(c.ListOfItems(c.Type(str)))
    """The BibTeX fields downloads and pages may show (default: the bibliographic ones)."""
    extra_export_fields = c.ListOfItems(c.Type(str), default=[])
    """Fields to show besides those (e.g. ``keywords``); private fields are never shown
    unless named here or in ``export_fields``."""


class LitReviewPlugin(BasePlugin[LitReviewConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance for every rebuild of `mkdocs serve`,
        # and with it the cache and the digests of the pages last written.
        self.cache = Cache()
        self.page_digests: dict[str, str] = {}
        self._generated_nav: list | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not hasattr(self, "cache"):  # MkDocs before 1.4 never calls on_startup
            self.on_startup(command="build", dirty=False)
        root = Path(config.config_file_path or ".").resolve().parent
        self.project = Project.at(root, self.config.content_dir, self.config.templates_dir)
        for folder in (
            self.project.papers_dir,
            self.project.topics_dir,
            self.project.templates_dir,
        ):
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

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        options = RenderOptions(
            site_name=config.site_name,
            excerpt_mode=self.config.excerpt,
            citation_style=self.config.citation_style,
            directory_urls=config.use_directory_urls,
            export_fields=export_fields(self.config.export_fields, self.config.extra_export_fields),
        )
        diagnostics = Diagnostics()
        self.cache.start_build()
        try:
            build = build_pages(self.project, options, diagnostics, cache=self.cache)
        except LitReviewError as exc:
            raise PluginError(f"litreview: the content has errors:\n{exc.report()}") from exc
        _log_warnings(diagnostics)
        if log.isEnabledFor(logging.DEBUG):  # `mkdocs build -v`
            for shown, reason in self.project.skipped_files():
                log.debug("skipped %s: %s", shown, reason)
        for page in build.pages:
            if files.get_file_from_path(page.path) is not None:
                log.info(
                    "%s is written by hand in docs_dir; the generated page is skipped", page.path
                )
                continue
            files.append(GeneratedPage.of(config, page.path, page.text, self.page_digests))
        for path, data in build.files:
            files.append(LaterFile.of(config, path, data))
        for path, asset in asset_files():
            files.append(File.generated(config, path, content=asset))
        if self.config.nav and (config.nav is None or config.nav is self._generated_nav):
            nav = nav_structure(build.review)
            hand_written = sorted(
                f.src_uri for f in files if f.is_documentation_page() and f.generated_by is None
            )
            nav += [{nav_title(_title_of(uri)): uri} for uri in hand_written]
            config.nav = self._generated_nav = nav
        return files


def _title_of(uri: str) -> str:
    return Path(uri).stem.replace("-", " ").replace("_", " ").capitalize()


def _log_warnings(diagnostics: Diagnostics) -> None:
    """One line per warning, but papers in no topic as one line: a corpus being
    curated has hundreds, and `litreview check` lists them."""
    unplaced = diagnostics.with_code(Code.UNPLACED_PAPER)
    for problem in diagnostics.problems:
        if problem.severity is Severity.WARNING and problem.code is not Code.UNPLACED_PAPER:
            log.warning(str(problem))
    if unplaced:
        log.warning(
            "%d papers are in no topic (e.g. '%s'); `litreview list --unplaced` lists them",
            len(unplaced),
            unplaced[0].subject,
        )
