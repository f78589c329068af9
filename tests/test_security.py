"""Hostile titles and prose on a real `mkdocs build`: every place data reaches a page
(element text, attributes, <title>, Material's header, the nav, meta tags, the search
index) shows it as written and holds no live markup."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from tests.hostile import (
    DESCRIPTION,
    PAPER_TITLES,
    SECTION_TITLE,
    TOPIC_TITLE,
    hostile_project,
    live_markup,
)
from tests.support import mkdocs_build

SITE_NAME = "Small review"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project built once with `mkdocs build`."""
    work = tmp_path_factory.mktemp("hostile")
    project = hostile_project(work / "project")
    result = mkdocs_build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _header_topic(soup: BeautifulSoup) -> str:
    topic = soup.select_one('.md-header__topic[data-md-component="header-topic"] .md-ellipsis')
    assert topic is not None
    return topic.get_text(strip=True)


def test_no_page_holds_live_markup_from_data(hostile_site: Path) -> None:
    """No page of the site holds a script, handler or script URL that data put there."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    found = {
        p.relative_to(hostile_site).as_posix(): live_markup(p.read_text("utf-8")) for p in pages
    }
    assert {page: tags for page, tags in found.items() if tags} == {}


@pytest.mark.parametrize("key", sorted(PAPER_TITLES))
def test_paper_title_shows_as_written_in_title_header_and_h1(hostile_site: Path, key: str) -> None:
    """A paper title full of markup is the visible text of <title>, the header and the h1."""
    title = PAPER_TITLES[key]
    soup = _soup(hostile_site, f"papers/{key}/index.html")
    assert soup.title is not None and soup.title.get_text() == f"{title} - {SITE_NAME}"
    assert _header_topic(soup) == title
    assert soup.find("h1").get_text() == title  # type: ignore[union-attr]
    card = _soup(hostile_site, "topics/hostile/index.html").find("div", attrs={"data-title": title})
    assert card is not None  # the card's data-title attribute holds the title as written


def test_topic_title_shows_as_written_in_title_header_nav_and_meta(hostile_site: Path) -> None:
    """A topic title full of markup reads as written in <title>, header, nav and h1, and a
    summary with quotes stays inside <meta name="description">."""
    soup = _soup(hostile_site, "topics/hostile/index.html")
    assert soup.title is not None and soup.title.get_text() == f"{TOPIC_TITLE} - {SITE_NAME}"
    assert _header_topic(soup) == TOPIC_TITLE
    assert soup.find("h1").get_text() == TOPIC_TITLE  # type: ignore[union-attr]
    assert SECTION_TITLE in [h.get_text() for h in soup.select("article h2")]
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == DESCRIPTION
    for page in ("index.html", "papers/benign/index.html", "topics/hostile/index.html"):
        nav = _soup(hostile_site, page).select_one("nav.md-nav--primary")
        labels = [a.get_text(strip=True) for a in nav.select(".md-nav__link")]  # type: ignore[union-attr]
        assert TOPIC_TITLE in labels, page


def test_search_index_holds_titles_as_text(hostile_site: Path) -> None:
    """The search index entries of hostile pages hold no live tag and read as written."""
    docs = json.loads((hostile_site / "search/search_index.json").read_text("utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    for key, title in PAPER_TITLES.items():
        entry = by_location[f"papers/{key}/"]
        assert BeautifulSoup(entry["title"], "html.parser").get_text() == title
    topic = by_location["topics/hostile/"]
    assert BeautifulSoup(topic["title"], "html.parser").get_text() == TOPIC_TITLE
    for doc in docs:
        for field in ("title", "text"):
            assert live_markup(f"<div>{doc[field]}</div>") == [], doc["location"]
            assert not BeautifulSoup(doc[field], "html.parser").find_all(["script", "img", "svg"])


def test_curator_prose_keeps_html_but_nothing_that_runs(hostile_site: Path) -> None:
    """Curator HTML stays (images, links, emphasis) but scripts, handlers, styles and
    script URLs are removed from summaries and notes, on topic and paper pages."""
    topic = _soup(hostile_site, "topics/hostile/index.html").find("article")
    prose = topic.select(".lr-prose")  # type: ignore[union-attr]
    assert len(prose) == 2  # the summary and the note
    summary = prose[0]
    assert summary.find("b").get_text() == "left"  # type: ignore[union-attr]
    image = summary.find("img")
    assert image is not None and image.attrs == {
        "src": "../../assets/images/favicon.png",
        "alt": "icon",
    }
    links = {a.get_text(): a.get("href") for a in summary.find_all("a")}
    assert links["kept"] == "https://example.org/"
    assert [links[t] for t in ("js", "data", "entity", "twice")] == [None] * 4
    assert not summary.find_all(["script", "style", "svg", "iframe", "form"])
    assert not any(
        tag.has_attr(a) for tag in summary.find_all(True) for a in ("style", "id", "markdown")
    )
    note = _soup(hostile_site, "papers/benign/index.html").select_one("article .lr-note img")
    assert note is not None and note.attrs == {"src": "../../assets/images/favicon.png"}


def test_citations_in_code_stay_as_written(hostile_site: Path) -> None:
    """`[@key]` in a code span or fenced code is shown as written (an unknown key there is
    no error); outside code it is a citation link."""
    summary = _soup(hostile_site, "topics/hostile/index.html").select_one("article .lr-prose")
    assert summary is not None
    assert [c.get_text() for c in summary.find_all("code")] == [
        "[@benign]",
        "[@no-such-key]",
        "[@no-such-key] stays literal\n",
    ]
    cite = summary.select_one(".lr-cite a")
    assert cite is not None and cite["href"] == "../../papers/benign/" and cite.get_text() == "1"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_standalone_builders_show_hostile_titles_as_text(tmp_path: Path, builder: str) -> None:
    """The tree and config of `litreview build --out --mkdocs-config` hold the same escaped
    titles: plain MkDocs and Zensical show them as written, with no live markup."""
    project = hostile_project(tmp_path / "project")
    work = tmp_path / "standalone"
    argv = ["-C", str(project), "build", "--out", str(work / "docs"),
            "--mkdocs-config", str(work / "mkdocs.yml"), "--site-name", SITE_NAME]  # fmt: skip
    assert main(argv) == 0
    if builder == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "-d", str(work / "site")]
    else:
        zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
        if zensical is None:
            if os.environ.get("CI") == "true":
                pytest.fail("zensical is not installed, and CI must test the Zensical build")
            pytest.skip("zensical is not installed (pip install -e '.[test]')")
        command = [zensical, "build"]
    result = subprocess.run(
        command, cwd=work, capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    site = work / "site"
    found = {p.name: live_markup(p.read_text("utf-8")) for p in sorted(site.rglob("*.html"))}
    assert {page: tags for page, tags in found.items() if tags} == {}
    soup = _soup(site, "topics/hostile/index.html")
    assert soup.title is not None and soup.title.get_text() == f"{TOPIC_TITLE} - {SITE_NAME}"
    assert _header_topic(soup) == TOPIC_TITLE
    labels = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary .md-nav__link")]
    assert TOPIC_TITLE in labels
    paper = _soup(site, "papers/benign/index.html")
    assert (
        paper.title is not None
        and paper.title.get_text() == f"{PAPER_TITLES['benign']} - {SITE_NAME}"
    )


LOCAL_SOURCES = {
    "/home/alice/Downloads/library.bib:1": "library.bib",
    "C:\\Users\\bob\\My Library\\lib.bib:5": "lib.bib",
    "~/papers/x.ris:2": "x.ris",
    "../../outside/y.json:4": "y.json",
    "file:///Users/carol/z.bib:7": "z.bib",
    "mirror/home/dave/w.bib:9": "w.bib",
    "content/sources/listing.txt:3": "listing.txt",
}


def test_no_page_or_index_shows_a_local_path(small_project: Path, tmp_path: Path) -> None:
    """A store whose sources name home folders and absolute paths (an old import) shows
    each by file name only: no page, search entry or download holds a local path."""
    store = small_project / "content/papers/library.bib"
    text = store.read_text("utf-8")
    sources = "; ".join(LOCAL_SOURCES)
    store.write_text(
        text.replace(
            "litreview-sources = {content/sources/listing.txt:3}",
            "litreview-sources = {" + sources + "}",
        ),
        encoding="utf-8",
    )
    assert "alice" in store.read_text("utf-8")
    result = mkdocs_build(small_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = _soup(tmp_path / "site", "papers/scaling-laws-neural-language/index.html")
    shown = [code.get_text() for code in page.select("article .lr-source code")]
    assert shown == sorted(LOCAL_SOURCES.values())  # names only, behind the Source toggle
    for path in sorted((tmp_path / "site").rglob("*")):
        if path.suffix in (".html", ".json", ".bib", ".ris", ".xml"):
            text = path.read_text("utf-8")
            for secret in ("alice", "bob", "carol", "dave", "/home/", "/Users/", "outside"):
                assert secret not in text, (path, secret)
