"""The MkDocs plugin: config schema, hooks, and error translation. Nothing else.

The pipeline runs in ``on_files``; its pages reach MkDocs as in-memory files, so a
build never writes into ``docs_dir``. ``mkdocs serve`` watches the content and
template folders, and every rebuild re-reads them (store files are cached by
mtime), so editing a topic file regroups the served site without a restart.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.errors import Diagnostics, LitReviewError, Problem, Severity
from generator.pipeline import SCRIPTS, STYLESHEETS, asset_files, build_pages, nav_structure
from generator.project import Project
from generator.render.pages import Content, RenderOptions
from generator.render.references import STYLES

log = get_plugin_logger("litreview")

# Markdown extensions the generated pages are written for.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "admonition")


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


class LitReviewPlugin(BasePlugin[LitReviewConfig]):
    def __init__(self) -> None:
        self._generated_nav: list | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.project = Project.at(root, self.config.content_dir, self.config.templates_dir)
        for folder in (
            self.project.papers_dir,
            self.project.topics_dir,
            self.project.templates_dir,
        ):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        for name in REQUIRED_EXTENSIONS:
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
            site_description=config.site_description or "",
            site_author=config.site_author or "",
        )
        diagnostics = Diagnostics()
        try:
            build = build_pages(self.project, options, diagnostics)
        except LitReviewError as exc:
            raise PluginError(f"litreview: the content has errors:\n{exc.report()}") from exc
        _log_warnings(diagnostics)
        for page in build.pages:
            if files.get_file_from_path(page.path) is not None:
                log.info(
                    "%s is written by hand in docs_dir; the generated page is skipped", page.path
                )
                continue
            files.append(_GeneratedPage.of(config, page.path, page.text))
        for path, data in build.downloads:
            files.append(_LaterFile.of(config, path, data))
        for path, asset in asset_files():
            files.append(File.generated(config, path, content=asset))
        if self.config.nav and (config.nav is None or config.nav is self._generated_nav):
            nav = nav_structure(build.review)
            hand_written = sorted(
                f.src_uri for f in files if f.is_documentation_page() and f.generated_by is None
            )
            listed = {path for entry in nav for path in entry.values() if isinstance(path, str)}
            nav += [{_title_of(uri): uri} for uri in hand_written if uri not in listed]
            config.nav = self._generated_nav = nav
        return files


# Digest of each generated page as the last build of this process wrote it, so that
# `mkdocs serve --dirty` re-renders only the pages whose Markdown changed.
_PREVIOUS: dict[tuple[str, str], str] = {}


class _GeneratedPage(File):
    unchanged = False

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, text: str) -> _GeneratedPage:
        page = cls.generated(config, path, content=text)
        assert isinstance(page, cls)  # File.generated makes an instance of the class it is on
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        key = (str(config.config_file_path), path)
        page.unchanged = _PREVIOUS.get(key) == digest
        _PREVIOUS[key] = digest
        return page

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


class _LaterFile(File):
    """A generated file whose bytes are made when MkDocs copies it to the site."""

    make: Callable[[], bytes]

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, content: Content) -> File:
        if isinstance(content, bytes):
            return File.generated(config, path, content=content)
        later = cls.generated(config, path, content=b"")
        assert isinstance(later, cls)
        later.make = content
        return later

    @property
    def content_bytes(self) -> bytes:
        return self.make()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.make = lambda: value

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.write(self.make())


def _title_of(uri: str) -> str:
    return Path(uri).stem.replace("-", " ").replace("_", " ").capitalize()


def _log_warnings(diagnostics: Diagnostics) -> None:
    """One line per warning, but papers in no topic as one line: a corpus being
    curated has hundreds, and `litreview check` lists them."""
    unplaced = [p for p in diagnostics.warnings if p.message.endswith("is in no topic")]
    for problem in diagnostics.problems:
        if problem.severity is Severity.WARNING and problem not in unplaced:
            log.warning(str(problem))
    if unplaced:
        example = _key_of(unplaced[0])
        log.warning(
            "%d papers are in no topic (e.g. '%s'); `litreview check` lists them",
            len(unplaced),
            example,
        )


def _key_of(problem: Problem) -> str:
    return problem.message.split("'")[1] if "'" in problem.message else ""
