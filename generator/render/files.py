"""The files a site has besides its pages: downloads of the papers, and redirects.

Downloads are each topic's papers (its sub-topics' included, as the counts on the
site are) and the whole corpus, as BibTeX, RIS and CSL-JSON. Each file is made entry
by entry as it is written (at 20,000 papers the downloads come to about 240 MB), so
none is whole in memory. Redirects keep old URLs working: a topic's
``redirect_from`` slugs, and every alias key of a paper.
"""

from __future__ import annotations

from jinja2 import Environment

from generator.organize.review import Review
from generator.render.exports import Exporter
from generator.render.paths import CORPUS_DOWNLOAD, Content
from generator.text.latex import plain_text
from generator.text.slugs import page_slug


def downloads(review: Review, exporter: Exporter) -> list[tuple[str, Content]]:
    sets = [(f"topics/{slug}/{slug}", review.subtree_keys(slug)) for slug in review.topics]
    sets.append((CORPUS_DOWNLOAD, set(review.papers)))
    files: list[tuple[str, Content]] = []
    for stem, keys in sets:
        papers = [review.papers[k] for k in sorted(keys) if k in review.papers]
        for suffix, kind in ((".bib", "bibtex"), (".ris", "ris"), (".json", "csl")):
            files.append((stem + suffix, exporter.download(kind, papers)))
    return files


def redirects(review: Review, env: Environment, directory_urls: bool) -> list[tuple[str, Content]]:
    """An HTML page at each old topic URL and each paper alias that sends readers on."""
    index = "" if directory_urls else "index.html"
    template = env.get_template("redirect.html.j2")
    files: list[tuple[str, Content]] = []
    for slug, topic in review.topics.items():
        for old, _ in topic.redirect_from:
            html = template.render(target=f"../{slug}/{index}", title=topic.title)
            files.append((f"topics/{old}/index.html", html.encode("utf-8")))
    taken = {paper.slug for paper in review.papers.values()}
    for paper in review.papers.values():
        for alias in paper.aliases:
            slug = page_slug(alias)
            if slug in taken:
                continue  # the alias names another paper's page; that page wins
            taken.add(slug)
            html = template.render(target=f"../{paper.slug}/{index}", title=plain_text(paper.title))
            files.append((f"papers/{slug}/index.html", html.encode("utf-8")))
    return files
