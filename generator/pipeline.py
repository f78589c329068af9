"""The whole path from a project's files to pages: load → model → organize → render.

Everything is read and checked before anything is rendered, and rendering happens
in memory; emitting (to a folder, or to MkDocs) is the caller's step.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator.errors import Diagnostics
from generator.load.topics import read_topics
from generator.organize.review import Review, organize
from generator.project import Project
from generator.render.pages import Page, Renderer, RenderOptions, make_environment
from generator.store.bibfile import read_store

ASSETS = ("litreview.css",)
ASSET_DIR = "assets/litreview"


@dataclass
class Build:
    review: Review
    pages: list[Page]
    diagnostics: Diagnostics


def load_review(project: Project, diagnostics: Diagnostics) -> Review:
    """Read the store and the topics and check them together (no rendering)."""
    papers = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    topics = read_topics([(p, project.display(p)) for p in project.topic_files()], diagnostics)
    return organize(papers, topics, diagnostics)


def build_pages(
    project: Project, options: RenderOptions, diagnostics: Diagnostics, strict: bool = False
) -> Build:
    """Every page of the site, or `LitReviewError` with every problem found."""
    review = load_review(project, diagnostics)
    diagnostics.raise_if_errors(strict)
    renderer = Renderer(review, make_environment(project.templates_dir), options)
    return Build(review, renderer.render_all(), diagnostics)


def asset_files() -> list[tuple[str, bytes]]:
    """(path below the docs folder, content) of the CSS and scripts pages rely on."""
    package = resources.files("generator") / "assets"
    return [(f"{ASSET_DIR}/{name}", (package / name).read_bytes()) for name in ASSETS]


def nav_structure(review: Review, home: str = "index.md", papers: str = "papers/index.md") -> list:
    """An MkDocs ``nav`` of the topic tree. Paper pages stay out of it: Material renders
    the whole nav into every page, which makes builds quadratic in the nav's size."""

    def entry(slug: str) -> dict:
        topic = review.topics[slug]
        path = f"topics/{slug}/index.md"
        children = review.children.get(slug, [])
        if not children:
            return {topic.title: path}
        return {topic.title: [path, *(entry(c) for c in children)]}

    nav: list = [{"Home": home}]
    nav += [entry(slug) for slug in review.children.get(None, [])]
    nav.append({"All papers": papers})
    return nav


__all__ = ["Build", "Path", "asset_files", "build_pages", "load_review", "nav_structure"]
