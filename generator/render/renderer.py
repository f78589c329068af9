"""Rendering the review into Markdown pages: one Jinja template per page kind.

The `Renderer` gives each template the review, the page's own data and helpers that
make relative URLs; citations in curator prose are collected per page and turned
into labels and a reference list once the page is complete (`Citer`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.cache import Cache
from generator.model import Paper, Topic
from generator.organize.review import Review
from generator.progress import Progress, silent
from generator.render import exports, overview, records
from generator.render.authors import AUTHORS_INDEX, Author, AuthorIndex, author_pages, author_path
from generator.render.environment import default_templates_dir, front_matter, summary_lead
from generator.render.excerpt import excerpt
from generator.render.files import downloads, redirects
from generator.render.kept import Fingerprints, Prehashed, TemplateStamps, Unkeyable, corpus_digest
from generator.render.paths import (
    ABOUT,
    CORPUS_DOWNLOAD,
    HOME,
    PAPERS_INDEX,
    UNSORTED,
    Content,
    Page,
    paper_path,
    relative,
    topic_path,
)
from generator.render.prose import Citer
from generator.render.prose_html import ProseConverter
from generator.render.provenance import public_source
from generator.render.public_fields import export_fields as allowed_fields
from generator.render.references import ReferenceFormatter
from generator.render.texhtml import tex_to_html
from generator.render.years import YEARS_PAGE, years_page
from generator.text.latex import plain_text

# Charts of years are drawn when at least this share of the papers have one: fewer,
# and the chart describes the records' gaps more than the field.
DATED_SHARE = 0.5
ALSO_IN_SHOWN = 8  # other topics named on a paper's card in a topic page


@dataclass(frozen=True)
class RenderOptions:
    site_name: str = "Literature review"
    excerpt_mode: str = "contribution"
    citation_style: str = "unsrt"
    directory_urls: bool = True
    home: str = HOME  # where the generated home page goes (a user's own index.md may stay)
    unsorted_page: bool = True  # list the papers in no topic on a page of their own
    site_description: str = ""  # the review's scope, for the home and About pages
    site_author: str = ""  # its curator
    # The fields exports and the BibTeX on pages may carry (`public_fields`).
    export_fields: frozenset[str] = field(default_factory=allowed_fields)


class Renderer:
    def __init__(
        self, review: Review, env: Environment, options: RenderOptions, cache: Cache | None = None
    ) -> None:
        self.review = review
        self.env = env
        self.options = options
        cache = Cache() if cache is None else cache
        self.cache = cache
        self.references = ReferenceFormatter(
            review.papers, options.citation_style, cache, options.export_fields
        )
        self.exports = exports.Exporter(options.export_fields, cache)
        self.prose = ProseConverter(cache)
        self._stamps = TemplateStamps(env, default_templates_dir(), cache)
        self._fingerprint = Fingerprints()

    def files(self) -> list[tuple[str, Content]]:
        """Every file besides the pages: downloads and redirects."""
        return downloads(self.review, self.exports) + redirects(
            self.review, self.env, self.options.directory_urls
        )

    def render_all(self, progress: Progress = silent) -> list[Page]:
        unsorted = self.unsorted()
        pages = [self.home(), self.papers_index(), self.about(), *([unsorted] if unsorted else [])]
        topics = [t for _, t in self.review.walk()]
        pages += [self.topic(t) for t in progress(topics, "topic pages", len(topics))]
        papers = list(self.review.papers.values())
        pages += [self.paper(p) for p in progress(papers, "paper pages", len(papers))]
        pages += author_pages(self) + years_page(self)
        return pages

    @cached_property
    def authors(self) -> AuthorIndex:
        return author_index(self.review)

    @cached_property
    def browse(self) -> list[tuple[str, str]]:
        """(title, path) of the pages that browse the corpus by record, where they exist:
        once per build, as every page's template is given it (working it out reads every
        paper's authors)."""
        return browse_pages(self.review)

    # -- helpers given to templates ---------------------------------------------------

    def _url_from(self, here: str) -> Callable[[object], str]:
        base = posixpath.dirname(here) or "."

        def url(target: object) -> str:
            if isinstance(target, Paper):
                path = paper_path(target)
            elif isinstance(target, Topic):
                path = topic_path(target)
            elif isinstance(target, Author):
                path = author_path(target)
            else:
                path = str(target)
            return relative(path, base)

        return url

    def _href_from(self, here: str) -> Callable[[object], str]:
        """Like `_url_from`, but the URL a browser follows, for links in raw HTML and SVG
        (MkDocs rewrites only Markdown links)."""
        base = posixpath.dirname(here) or "."
        suffix = "/" if self.options.directory_urls else "/index.html"

        def href(target: object) -> str:
            if isinstance(target, Paper):
                folder = f"papers/{target.slug}"
            elif isinstance(target, Topic):
                folder = f"topics/{target.slug}"
            elif isinstance(target, Author):
                folder = f"authors/{target.slug}"
            else:
                raise TypeError(f"no page for {target!r}")
            return relative(folder, base) + suffix

        return href

    def _citer(self, here: str) -> Citer:
        return Citer(
            self.references, self._url_from(here), self._href_from(here), self._reference_list,
            self.prose, self.review.resolve,
        )  # fmt: skip

    def cite_page(self, markdown: str, here: str) -> str:
        """A hand-written page (`here`: its path below the docs folder) with its ``[@key]``
        citations linked and its reference list at the end."""
        citer = self._citer(here)
        text = citer.markdown(markdown)
        if not citer.cited:
            return markdown
        title_html = lambda paper: str(tex_to_html(paper.title))  # noqa: E731
        return citer.finish(text + "\n\n" + str(citer.reference_list()) + "\n", title_html)

    @cached_property
    def _corpus(self) -> str:
        return corpus_digest(self.review.papers.values())

    def render_kept(self, template: str, here: str, **context: Any) -> Page:
        """`render_template` for a page made from its context and the papers alone
        (a topic, a paper, an author): in a lasting cache (`mkdocs serve`) the page is
        kept, keyed by that context, the corpus, the options and the templates (`kept`),
        and not rendered again while they are the same. A shipped template here is not
        given `review`, which the key leaves out, in any build: one that reads it fails
        every build. The user's own template is given it, and is always rendered if it
        names it (`kept.TemplateStamps`)."""
        stamp = self._stamps(template)
        if stamp is None:
            return self.render_template(template, here, **context)

        def make() -> Page:
            return self.render_template(template, here, review=None, **context)

        if not self.cache.lasting:  # one build: nothing would be reused
            return make()
        try:
            key = self._fingerprint(context)
        except Unkeyable:
            return make()
        return self.cache.get(
            "kept-page", Prehashed((template, here, stamp, self._corpus, self.options, key)), make
        )

    def render_template(self, template: str, here: str, **context: Any) -> Page:
        """The page at `here` (a path below the docs folder) from `template`."""
        url = self._url_from(here)
        href = self._href_from(here)
        citer = self._citer(here)
        context.setdefault("review", self.review)
        text = self.env.get_template(template).render(
            url=url, href=href, cite=citer,
            options=self.options, home=self.options.home, papers_index=PAPERS_INDEX,
            about=ABOUT, front_matter=front_matter, corpus=CORPUS_DOWNLOAD, authors=self.authors,
            browse=self.browse, authors_index=AUTHORS_INDEX, browse_phrases=BROWSE_PHRASES,
            **context,
        )  # fmt: skip
        return Page.of(here, citer.finish(text, lambda paper: str(tex_to_html(paper.title))))

    def _reference_list(self, items: list[dict[str, str]]) -> str:
        for item in items:
            item["html"] = Markup(item["html"])  # noqa: S704 (built by ReferenceFormatter)
        return self.env.get_template("references.md.j2").render(items=items)

    def _item(self, key: str, note: str = "", custom_excerpt: str = "") -> dict[str, Any]:
        paper = self.review.papers[key]
        return {
            "paper": paper,
            "note": note,
            "excerpt": custom_excerpt or self._excerpt(paper.abstract),
            "topics": [m.topic for m in self.review.memberships.get(key, [])],
            "more_topics": 0,
        }

    def _excerpt(self, abstract: str) -> str:
        mode = self.options.excerpt_mode
        return self.cache.get("excerpt", (abstract, mode), lambda: excerpt(abstract, mode))

    def line(self, paper: Paper) -> dict[str, Any]:
        """A paper as one line of a list: the paper and the topics it is in."""
        return {
            "paper": paper,
            "topics": [m.topic for m in self.review.memberships.get(paper.key, [])],
        }

    def citations(self, papers: Iterable[Paper]) -> Markup:
        """The BibTeX the page's copy buttons copy, once per page: JSON keyed by paper key
        in an attribute of a hidden element. Not a <script type="application/json">:
        Material's instant navigation re-runs every script of a page it shows, type or not."""
        entries = {p.key: self.exports.citation(p) for p in papers}
        if not entries:
            return Markup("")
        data = json.dumps(entries, ensure_ascii=False, sort_keys=True)
        return Markup('<div class="lr-citations" hidden data-entries="{}"></div>').format(data)

    def dated(self, keys: Iterable[str]) -> list[int]:
        """The years of those papers, when enough of them have one to draw (DATED_SHARE)."""
        papers = [self.review.papers[k] for k in keys if k in self.review.papers]
        years = [int(p.year) for p in papers if p.year]
        return years if papers and len(years) >= DATED_SHARE * len(papers) else []

    # -- pages --------------------------------------------------------------------------

    def home(self) -> Page:
        tree = [
            {"depth": depth, "topic": topic, "count": len(self.review.subtree_keys(topic.slug)),
             "lead": summary_lead(topic.summary)}
            for depth, topic in self.review.walk()
        ]  # fmt: skip
        href = self._href_from(self.options.home)
        suffix = "/" if self.options.directory_urls else "/index.html"
        years = self.dated(self.review.papers)
        charts = {
            "map": overview.map_html(self.review, href, "papers/", suffix),
            "timeline": overview.timeline_html(_counts(years)) if len(set(years)) > 1 else "",
        }
        tops = overview.branches(self.review)
        swatches = {b.topic.slug: Markup(overview.swatch(b)) for b in tops}  # noqa: S704
        return self.render_template(
            "home.md.j2", self.options.home, tree=tree, charts=_safe(charts), swatches=swatches,
            bridges=overview.bridges(self.review), latest=self.latest(),
            dated=len([p for p in self.review.papers.values() if p.year]),
        )  # fmt: skip

    def latest(self) -> str:
        """The date of the newest paper ("March 2026"): how current the review is."""
        newest = max(self.review.papers.values(), key=_date_key, default=None)
        return records.month_year(newest) if newest is not None else ""

    def about(self) -> Page:
        return self.render_template(
            "about.md.j2", ABOUT, latest=self.latest(),
            dated=len([p for p in self.review.papers.values() if p.year]),
        )  # fmt: skip

    def unsorted(self) -> Page | None:
        """The papers in no topic yet, while there are any: a new library is readable
        on the site before it is curated."""
        if not self.options.unsorted_page or not self.review.unplaced:
            return None
        papers = sorted(
            (self.review.papers[k] for k in self.review.unplaced),
            key=lambda p: (plain_text(p.title).casefold(), p.key),
        )
        return self.render_template("unsorted.md.j2", UNSORTED, papers=papers)

    def papers_index(self) -> Page:
        papers = sorted(
            self.review.papers.values(), key=lambda p: (plain_text(p.title).casefold(), p.key)
        )
        return self.render_kept("papers.md.j2", PAPERS_INDEX, papers=papers)

    def topic(self, topic: Topic) -> Page:
        groups: list[dict[str, Any]] = []
        if topic.entries:
            groups.append({"section": None, "items": self._items(topic.slug, topic.entries)})
        for section in topic.sections:
            groups.append({"section": section, "items": self._items(topic.slug, section.entries)})
        children = [self.review.topics[s] for s in self.review.children.get(topic.slug, [])]
        shown = set(topic.paper_keys())
        below = []  # papers of each sub-topic's subtree not listed on this page
        for child in children:
            keys = sorted(self.review.subtree_keys(child.slug) - shown, key=self._title_order)
            shown |= set(keys)
            lines = [self.line(self.review.papers[k]) for k in keys if k in self.review.papers]
            if lines:
                below.append({"topic": child, "lines": lines})
        years = self.dated(topic.paper_keys())
        on_page = [item["paper"] for g in groups for item in g["items"]]
        return self.render_kept(
            "topic.md.j2",
            topic_path(topic),
            topic=topic,
            ancestors=self.review.ancestors(topic),
            children=[(c, len(self.review.subtree_keys(c.slug))) for c in children],
            subtree_count=len(self.review.subtree_keys(topic.slug)),
            groups=groups,
            below=below,
            see_also=[self.review.topics[s] for s, _ in topic.see_also if s in self.review.topics],
            related_topics=self.review.related_topics(topic),
            years_chart=_safe({"t": overview.timeline_html(_counts(years))})["t"]
            if len(set(years)) > 1 else Markup(""),
            citations=self.citations(on_page),
        )  # fmt: skip

    def _title_order(self, key: str) -> str:
        return (
            plain_text(self.review.papers[key].title).casefold()
            if key in self.review.papers
            else key
        )

    def _items(self, slug: str, entries: tuple) -> list[dict[str, Any]]:
        items, seen = [], set()
        for entry in entries:
            if entry.key in self.review.papers and entry.key not in seen:
                seen.add(entry.key)
                item = self._item(entry.key, entry.note, entry.excerpt)
                others = [t for t in item["topics"] if t.slug != slug]
                # A card names a few other topics; the paper's page lists them all.
                # (Listing all would make a topic page grow with the number of topics.)
                item["topics"] = others[:ALSO_IN_SHOWN]
                item["more_topics"] = len(others) - len(item["topics"])
                items.append(item)
        return items

    def paper(self, paper: Paper) -> Page:
        return self.render_kept(
            "paper.md.j2",
            paper_path(paper),
            paper=paper,
            memberships=self.review.memberships.get(paper.key, []),
            related=[(self.review.papers[k], s) for k, s in self.review.related.get(paper.key, [])],
            bibtex=self.exports.citation(paper),
            citations=self.citations([paper]),
            people=[
                (name, self.authors.page_of(name) if name != "et al." else None)
                for name in records.full_authors(paper.authors)
            ],
            sources=source_files(paper),
        )


def author_index(review: Review) -> AuthorIndex:
    """The review's authors, made once for the pages and the nav (and kept by
    `mkdocs serve` while no paper's authors change)."""
    papers = review.papers.values()
    key = tuple((p.key, tuple(p.authors)) for p in papers)
    return review.cache.get("author-index", key, lambda: AuthorIndex(papers))


def browse_pages(review: Review) -> list[tuple[str, str]]:
    """(title, path) of All papers, Authors and Years (each where it has something to
    list) and About: the nav entries after the topics."""
    pages = [("All papers", PAPERS_INDEX)]
    if author_index(review).paged:
        pages.append(("Authors", AUTHORS_INDEX))
    if any(p.year for p in review.papers.values()):
        pages.append(("Years", YEARS_PAGE))
    return [*pages, ("About", ABOUT)]


# How running text names each browsing page ("browse all papers, by author or by year").
BROWSE_PHRASES = {PAPERS_INDEX: "all papers", AUTHORS_INDEX: "by author", YEARS_PAGE: "by year"}


def source_files(paper: Paper) -> list[str]:
    """The names of the files a paper was imported from, without folders or lines:
    where it came from, for readers, not where it sits on the curator's disk (an old
    store's ``C:\\Users\\bob\\lib.bib:5`` shows as ``lib.bib``)."""
    names = set()
    for source in paper.sources:
        public = re.sub(r":\d+(?::\d+)?$", "", public_source(source)).replace("\\", "/")
        names.add(posixpath.basename(public))
    return sorted(name for name in names if name)


def _date_key(paper: Paper) -> tuple[int, int]:
    month = records.month_year(paper).split()
    number = records.MONTHS.index(month[0]) + 1 if len(month) == 2 else 0
    return (int(paper.year or 0), number)


def _counts(years: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for year in years:
        counts[year] = counts.get(year, 0) + 1
    return counts


def _safe(charts: dict[str, str]) -> dict[str, Markup]:
    """Charts are built from escaped text by `overview`; mark them as such for Jinja."""
    return {name: Markup(svg) for name, svg in charts.items()}  # noqa: S704
