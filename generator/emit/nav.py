"""The MkDocs ``nav`` of a review: home, the topic tree, all papers.

Nav titles are HTML: MkDocs hands them to the theme as they are and Material prints
them unescaped (nav, tabs, breadcrumbs, footer), so each is escaped here. They are
`Markup`, so a template that escapes them again (``|e``) leaves them as they are.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.organize.review import Review
from generator.render.paths import HOME, PAPERS_INDEX, topic_path


def nav_structure(review: Review, home: str = HOME, papers: str = PAPERS_INDEX) -> list:
    """The topic tree as nav entries. Paper pages stay out of it: Material renders
    the whole nav into every page, which makes builds quadratic in the nav's size."""
    return [{nav_title("Home"): home}, *topic_entries(review), {nav_title("All papers"): papers}]


def topic_entries(review: Review, parent: str | None = None) -> list:
    """Nav entries of the topics below `parent` (the top level by default)."""
    entries: list = []
    for slug in review.children.get(parent, []):
        topic = review.topics[slug]
        path = topic_path(topic)
        if review.children.get(slug):
            entries.append({nav_title(topic.title): [path, *topic_entries(review, slug)]})
        else:
            entries.append({nav_title(topic.title): path})
    return entries


def nav_title(text: str) -> Markup:
    """A title as the theme must get it: escaped HTML."""
    return escape(text)


def plain_nav(nav: list) -> list:
    """The nav with plain `str` titles (still escaped), for a YAML writer."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append(
                {str(k): plain_nav(v) if isinstance(v, list) else v for k, v in entry.items()}
            )
        else:
            out.append(entry)
    return out
