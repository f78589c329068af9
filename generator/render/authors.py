"""Browsing by author: who wrote what across the review.

An author is identified by the slug of their name as a reader writes it, so
"Kaplan, Jared" and "Jared Kaplan" are one person, while "Kaplan, J." stays apart
(initials alone cannot tell two people apart). Authors with at least two papers get a
page listing them across topics; an author of one paper is found from that paper's
page and by search, which keeps the number of pages in step with what they add.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from slugify import slugify

from generator.model import Paper
from generator.render.records import is_others, person_name, sort_name
from generator.text.latex import plain_text

if TYPE_CHECKING:
    from generator.render.paths import Page
    from generator.render.renderer import Renderer

AUTHORS_INDEX = "authors/index.md"
MIN_PAPERS = 2  # fewer, and the author's page would only repeat the paper's own


@dataclass(frozen=True)
class Author:
    slug: str
    name: str  # as a reader writes it ("Jared Kaplan"), LaTeX source
    index_name: str  # as an index lists it ("Kaplan, Jared")
    keys: tuple[str, ...]  # their papers, newest first

    @property
    def initial(self) -> str:
        letter = slugify(plain_text(self.index_name))[:1].upper()
        return letter if letter.isalpha() else "#"


def author_path(author: Author) -> str:
    return f"authors/{author.slug}/index.md"


# A pure function of the name, remembered: a build asks for each author's slug on every
# card, line and page naming them, and slugify is slow.
@lru_cache(maxsize=1 << 16)
def author_slug(name: str) -> str:
    return slugify(plain_text(person_name(name)), max_length=80, word_boundary=True)


class AuthorIndex:
    """Every author of the corpus, and those with a page of their own."""

    def __init__(self, papers: Iterable[Paper]) -> None:
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        keys: dict[str, list[Paper]] = defaultdict(list)
        for paper in papers:
            seen = set()
            for name in paper.authors:
                slug = author_slug(name)
                if is_others(name) or not slug or slug in seen:
                    continue
                seen.add(slug)
                spellings[slug][name] += 1
                keys[slug].append(paper)
        self.count = len(spellings)
        self.paged: dict[str, Author] = {}
        for slug in sorted(spellings):
            if len(keys[slug]) < MIN_PAPERS:
                continue
            # The most used spelling, then the longest (most complete), then any fixed one.
            name = max(spellings[slug].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
            ordered = sorted(keys[slug], key=lambda p: (-int(p.year or 0), plain_text(p.title)))
            self.paged[slug] = Author(
                slug, person_name(name), sort_name(name), tuple(p.key for p in ordered)
            )

    def page_of(self, name: str) -> Author | None:
        """The author's page, if they have one."""
        return None if is_others(name) else self.paged.get(author_slug(name))

    def by_name(self) -> list[Author]:
        return sorted(self.paged.values(), key=lambda a: (slugify(a.index_name), a.slug))

    def most_papers(self, limit: int = 12) -> list[Author]:
        ranked = sorted(self.paged.values(), key=lambda a: (-len(a.keys), slugify(a.index_name)))
        return ranked[:limit]


def author_pages(renderer: Renderer) -> list[Page]:
    """The authors index and a page per author with a page; none when no author has one."""
    index = renderer.authors
    if not index.paged:
        return []
    review = renderer.review
    letters: dict[str, list[Author]] = defaultdict(list)
    for author in index.by_name():
        letters[author.initial].append(author)
    pages = [
        renderer.render_template(
            "authors.md.j2", AUTHORS_INDEX, index=index, letters=sorted(letters.items())
        )
    ]
    for author in index.paged.values():
        papers = [review.papers[k] for k in author.keys]
        coauthors = Counter(
            other.slug
            for paper in papers
            for name in paper.authors
            if (other := index.page_of(name)) is not None and other.slug != author.slug
        )
        pages.append(
            renderer.render_kept(
                "author.md.j2",
                author_path(author),
                author=author,
                papers=[renderer.line(p) for p in papers],
                coauthors=[
                    (index.paged[s], n)
                    for s, n in sorted(coauthors.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
                ],
            )
        )
    return pages
