"""What readers see, read back from real `mkdocs build` runs: records on cards and paper
pages, the Authors and Years pages, the home and About pages, list structure on every
page type, search boosts, and page weight. The records fixture is a made-up review whose
papers have authors, dates, venues and ids; a real export is built too where ../shared is."""

from __future__ import annotations

import json
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.cli import main
from tests.support import FIXTURES, mkdocs_build, shared_path


@pytest.fixture(scope="module")
def records_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The records fixture built once with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("records-build")
    shutil.copytree(FIXTURES / "records", work / "records")
    result = mkdocs_build(work / "records", work / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return work / "site"


def _article(site: Path, page: str) -> Tag:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert isinstance(article, Tag), page
    return article


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _items(tag: Tag) -> list[Tag]:
    return tag.find_all("li", recursive=False)


# Records on cards and paper pages


def test_cards_show_authors_year_venue_and_links(records_site: Path) -> None:
    """A card's byline: authors shortened "A, B … Z", year, venue, arXiv and DOI links."""
    article = _article(records_site, "topics/experts/index.html")
    card = article.select_one('.lr-paper[data-key="sparse-routing-bounds"]')
    byline = card.select_one(".lr-byline")
    assert _text(byline) == (
        "Mira Okafor, Tomas Lindqvist … Petra Vance · 2023 · Journal of Imaginary Learning "
        "Research · arXiv · DOI · Copy BibTeX"
    )
    assert [a["href"] for a in byline.find_all("a")] == [
        "https://arxiv.org/abs/2303.01234", "https://doi.org/10.5555/jilr.2023.0042",
    ]  # fmt: skip
    cut_short = article.select_one('.lr-paper[data-key="expert-scaling"] .lr-byline')
    assert _text(cut_short).startswith("Mira Okafor, Jonas Müller et al. · 2024 · arXiv")
    assert card["data-year"] == "2023"


def test_paper_page_shows_the_whole_record(records_site: Path) -> None:
    """A paper page names every author (linked to their page where they have one), the month
    and year, the venue, and the arXiv and DOI records in full."""
    article = _article(records_site, "papers/sparse-routing-bounds/index.html")
    authors = article.select_one(".lr-authors-full")
    assert (
        _text(authors)
        == "Mira Okafor , Tomas Lindqvist , Samir Haddad , Lucía Ibarra , Petra Vance"
    )
    assert [a["href"] for a in authors.find_all("a")][:2] == [
        "../../authors/mira-okafor/", "../../authors/tomas-lindqvist/",
    ]  # fmt: skip
    assert _text(article.select_one(".lr-byline")) == (
        "March 2023 · Journal of Imaginary Learning Research · arXiv:2303.01234 · "
        "doi:10.5555/jilr.2023.0042"
    )
    bare = _article(records_site, "papers/no-record-paper/index.html")
    assert bare.select_one(".lr-authors-full") is None and bare.select_one(".lr-byline") is None


def test_one_copy_button_and_bibtex_once_per_page(records_site: Path) -> None:
    """The BibTeX for copy buttons is one JSON block per page, keyed by the cards, without
    abstracts; no card repeats it in an attribute; a paper page has one copy button."""
    html = (records_site / "topics/experts/index.html").read_text(encoding="utf-8")
    assert "data-bibtex" not in html
    article = _article(records_site, "topics/experts/index.html")
    [data] = article.select(".lr-citations")
    entries = json.loads(data["data-entries"])
    keys = {b["data-key"] for b in article.select("button.lr-copy")}
    assert keys == set(entries) == {"sparse-routing-bounds", "expert-scaling", "router-collapse"}
    assert entries["router-collapse"].startswith("@inproceedings{router-collapse,")
    assert not any("abstract" in entry for entry in entries.values())
    paper = _article(records_site, "papers/router-collapse/index.html")
    assert len(paper.select("button")) == 1  # ours; Material's code-copy skips .no-copy
    assert "no-copy" in paper.select_one("pre.lr-bibtex")["class"]
    assert (
        paper.select_one("pre.lr-bibtex").get_text()
        == json.loads(paper.select_one(".lr-citations")["data-entries"])["router-collapse"]
    )


def test_source_shows_file_names_behind_a_toggle(small_site: Path) -> None:
    """Where a paper came from is a closed "Source" disclosure naming the file, not its path."""
    article = _article(small_site, "papers/scaling-laws-neural-language/index.html")
    source = article.select_one("details.lr-source")
    assert source is not None and "open" not in source.attrs
    assert _text(source) == "Source Imported from listing.txt ."
    assert "content/sources" not in article.get_text()


# Browsing by author and year


def test_authors_index_and_pages(records_site: Path) -> None:
    """Authors with two or more papers are indexed by surname, each with a page listing their
    papers newest first with co-authors; authors of one paper get no page."""
    index = _article(records_site, "authors/index.html")
    names = [_text(li.a) for li in index.select(".lr-columns li")]
    assert names == ["Chen, Wei", "Haddad, Samir", "Ibarra, Lucía", "Lindqvist, Tomas",
                     "Okafor, Mira", "Vance, Petra"]  # fmt: skip
    assert "6 of the 7 authors" in _text(index)
    assert not (records_site / "authors/jonas-muller").exists()
    page = _article(records_site, "authors/mira-okafor/index.html")
    assert page.h1.get_text(strip=True) == "Mira Okafor"
    assert "3 papers in this review, 2021–2024." in _text(page)
    titles = [_text(li.a) for li in page.select("ul.lr-lines > li")]
    assert titles == ["Scaling Laws for Expert Counts", "Generalisation Bounds for Sparse Routing",
                      "When Routers Collapse: Load Balancing as Regularisation"]  # fmt: skip
    coauthors = [a["href"] for a in page.select(".lr-coauthors a")]
    assert coauthors[0] == "../tomas-lindqvist/"


def test_years_page_lists_each_year_newest_first(records_site: Path) -> None:
    """The Years page: a linked timeline, a heading per year newest first, papers under each,
    and a word on how many papers have no year."""
    page = _article(records_site, "years/index.html")
    headings = [h["id"] for h in page.find_all("h2")]
    assert headings == ["year-2024", "year-2023", "year-2022", "year-2021", "year-2019"]
    assert [a["href"] for a in page.select("nav.lr-timeline a")] == [
        "#year-2019", "#year-2021", "#year-2022", "#year-2023", "#year-2024",
    ]  # fmt: skip
    assert "1 of 7 papers have no year" in _text(page)
    first = page.find("h2").find_next("ul")
    assert [_text(li.a) for li in _items(first)] == [
        "Momentum Without Tears",
        "Scaling Laws for Expert Counts",
    ]


def test_browse_pages_only_where_they_have_something(small_site: Path) -> None:
    """No author of the small review has two papers: no Authors page and no link to one."""
    assert not (small_site / "authors").exists()
    assert (small_site / "years/index.html").is_file()
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert "authors/" not in home and "years/" in home


# Home and About


def test_home_orients_and_lists_topics(records_site: Path) -> None:
    """The home page says what the review covers, who curates it and how current it is, and
    lists the topics as one nested list (no heading per topic, no counts in anchors)."""
    home = _article(records_site, "index.html")
    assert _text(home.select_one(".lr-lede")).startswith("A made-up review")
    assert _text(home.select_one(".lr-facts")) == (
        "Curated by Test Curator · 7 papers in 3 topics · papers up to 2024"
    )
    assert [h.get_text(strip=True) for h in home.find_all(["h1", "h2"])] == [
        "Records review", "Topics", "The corpus at a glance",
    ]  # fmt: skip
    top = home.select_one(".lr-topics > ul")
    assert [_text(li.a) for li in _items(top)] == ["Mixture of experts", "Optimisation"]
    assert [_text(li.a) for li in top.select(":scope > li > ul > li")] == ["Momentum methods"]


def test_about_page_is_written_for_readers(records_site: Path) -> None:
    """About: the scope, the curator and the newest paper's date, with no maintainer paths."""
    about = _text(_article(records_site, "about/index.html"))
    assert "A made-up review whose records are complete" in about
    assert "Curated by Test Curator." in about
    assert "7 papers in 3 topics, the newest from 2024." in about
    assert "content/" not in about and "litreview" not in about


# Lists: one item per entry, on every page type


def test_every_list_has_one_item_per_entry(records_site: Path) -> None:
    """Each list on each page type has exactly as many <li> as it has entries (a list joined
    into one item is the defect this guards against)."""
    expected = {
        "papers/index.html": {"ul.lr-lines": [7]},
        "papers/sparse-routing-bounds/index.html": {"ul.lr-related": [2]},
        "papers/router-collapse/index.html": {".lr-memberships ul": [2]},
        "topics/optimisation/index.html": {"ul.lr-lines": [2], "ul.lr-references": [3]},
        "topics/experts/index.html": {"ul.lr-references": [3]},
        "authors/index.html": {".lr-columns ul": [1, 1, 1, 1, 1, 1]},
        "authors/petra-vance/index.html": {"ul.lr-lines": [3]},
        "years/index.html": {"ul.lr-lines": [2, 1, 1, 1, 1]},
        "index.html": {".lr-topics > ul": [2], "ul.lr-legend": [2]},
    }
    for page, lists in expected.items():
        article = _article(records_site, page)
        for selector, counts in lists.items():
            assert [len(_items(ul)) for ul in article.select(selector)] == counts, (page, selector)
    for page in records_site.rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        for li in article.find_all("li") if article else []:
            assert not re.search(r"\s- \S", li.get_text()), (page, li.get_text()[:80])


def test_headings_go_down_one_level_at_a_time(records_site: Path) -> None:
    """On every page type headings start at h1 and never skip a level."""
    for page in ("index.html", "topics/experts/index.html", "papers/expert-scaling/index.html",
                 "authors/index.html", "authors/mira-okafor/index.html", "years/index.html",
                 "papers/index.html", "about/index.html"):  # fmt: skip
        levels = [
            int(h.name[1]) for h in _article(records_site, page).find_all(re.compile("^h[1-6]$"))
        ]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in pairwise(levels)), (page, levels)


# Topic pages


def test_topic_page_has_a_toolbar_slot_sections_and_sub_topic_papers(records_site: Path) -> None:
    """A topic page keeps a slot for the toolbar above every section, a <section> per group,
    and the papers of its sub-topics not listed on it in hidden groups the toolbar can show."""
    article = _article(records_site, "topics/optimisation/index.html")
    toolbar = article.select_one(".lr-toolbar")
    sections = article.select("section.lr-group")
    assert toolbar.find_all_next("section", class_="lr-group") == sections
    assert toolbar["data-below"] == "1"
    [below] = article.select("section.lr-below")
    assert "hidden" in below.attrs
    keys = [li["data-key"] for li in below.select("li.lr-paper")]
    assert keys == ["untitled-optimiser-note", "router-collapse"]  # by title
    assert _text(below.h2) == "In Momentum methods"


# Search, scripts and weight


def test_search_index_boosts_topics_and_holds_authors(records_site: Path) -> None:
    """Topic pages carry a search boost; a paper page's text holds its authors' names; card
    bylines and sub-topic papers stay out of the topic page's entry."""
    index = json.loads((records_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    topic = [d for d in docs if d["location"].startswith("topics/experts/")]
    assert topic and all(d.get("boost") == 4 for d in topic)
    assert all("boost" not in d for d in docs if d["location"].startswith("papers/"))
    paper = next(d for d in docs if d["location"] == "papers/sparse-routing-bounds/")
    assert "Okafor" in paper["text"] and "Vance" in paper["text"]
    topic_text = " ".join(d["text"] for d in topic)
    assert "Okafor" not in topic_text
    optimisation = " ".join(
        d["text"] for d in docs if d["location"].startswith("topics/optimisation/")
    )
    assert "Momentum Without Tears" not in optimisation


def test_pages_load_mathjax_only_through_the_loader(records_site: Path) -> None:
    """No page has MathJax itself in its scripts (litreview.js loads it where math is), and no
    SVG on any page holds a link."""
    for page in records_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        sources = [s.get("src", "") for s in soup.find_all("script")]
        assert not any("tex-chtml" in s for s in sources), page
        if page.name == "index.html" and soup.find("article"):
            assert any(s.endswith("litreview/litreview.js") for s in sources), page
        assert not soup.select("svg [href], svg a"), page


# A real export


def test_a_real_export_builds_with_records_authors_and_years(tmp_path: Path) -> None:
    """A real Zotero export, imported and built: cards show venues, every paper is one item of
    All papers, and the Authors and Years pages list what the records hold."""
    export = shared_path("corpora", "bibtex-real", "controlnet-annotated-bibliography.zotero.bib")
    project = tmp_path / "review"
    shutil.copytree(FIXTURES / "records", project, ignore=shutil.ignore_patterns("*.bib", "*.yaml"))
    store = project / "content/papers/zotero.bib"
    assert main(["-q", "-C", str(project), "import", str(export), "--into", str(store)]) == 0
    from pybtex.database import parse_file

    keys = list(parse_file(str(store)).entries)
    half = len(keys) // 2
    (project / "content/topics/first.yaml").write_text(
        "title: First half\npapers:\n" + "".join(f"  - {k}\n" for k in keys[:half]),
        encoding="utf-8",
    )
    (project / "content/topics/second.yaml").write_text(
        "title: Second half\nparent: first\npapers:\n" + "".join(f"  - {k}\n" for k in keys[half:]),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    papers = _article(site, "papers/index.html").select_one("ul.lr-lines")
    assert len(_items(papers)) == len(keys)
    data = parse_file(str(store)).entries
    published = [k for k in keys[:half] if any(
        f in data[k].fields and "arxiv" not in data[k].fields[f].lower()
        for f in ("journal", "booktitle", "journaltitle"))]  # fmt: skip
    venues = _article(site, "topics/first/index.html").select(".lr-byline .lr-venue")
    assert len(venues) == len(published) > 0.5 * half
    authors = _article(site, "authors/index.html").select(".lr-columns li")
    assert len(authors) >= 50
    assert "Vaswani, Ashish" in [_text(li.a) for li in authors]
    years = [h["id"] for h in _article(site, "years/index.html").find_all("h2")]
    assert len(years) >= 10 and years == sorted(years, reverse=True)
