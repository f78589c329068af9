"""Rendering the review into Markdown pages: one Jinja template per page kind.

The `Renderer` gives each template the review, the page's own data and helpers that
make relative URLs; citations in curator prose are collected per page and turned
into labels and a reference list once the page is complete (`Citer`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.cache import Cache
from generator.model import Paper, Topic
from generator.organize.review import Review
from generator.progress import Progress, silent
from generator.render import exports, overview
from generator.render.environment import front_matter, summary_lead
from generator.render.excerpt import excerpt
from generator.render.files import downloads, redirects
from generator.render.paths import (
    CORPUS_DOWNLOAD,
    HOME,
    PAPERS_INDEX,
    Content,
    Page,
    paper_path,
    topic_path,
)
from generator.render.prose import Citer
from generator.render.references import ReferenceFormatter
from generator.render.texhtml import tex_to_html
from generator.text.identifiers import arxiv_of, clean_doi, is_doi
from generator.text.latex import plain_text

ALSO_IN_SHOWN = 8  # other topics named on a paper's card in a topic page


@dataclass(frozen=True)
class RenderOptions:
    site_name: str = "Literature review"
    excerpt_mode: str = "contribution"
    citation_style: str = "unsrt"
    directory_urls: bool = True


class Renderer:
    def __init__(
        self, review: Review, env: Environment, options: RenderOptions, cache: Cache | None = None
    ) -> None:
        self.review = review
        self.env = env
        self.options = options
        self.references = ReferenceFormatter(
            review.papers, options.citation_style, cache or Cache()
        )
        self.exports = exports.Exporter()

    def files(self) -> list[tuple[str, Content]]:
        """Every file besides the pages: downloads and redirects."""
        return downloads(self.review, self.exports) + redirects(
            self.review, self.env, self.options.directory_urls
        )

    def render_all(self, progress: Progress = silent) -> list[Page]:
        pages = [self.home(), self.papers_index()]
        topics = [t for _, t in self.review.walk()]
        pages += [self.topic(t) for t in progress(topics, "topic pages", len(topics))]
        papers = list(self.review.papers.values())
        pages += [self.paper(p) for p in progress(papers, "paper pages", len(papers))]
        return pages

    # -- helpers given to templates ---------------------------------------------------

    def _url_from(self, here: str) -> Callable[[object], str]:
        base = posixpath.dirname(here) or "."

        def url(target: object) -> str:
            if isinstance(target, Paper):
                path = paper_path(target)
            elif isinstance(target, Topic):
                path = topic_path(target)
            else:
                path = str(target)
            return posixpath.relpath(path, base)

        return url

    def _href_from(self, here: str) -> Callable[[object], str]:
        """Like `_url_from`, but the URL a browser follows, for links in raw HTML and SVG
        (MkDocs rewrites only Markdown links)."""
        base = posixpath.dirname(here) or "."

        def href(target: object) -> str:
            if isinstance(target, Paper):
                folder = f"papers/{target.slug}"
            elif isinstance(target, Topic):
                folder = f"topics/{target.slug}"
            else:
                raise TypeError(f"no page for {target!r}")
            relative = posixpath.relpath(folder, base)
            return relative + ("/" if self.options.directory_urls else "/index.html")

        return href

    def _render(self, template: str, here: str, **context: Any) -> Page:
        url = self._url_from(here)
        citer = Citer(self.references, url, self._reference_list)
        text = self.env.get_template(template).render(
            url=url, cite=citer, review=self.review, options=self.options, home=HOME,
            papers_index=PAPERS_INDEX, front_matter=front_matter, corpus=CORPUS_DOWNLOAD,
            **context,
        )  # fmt: skip
        return Page(here, citer.finish(text, lambda paper: str(tex_to_html(paper.title))))

    def _reference_list(self, items: list[dict[str, str]]) -> str:
        for item in items:
            item["html"] = Markup(item["html"])  # noqa: S704 (built by ReferenceFormatter)
        return self.env.get_template("references.md.j2").render(items=items)

    def _item(self, key: str, note: str = "", custom_excerpt: str = "") -> dict[str, Any]:
        paper = self.review.papers[key]
        return {
            "paper": paper,
            "note": note,
            "excerpt": custom_excerpt or excerpt(paper.abstract, self.options.excerpt_mode),
            "topics": [m.topic for m in self.review.memberships.get(key, [])],
            "more_topics": 0,
            "bibtex": self.exports.bibtex([paper]),
        }

    # -- pages --------------------------------------------------------------------------

    def home(self) -> Page:
        tree = [
            {"depth": depth, "topic": topic, "count": len(self.review.subtree_keys(topic.slug)),
             "lead": summary_lead(topic.summary)}
            for depth, topic in self.review.walk()
        ]  # fmt: skip
        href = self._href_from(HOME)
        charts = {
            "map": overview.map_svg(self.review, href),
            "legend": overview.legend_html(self.review, href),
            "sizes": overview.sizes_svg(self.review, href),
            "overlap": overview.overlap_svg(self.review, href),
        }
        branches = len(self.review.children.get(None, []))
        overlap_note = (
            f" (the {overview.OVERLAP_BRANCHES} largest of {branches})"
            if branches > overview.OVERLAP_BRANCHES
            else ""
        )
        return self._render(
            "home.md.j2", HOME, tree=tree, charts=_safe(charts), overlap_note=overlap_note
        )

    def papers_index(self) -> Page:
        papers = sorted(
            self.review.papers.values(), key=lambda p: (plain_text(p.title).casefold(), p.key)
        )
        return self._render("papers.md.j2", PAPERS_INDEX, papers=papers)

    def topic(self, topic: Topic) -> Page:
        groups: list[dict[str, Any]] = []
        if topic.entries:
            groups.append({"section": None, "items": self._items(topic.slug, topic.entries)})
        for section in topic.sections:
            groups.append({"section": section, "items": self._items(topic.slug, section.entries)})
        children = [self.review.topics[s] for s in self.review.children.get(topic.slug, [])]
        years = [int(self.review.papers[k].year) for k in topic.paper_keys()
                 if k in self.review.papers and self.review.papers[k].year]  # fmt: skip
        return self._render(
            "topic.md.j2",
            topic_path(topic),
            topic=topic,
            ancestors=self.review.ancestors(topic),
            children=[(c, len(self.review.subtree_keys(c.slug))) for c in children],
            subtree_count=len(self.review.subtree_keys(topic.slug)),
            groups=groups,
            see_also=[self.review.topics[s] for s, _ in topic.see_also if s in self.review.topics],
            related_topics=self.review.related_topics(topic),
            years_chart=_safe({"svg": overview.years_svg(years)})["svg"],
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
        bibtex = self.exports.bibtex([paper])
        return self._render(
            "paper.md.j2",
            paper_path(paper),
            paper=paper,
            memberships=self.review.memberships.get(paper.key, []),
            related=[(self.review.papers[k], s) for k, s in self.review.related.get(paper.key, [])],
            links=external_links(paper),
            bibtex=bibtex,
        )


def _safe(charts: dict[str, str]) -> dict[str, Markup]:
    """Charts are built from escaped text by `overview`; mark them as such for Jinja."""
    return {name: Markup(svg) for name, svg in charts.items()}  # noqa: S704


def external_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) pairs from the paper's ids, limited to https, DOI and arXiv."""
    links = []
    arxiv = arxiv_of(paper.fields)
    if arxiv:
        links.append((f"arXiv:{arxiv}", f"https://arxiv.org/abs/{arxiv}"))
    doi = clean_doi(paper.fields.get("doi", ""))
    if is_doi(doi):
        links.append((f"doi:{doi}", f"https://doi.org/{doi}"))
    url = paper.fields.get("url", "").strip()
    if re.match(r"^https?://[^\s<>\"']+$", url):
        links.append(("Link", url))
    return links
