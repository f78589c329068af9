"""The whole path from a project's files to pages: load → model → organize → render.

Everything is read and checked before anything is rendered, and rendering happens
in memory; emitting (to a folder, or to MkDocs) is the caller's step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from generator.errors import Diagnostics
from generator.load.topics import read_topics
from generator.organize.review import Review, organize
from generator.progress import Progress, silent
from generator.project import Project
from generator.render.pages import (
    Content,
    Page,
    Renderer,
    RenderOptions,
    browse_pages,
    make_environment,
)
from generator.store.bibfile import read_store

ASSET_DIR = "assets/litreview"
# Stylesheets and scripts pages rely on, in the order a page loads them: the MathJax
# configuration comes first; litreview.js loads MathJax itself (mathjax/tex-chtml.js,
# beside it) on the pages that have math.
STYLESHEETS = (f"{ASSET_DIR}/litreview.css",)
SCRIPTS = (
    f"{ASSET_DIR}/mathjax-config.js",
    f"{ASSET_DIR}/litreview.js",
)
# The part of MathJax 3 that TeX-in, CommonHTML-out needs: the component, its fonts and
# the TeX extensions it loads on demand (about 2 MB), from the django-static-mathjax
# package, so no page needs the network.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


@dataclass
class Build:
    review: Review
    pages: list[Page]
    downloads: list[tuple[str, Content]]
    diagnostics: Diagnostics


def load_review(project: Project, diagnostics: Diagnostics) -> Review:
    """Read the store and the topics and check them together (no rendering)."""
    papers = read_store([(p, project.display(p)) for p in project.store_files()], diagnostics)
    topics = read_topics([(p, project.display(p)) for p in project.topic_files()], diagnostics)
    return organize(papers, topics, diagnostics)


def build_pages(
    project: Project,
    options: RenderOptions,
    diagnostics: Diagnostics,
    strict: bool = False,
    progress: Progress = silent,
) -> Build:
    """Every page of the site, or `LitReviewError` with every problem found."""
    review = load_review(project, diagnostics)
    diagnostics.raise_if_errors(strict)
    renderer = Renderer(review, make_environment(project.templates_dir), options)
    pages = renderer.render_all(progress)
    return Build(review, pages, renderer.downloads() + renderer.redirects(), diagnostics)


def asset_files() -> list[tuple[str, bytes]]:
    """(path below the docs folder, content) of the CSS, scripts and MathJax files."""
    package = resources.files("generator") / "assets"
    files = [
        (f"{ASSET_DIR}/{name}", (package / name).read_bytes())
        for name in ("litreview.css", "litreview.js", "mathjax-config.js")
    ]
    return files + mathjax_files()


@lru_cache(maxsize=1)
def _mathjax_root() -> Path:
    return Path(str(resources.files("mathjax") / "static" / "mathjax"))


def mathjax_files() -> list[tuple[str, bytes]]:
    root = _mathjax_root()
    es5 = root / "es5"
    files = [(f"{ASSET_DIR}/mathjax/LICENSE", (root / "LICENSE").read_bytes())]
    for part in MATHJAX_PARTS:
        path = es5 / part
        members = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for member in members:
            relative = member.relative_to(es5).as_posix()
            files.append((f"{ASSET_DIR}/mathjax/{relative}", member.read_bytes()))
    return files


def nav_structure(review: Review, home: str = "index.md") -> list:
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
    nav += [{title: path} for title, path in browse_pages(review)]
    return nav
