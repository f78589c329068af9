"""Rendering the review into Markdown pages with Jinja templates.

Templates come from the user's template folder first, then the shipped defaults,
so any one of them can be overridden. The environment escapes on purpose:
autoescape is on, undefined names fail, corpus text goes through the ``tex``
filter (inert in Markdown and HTML alike) and curator prose through ``cite.md``.
Corpus text is only ever a value in a template, never a template itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from generator.latex import plain_text
from generator.model import Paper, Topic
from generator.organize.citations import CITATION
from generator.organize.review import Review
from generator.progress import Progress, silent
from generator.render import exports, overview
from generator.render.excerpt import excerpt
from generator.render.markdown_text import markdown_to_text
from generator.render.prose import Citer
from generator.render.references import ReferenceFormatter
from generator.render.texhtml import escape, tex_to_html, tex_to_html_with_links

HOME = "index.md"
PAPERS_INDEX = "papers/index.md"
CORPUS_DOWNLOAD = "downloads/corpus"
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@dataclass(frozen=True)
class Page:
    """A generated page: its path below the docs folder and its Markdown."""

    path: str
    text: str


@dataclass(frozen=True)
class RenderOptions:
    site_name: str = "Literature review"
    excerpt_mode: str = "contribution"
    citation_style: str = "unsrt"
    directory_urls: bool = True


def paper_path(paper: Paper) -> str:
    return f"papers/{paper.slug}/index.md"


def topic_path(topic: Topic) -> str:
    return f"topics/{topic.slug}/index.md"


def default_templates_dir() -> Path:
    """The shipped templates: inside the installed package, or the repo's folder."""
    packaged = Path(__file__).resolve().parent.parent / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def make_environment(user_dir: Path | None) -> Environment:
    dirs = [default_templates_dir()]
    if user_dir is not None and user_dir.is_dir() and user_dir.resolve() != dirs[0].resolve():
        dirs.insert(0, user_dir)
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tex"] = tex_to_html
    env.filters["tex_links"] = tex_to_html_with_links
    env.filters["plain"] = plain_text
    env.filters["esc"] = lambda s: Markup(escape(str(s)))  # noqa: S704 (escaped: every special char)
    env.filters["names"] = display_names
    env.filters["lead"] = summary_lead
    return env


def front_matter(**fields: Any) -> Markup:
    """YAML front matter written by a YAML writer: no title can break out of it."""
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True, width=1000)
    return Markup(f"---\n{body}---\n")  # noqa: S704 (safe_dump quotes whatever needs it)


class Renderer:
    def __init__(self, review: Review, env: Environment, options: RenderOptions) -> None:
        self.review = review
        self.env = env
        self.options = options
        self.references = ReferenceFormatter(review.papers, options.citation_style)
        self.exports = exports.Exporter()

    def downloads(self) -> list[tuple[str, Content]]:
        """Each topic's papers, and the whole corpus, as BibTeX, RIS and CSL-JSON.

        Each file is made when it is written (at 20,000 papers the downloads come to
        about 240 MB), so no more than one is in memory at a time."""
        sets = [(f"topics/{slug}/{slug}", t.paper_keys()) for slug, t in self.review.topics.items()]
        sets.append((CORPUS_DOWNLOAD, tuple(self.review.papers)))
        files: list[tuple[str, Content]] = []
        for stem, keys in sets:
            papers = [self.review.papers[k] for k in keys if k in self.review.papers]
            for suffix, export in ((".bib", self.exports.bibtex), (".ris", self.exports.ris),
                                   (".json", self.exports.csl_json)):  # fmt: skip
                files.append((stem + suffix, _later(export, papers)))
        return files

    def redirects(self) -> list[tuple[str, Content]]:
        """An HTML page at each old topic URL (`redirect_from`) that sends readers on."""
        files: list[tuple[str, Content]] = []
        for slug, topic in self.review.topics.items():
            target = f"../{slug}/" + ("" if self.options.directory_urls else "index.html")
            for old, _ in topic.redirect_from:
                html = self.env.get_template("redirect.html.j2").render(
                    target=target, title=topic.title
                )
                files.append((f"topics/{old}/index.html", html.encode("utf-8")))
        return files

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
        return self._render("home.md.j2", HOME, tree=tree, charts=_safe(charts))

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
                item["topics"] = [t for t in item["topics"] if t.slug != slug]
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


# A generated file's bytes, or a function that makes them when the file is written.
Content = bytes | Callable[[], bytes]


def _later(export: Callable[[list[Paper]], str], papers: list[Paper]) -> Callable[[], bytes]:
    return lambda: export(papers).encode("utf-8")


def content_bytes(content: Content) -> bytes:
    return content if isinstance(content, bytes) else content()


def _safe(charts: dict[str, str]) -> dict[str, Markup]:
    """Charts are built from escaped text by `overview`; mark them as such for Jinja."""
    return {name: Markup(svg) for name, svg in charts.items()}  # noqa: S704


def display_names(names: tuple[str, ...], limit: int = 8) -> str:
    """BibTeX names ("Last, First") as a reader writes them ("First Last")."""
    shown = []
    for name in names[:limit]:
        try:
            person = Person(name)
            parts = [*person.first_names, *person.middle_names, *person.prelast_names,
                     *person.last_names, *person.lineage_names]  # fmt: skip
            shown.append(" ".join(parts) or name)
        except PybtexError:
            shown.append(name)
    if len(names) > limit:
        shown.append("et al.")
    return ", ".join(shown)


def summary_lead(summary: str, limit: int = 280) -> str:
    """The first sentences of a summary's first paragraph, citations removed."""
    without_citations = CITATION.sub("", summary)
    first = markdown_to_text(without_citations).split("\n\n")[0]
    first = re.sub(r"\s+([.,;:])", r"\1", first)
    return excerpt(first, mode="lead", limit=limit)


def external_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) pairs from the paper's ids, limited to https, DOI and arXiv."""
    links = []
    eprint = paper.fields.get("eprint", "").strip()
    prefix = (paper.fields.get("archiveprefix") or paper.fields.get("eprinttype") or "").lower()
    if eprint and prefix == "arxiv" and _ARXIV_ID.match(eprint):
        links.append((f"arXiv:{eprint}", f"https://arxiv.org/abs/{eprint}"))
    doi = paper.fields.get("doi", "").strip()
    if _DOI.match(doi):
        links.append((f"doi:{doi}", f"https://doi.org/{doi}"))
    url = paper.fields.get("url", "").strip()
    if re.match(r"^https?://[^\s<>\"']+$", url):
        links.append(("Link", url))
    return links
