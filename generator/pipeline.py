"""The whole path from a project's files to pages: load → model → organize → render.

Everything is read and checked before anything is rendered, and rendering happens
in memory; emitting (to a folder, or to MkDocs) is the caller's step. The caller
passes the `Cache` that results may be reused from (one per `mkdocs serve` process).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from generator.cache import Cache
from generator.errors import Diagnostics
from generator.load.pages import read_pages
from generator.load.topics import read_topics
from generator.organize.review import Review, organize
from generator.progress import Progress, silent
from generator.project import Project
from generator.render.environment import make_environment
from generator.render.paths import HOME, Content, Page
from generator.render.renderer import Renderer, RenderOptions
from generator.store.bibfile import read_store


@dataclass
class Build:
    review: Review
    pages: list[Page]
    files: list[tuple[str, Content]]  # downloads and redirects
    diagnostics: Diagnostics
    renderer: Renderer  # for the citations of hand-written pages


def load_review(project: Project, diagnostics: Diagnostics, cache: Cache | None = None) -> Review:
    """Read the store and the topics and check them together (no rendering)."""
    cache = Cache() if cache is None else cache
    papers = read_store(
        [(p, project.display(p)) for p in project.store_files()], diagnostics, cache
    )
    topics = read_topics(
        [(p, project.display(p)) for p in project.topic_files()], diagnostics, cache
    )
    pages = read_pages(project.pages(), diagnostics)
    home = str(project.settings.option("home", HOME))
    return organize(papers, topics, diagnostics, cache, pages, home)


def _environment(project: Project, cache: Cache) -> Environment:
    """The Jinja environment, kept across `mkdocs serve` rebuilds with its compiled
    templates (Jinja reloads a template whose file changed); made anew when a template
    file is added to or removed from the user's folder, which may shadow a shipped one."""
    folder = project.templates_dir
    names = tuple(sorted(str(p) for p in folder.rglob("*"))) if folder.is_dir() else ()
    return cache.get("jinja-environment", (str(folder), names), lambda: make_environment(folder))


def build_pages(
    project: Project,
    options: RenderOptions,
    diagnostics: Diagnostics,
    strict: bool = False,
    progress: Progress = silent,
    cache: Cache | None = None,
) -> Build:
    """Every page of the site, or `LitReviewError` with every problem found."""
    cache = Cache() if cache is None else cache
    review = load_review(project, diagnostics, cache)
    diagnostics.raise_if_errors(strict)
    renderer = Renderer(review, _environment(project, cache), options, cache)
    pages = renderer.render_all(progress)
    return Build(review, pages, renderer.files(), diagnostics, renderer)
