"""The MkDocs ``nav`` of a review, alone or merged into a site's own nav.

Without a ``nav`` in mkdocs.yml the review's nav is the whole nav: home, the topic
tree, unsorted papers, all papers, then the hand-written pages. A site with its own
``nav`` says where the review goes with placeholder entries, each replaced here:

* ``litreview:topics`` — the topic tree (a bare entry is spliced in; ``Title:
  litreview:topics`` makes it a section);
* ``litreview:home``, ``litreview:papers``, ``litreview:unsorted``, ``litreview:authors``,
  ``litreview:years``, ``litreview:about`` — the generated home page, the list of all
  papers, the papers in no topic, the authors, the years, the About page (each dropped
  while it has nothing to list);
* ``litreview:all`` — all of the above, in that order.

Paper pages stay out of the nav: Material renders the whole nav into every page,
which would make builds quadratic in the number of papers.

Nav titles are HTML: MkDocs hands them to the theme as they are and Material prints
them unescaped (nav, tabs, breadcrumbs, footer), so each title of ours is escaped
here. They are `Markup`, so a template that escapes them again (``|e``) leaves them as
they are. Titles a site's own nav gives are its author's, and left as written.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.organize.review import Review
from generator.render.authors import AUTHORS_INDEX
from generator.render.paths import ABOUT, HOME, PAPERS_INDEX, UNSORTED, topic_path
from generator.render.renderer import browse_pages
from generator.render.years import YEARS_PAGE

PREFIX = "litreview:"
PLACEHOLDERS = ("topics", "home", "papers", "unsorted", "authors", "years", "about", "all")


def nav_structure(review: Review, home: str = HOME, unsorted: bool = False) -> list:
    """The review's own nav: home, topics, unsorted papers (if any), then the pages that
    browse the corpus (all papers; authors and years where records have them; about)."""
    nav: list = [{nav_title("Home"): home}, *topic_entries(review)]
    if unsorted and review.unplaced:
        nav.append({nav_title("Unsorted papers"): UNSORTED})
    nav += [{nav_title(title): path} for title, path in browse_pages(review)]
    return nav


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


def merge_nav(
    user_nav: list, review: Review, home: str = HOME, unsorted: bool = False
) -> tuple[list, set[str]]:
    """The user's nav with every placeholder replaced; also the placeholders found."""
    has_unsorted = unsorted and bool(review.unplaced)
    browse = dict((path, path) for _, path in browse_pages(review))
    parts: dict[str, list] = {
        "topics": topic_entries(review),
        "home": [home],
        "papers": [PAPERS_INDEX],
        "unsorted": [UNSORTED] if has_unsorted else [],
        "authors": [AUTHORS_INDEX] if AUTHORS_INDEX in browse else [],
        "years": [YEARS_PAGE] if YEARS_PAGE in browse else [],
        "about": [ABOUT],
        "all": nav_structure(review, home, unsorted),
    }
    found: set[str] = set()

    def placeholder(value: Any) -> str | None:
        if isinstance(value, str) and value.startswith(PREFIX):
            name = value[len(PREFIX) :].strip()
            if name in parts:
                found.add(name)
                return name
        return None

    def merge(items: list) -> list:
        result: list = []
        for item in items:
            name = placeholder(item)
            if name is not None:
                result.extend(parts[name])
            elif isinstance(item, dict) and len(item) == 1:
                [(title, value)] = item.items()
                name = placeholder(value)
                if name is None:
                    result.append({title: merge(value) if isinstance(value, list) else value})
                elif name in ("topics", "all"):
                    result.append({title: parts[name]})
                elif parts[name]:
                    result.append({title: parts[name][0]})
            else:
                result.append(item)
        return result

    return merge(user_nav), found


def site_nav(
    user_nav: list | None,
    review: Review,
    diagnostics: Diagnostics,
    *,
    enabled: bool = True,
    home: str = HOME,
    unsorted: bool = False,
    config_name: str = "mkdocs.yml",
) -> list | None:
    """The nav a site gets: the user's with placeholders replaced, the review's own when
    there is none (and `enabled`), or None to leave MkDocs' default. A user nav with no
    placeholder is a warning, the same for `litreview check` and `mkdocs build`."""
    if user_nav is not None:
        nav, found = merge_nav(user_nav, review, home, unsorted)
        if not found and enabled:
            diagnostics.warning(
                Code.NAV_NOT_MERGED,
                f"{config_name} has a nav of its own with no place for the review: add an "
                "entry '- litreview:topics' (the topic tree) or '- Review: litreview:all'",
                Location(config_name),
            )
        return nav
    if enabled:
        return nav_structure(review, home, unsorted=unsorted)
    return None


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
