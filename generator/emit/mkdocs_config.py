"""MkDocs configuration the generated pages need, for the plugin and for a standalone
mkdocs.yml (`litreview build --mkdocs-config`), so that any MkDocs-compatible builder
(plain MkDocs with the plugin off, Zensical) can build a tree written to a folder:
the nav of topics, the Markdown extensions the pages use, and the site's own CSS,
scripts and MathJax, all from the tree itself."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.emit.assets import SCRIPTS, STYLESHEETS
from generator.emit.nav import nav_structure, plain_nav
from generator.errors import UsageError
from generator.organize.review import Review

CONFIG_MARK = "# Written by `litreview build`"
# Markdown extensions the generated pages are written for.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition")
THEME_FEATURES = (
    "navigation.instant",
    "navigation.sections",
    "navigation.indexes",
    "navigation.top",
    "search.highlight",
    "content.code.copy",
)


def writable_config(path: Path) -> Path:
    """`path`, checked to be free or a config litreview wrote itself."""
    target = path.resolve()
    if target.exists():
        try:
            with open(target, "rb") as handle:
                ours = handle.read(len(CONFIG_MARK)) == CONFIG_MARK.encode()
        except OSError as exc:
            raise UsageError(f"cannot read '{path}': {exc.strerror or exc}") from exc
        if not ours:
            raise UsageError(f"refusing to overwrite '{path}': litreview did not write it")
    return target


def standalone_config(review: Review, docs_dir: Path, config_path: Path, site_name: str) -> str:
    relative = os.path.relpath(docs_dir.resolve(), config_path.resolve().parent)
    config = {
        "site_name": site_name,
        "docs_dir": Path(relative).as_posix(),
        "theme": {"name": "material", "font": False, "features": list(THEME_FEATURES)},
        "plugins": ["search"],
        "markdown_extensions": [*MARKDOWN_EXTENSIONS, {"toc": {"permalink": True}}],
        "extra_css": list(STYLESHEETS),
        "extra_javascript": list(SCRIPTS),
        "validation": {"nav": {"omitted_files": "ignore"}},
        "nav": plain_nav(nav_structure(review)),
    }
    header = f"{CONFIG_MARK}: builds the generated tree without the plugin.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


def starter_config(site_name: str, site_author: str) -> str:
    """The mkdocs.yml `litreview init` writes: Material, offline (no web fonts), the
    plugin, and validation that does not list every paper page missing from the nav."""
    config = {
        "site_name": site_name,
        "site_author": site_author,
        "docs_dir": "content/pages",
        "theme": {"name": "material", "font": False, "features": list(THEME_FEATURES)},
        "plugins": ["search", "litreview"],
        "markdown_extensions": [*MARKDOWN_EXTENSIONS, {"toc": {"permalink": True}}],
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"},
        },
    }
    header = (
        "# A literature review built by litreview (https://www.mkdocs.org/ + Material).\n"
        "# `mkdocs serve` shows it while you edit; `mkdocs build` writes it to site/.\n"
        "# Set site_url when you publish; a nav of your own places the review with\n"
        "# `- litreview:topics` (see the litreview README).\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
