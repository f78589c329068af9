"""A standalone mkdocs.yml for a tree written by `litreview build --out`, so that any
MkDocs-compatible builder (plain MkDocs with the plugin off, Zensical) can build it:
the nav of topics, the Markdown extensions the pages use, and the site's own CSS,
scripts and MathJax, all from the tree itself."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.organize.review import Review
from generator.pipeline import SCRIPTS, STYLESHEETS, nav_structure

CONFIG_MARK = "# Written by `litreview build`"


def standalone_config(review: Review, docs_dir: Path, config_path: Path, site_name: str) -> str:
    relative = os.path.relpath(docs_dir.resolve(), config_path.resolve().parent)
    config = {
        "site_name": site_name,
        "docs_dir": Path(relative).as_posix(),
        "theme": {
            "name": "material",
            "font": False,
            "features": [
                "navigation.instant",
                "navigation.sections",
                "navigation.indexes",
                "navigation.top",
                "search.highlight",
                "content.code.copy",
            ],
        },
        "plugins": ["search"],
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            "admonition",
            {"toc": {"permalink": True}},
        ],
        "extra_css": list(STYLESHEETS),
        "extra_javascript": list(SCRIPTS),
        "validation": {"nav": {"omitted_files": "ignore"}},
        "nav": nav_structure(review),
    }
    header = f"{CONFIG_MARK}: builds the generated tree without the plugin.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
