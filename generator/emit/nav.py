"""The MkDocs ``nav`` of a review: home, the topic tree, all papers."""

from __future__ import annotations

from generator.organize.review import Review
from generator.render.paths import HOME, PAPERS_INDEX, topic_path


def nav_structure(review: Review, home: str = HOME, papers: str = PAPERS_INDEX) -> list:
    """The topic tree as nav entries. Paper pages stay out of it: Material renders
    the whole nav into every page, which makes builds quadratic in the nav's size."""
    return [{"Home": home}, *topic_entries(review), {"All papers": papers}]


def topic_entries(review: Review, parent: str | None = None) -> list:
    """Nav entries of the topics below `parent` (the top level by default)."""
    entries: list = []
    for slug in review.children.get(parent, []):
        topic = review.topics[slug]
        path = topic_path(topic)
        if review.children.get(slug):
            entries.append({topic.title: [path, *topic_entries(review, slug)]})
        else:
            entries.append({topic.title: path})
    return entries
