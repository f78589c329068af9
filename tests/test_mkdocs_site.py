"""Real `mkdocs build` (and `mkdocs serve`) runs of the small project, HTML read back."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import mkdocs_build


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _article(site: Path, page: str) -> BeautifulSoup:
    article = _soup(site, page).find("article")
    assert article is not None
    return article


def test_every_page_is_built(small_site: Path) -> None:
    """Home, all-papers index, one page per topic and per paper, at the documented URLs."""
    for page in ("index.html", "papers/index.html", "about/index.html"):
        assert (site := small_site / page).is_file(), site
    topics = sorted(p.parent.name for p in (small_site / "topics").glob("*/index.html"))
    assert topics == [
        "compute-optimal",
        "optimization",
        "scaling-laws",
        "sgd-noise",
    ]  # + a redirect
    papers = sorted(p.parent.name for p in (small_site / "papers").glob("*/index.html"))
    assert papers == ["adversarial-title", "compute-optimal-training", "label-noise-sgd",
                      "scaling-laws-neural-language"]  # fmt: skip


def test_topic_page_lists_papers_with_excerpt_note_and_also_in(small_site: Path) -> None:
    """A topic page: intro with citation links, sections, excerpt, note, 'also in' links."""
    article = _article(small_site, "topics/compute-optimal/index.html")
    assert article.h1 is not None and article.h1.get_text() == "Compute-optimal scaling"
    assert [h.get_text(strip=True) for h in article.find_all("h2")] == [
        "Recipes",
        "See also",
        "References",
    ]
    cards = article.select(".lr-paper")
    assert [c.select_one(".lr-paper-title a")["href"] for c in cards] == [
        "../../papers/compute-optimal-training/",
        "../../papers/scaling-laws-neural-language/",
    ]
    assert (
        "model size and the number of training tokens"
        in cards[0].select_one(".lr-excerpt").get_text()
    )
    also = cards[1].select_one("p.lr-also")
    assert also is not None and also.get_text() == "Also in: Scaling laws"
    assert also.a["href"] == "../scaling-laws/"
    cite = article.select_one(".lr-cite a")
    assert cite["href"] == "../../papers/compute-optimal-training/" and cite.get_text() == "1"
    crumbs = article.select_one(".lr-breadcrumbs")
    assert " ".join(crumbs.get_text().split()) == "Home › Scaling laws › Compute-optimal scaling"
    assert [a["href"] for a in crumbs.find_all("a")] == ["../../", "../scaling-laws/"]


def test_note_and_see_also(small_site: Path) -> None:
    """Notes render as Markdown with citations; see_also links to the other topic."""
    article = _article(small_site, "topics/scaling-laws/index.html")
    excerpt = article.select_one(".lr-excerpt")
    assert excerpt.get_text() == "Loss falls as a power law in size, data and compute."  # override
    note = article.select_one("div.lr-note")
    assert note is not None and note.get_text().strip() == "The original power-law fits [1]."
    assert note.a["href"] == "../../papers/scaling-laws-neural-language/"
    links = [a["href"] for a in article.find_all("a")]
    assert "../optimization/" in links
    assert "../compute-optimal/" in links  # sub-topic list


def test_references_are_formatted_and_linked(small_site: Path) -> None:
    """The reference list is in citation order (unsrt), labelled, and links each title to its page."""
    article = _article(small_site, "topics/scaling-laws/index.html")
    items = article.select("ul.lr-references li")
    assert [li.select_one(".lr-label").get_text() for li in items] == ["[1]", "[2]"]
    first = " ".join(items[0].get_text().split())
    assert first == (
        "[1] Jared Kaplan, Sam McCandlish, and Tom Henighan. Scaling Laws for Neural Language "
        "Models. 2020. arXiv:2001.08361."
    )
    assert items[1].a["href"] == "../../papers/compute-optimal-training/"
    cites = [a.get_text() for a in article.select(".lr-cite a")]
    assert cites == ["1", "2", "1", "1"]


def test_paper_page_lists_related_papers(small_site: Path) -> None:
    """Each paper page lists related papers, kept out of the search index."""
    article = _article(small_site, "papers/compute-optimal-training/index.html")
    related = article.select_one("ul.lr-related")
    assert related is not None
    hrefs = [a["href"] for a in related.find_all("a")]
    assert hrefs and "../scaling-laws-neural-language/" in hrefs
    assert "../compute-optimal-training/" not in hrefs
    index = json.loads((small_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(
        d["text"]
        for d in index["docs"]
        if d["location"].startswith("papers/compute-optimal-training/")
    )
    assert "optimal model size" in text  # the abstract is indexed ...
    assert "Scaling Laws for Neural Language Models" not in text  # ... the related list is not


def test_paper_page_has_abstract_topics_bibtex_sources(small_site: Path) -> None:
    """A paper page: full abstract with LaTeX converted, its topics, BibTeX, sources."""
    article = _article(small_site, "papers/label-noise-sgd/index.html")
    abstract = article.select_one(".lr-abstract")
    assert abstract.em.get_text() == "Phase I"
    assert "10% noise and café accents" in abstract.get_text()
    topics = [a["href"] for a in article.find_all("a") if "topics/" in a["href"]]
    assert topics == ["../../topics/optimization/"]
    assert article.select_one(".lr-bibtex").get_text().startswith("@misc{label-noise-sgd,")
    assert "litreview-sources" not in article.get_text()


def test_page_titles_are_plain_text(small_site: Path) -> None:
    """<title> comes from plain-text front matter, also for titles with markup."""
    assert (
        _soup(small_site, "papers/compute-optimal-training/index.html")
        .title.get_text()
        .startswith("Training Compute-Optimal Large Language Models")
    )


def test_hostile_text_stays_text(small_site: Path) -> None:
    """HTML, Markdown, Jinja and javascript: in titles and abstracts appear as written."""
    for page in ("papers/adversarial-title/index.html", "topics/optimization/index.html"):
        article = _article(small_site, page)
        assert article.find("script") is None and article.find("img") is None
        # The page's BibTeX is JSON in an attribute, holding the title intact and inert.
        data = json.loads(article.select_one(".lr-citations")["data-entries"])
        assert "<script>alert(1)</script>" in data["adversarial-title"]
        assert all(not a["href"].startswith("javascript") for a in article.find_all("a"))
        text = article.get_text()
        assert "<script>alert(1)</script> *Bold* {{ 7*7 }} [x](javascript:alert(1))" in text
    abstract = _article(small_site, "papers/adversarial-title/index.html").select_one(
        ".lr-abstract"
    )
    assert abstract.get_text() == (
        "# Not a heading. We show that <img src=x onerror=alert(1)> and | pipes | and `code` stay text."
    )


def test_math_is_marked_for_mathjax(small_site: Path) -> None:
    """$…$ becomes an arithmatex span; prose dollars stay prose."""
    article = _article(small_site, "papers/compute-optimal-training/index.html")
    [span] = article.select("span.arithmatex")
    assert span.get_text() == r"\(L(N, D) = E + A N^{-\alpha}\)"
    prose = _article(small_site, "papers/scaling-laws-neural-language/index.html").get_text()
    assert "costing about $5 per run and $10 in total" in prose


def test_nav_lists_topics_not_papers(small_site: Path) -> None:
    """The nav holds the topic tree; paper pages stay out of it."""
    nav = _soup(small_site, "papers/index.html").select_one("nav.md-nav--primary")
    labels = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert labels == ["Home", "Scaling laws", "Compute-optimal scaling",
                      "Optimization and SGD noise", "All papers", "Years", "About"]  # fmt: skip
    assert not any("papers/label-noise-sgd" in a.get("href", "") for a in nav.find_all("a"))


def test_build_writes_nothing_into_docs_dir(small_project: Path, tmp_path: Path) -> None:
    """Pages are in-memory files: docs_dir is unchanged by a build."""
    pages = small_project / "content" / "pages"
    before = sorted(p.name for p in pages.rglob("*"))
    assert mkdocs_build(small_project, tmp_path / "site").returncode == 0
    assert sorted(p.name for p in pages.rglob("*")) == before


def test_a_dirty_one_off_build_rebuilds_the_site_as_a_clean_one(
    small_project: Path, tmp_path: Path
) -> None:
    """`mkdocs build --dirty` over an earlier build (no server): no traceback, and the
    generated pages, downloads and their search entries are those of a clean build."""
    clean, dirty = tmp_path / "clean", tmp_path / "dirty"
    assert mkdocs_build(small_project, clean).returncode == 0
    assert mkdocs_build(small_project, dirty).returncode == 0
    (small_project / "content/topics/optimization.yaml").write_text(
        (small_project / "content/topics/optimization.yaml")
        .read_text(encoding="utf-8")
        .replace("Optimization and SGD noise", "Noise in optimisation"),
        encoding="utf-8",
    )
    assert mkdocs_build(small_project, clean).returncode == 0
    result = mkdocs_build(small_project, dirty, "--dirty")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    built = sorted(
        p.relative_to(clean)
        for p in clean.rglob("*")
        if p.is_file() and p.relative_to(clean).parts[0] in ("topics", "papers", "downloads")
    )
    assert len(built) > 10
    for path in built:
        assert (dirty / path).read_bytes() == (clean / path).read_bytes(), path
    index = json.loads((dirty / "search/search_index.json").read_text(encoding="utf-8"))
    expected = json.loads((clean / "search/search_index.json").read_text(encoding="utf-8"))
    # MkDocs skips a hand-written page it finds unmodified, and Material's search then
    # indexes only what was built: the caveat MkDocs warns of for --dirty.
    assert index["docs"] == [d for d in expected["docs"] if not d["location"].startswith("about/")]
    assert any("Noise in optimisation" in doc["title"] for doc in index["docs"])


def test_content_error_fails_build_cleanly(small_project: Path, tmp_path: Path) -> None:
    """A bad topic file aborts `mkdocs build` with file:line and no traceback."""
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: O\npapers:\n  - nope\n", encoding="utf-8"
    )
    result = mkdocs_build(small_project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/topics/optimization.yaml:3:5: error: unknown paper key 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_build_fails_on_unplaced_paper(small_project: Path, tmp_path: Path) -> None:
    """Under --strict a paper in no topic is fatal, with one summarised warning."""
    (small_project / "content/topics/optimization.yaml").write_text(
        "title: O\npapers: [label-noise-sgd]\n", encoding="utf-8"
    )
    result = mkdocs_build(small_project, tmp_path / "site", "--strict")
    assert result.returncode != 0
    assert "1 papers are in no topic (e.g. 'adversarial-title')" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, seconds: float) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = _fetch(url)
            if predicate(text):
                return text
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not change as expected; last text:\n{text[:500]}")


@pytest.mark.parametrize("mode", [[], ["--dirty"]], ids=["full", "dirty"])
def test_serve_regroups_on_topic_edit(small_project: Path, mode: list[str]) -> None:
    """`mkdocs serve` (and --dirty): retitling a topic and moving a paper shows without a restart."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *mode],
        cwd=small_project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for(base + "topics/optimization/", lambda t: "Optimization and SGD noise" in t, 60)
        topic = small_project / "content/topics/optimization.yaml"
        topic.write_text(
            "title: Noise in optimisation\npapers: [label-noise-sgd, adversarial-title, "
            "compute-optimal-training]\n",
            encoding="utf-8",
        )
        page = _wait_for(base + "topics/optimization/", lambda t: "Noise in optimisation" in t, 30)
        assert "papers/compute-optimal-training/" in page
        paper = _fetch(base + "papers/compute-optimal-training/")
        assert "topics/optimization/" in paper
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_topic_downloads_parse_back_to_its_papers(small_site: Path) -> None:
    """A topic's .bib parses back with pybtex to exactly its papers and its sub-topics',
    without internal fields; its RIS and CSL-JSON hold the same papers."""
    import rispy
    from pybtex.database import parse_file

    folder = small_site / "topics" / "scaling-laws"
    links = [
        a["href"]
        for a in _article(small_site, "topics/scaling-laws/index.html").select(".lr-downloads a")
    ]
    assert links == ["scaling-laws.bib", "scaling-laws.ris", "scaling-laws.json"]
    data = parse_file(str(folder / "scaling-laws.bib"), "bibtex")
    # compute-optimal-training comes from the sub-topic compute-optimal.
    assert list(data.entries) == ["compute-optimal-training", "scaling-laws-neural-language"]
    entry = data.entries["scaling-laws-neural-language"]
    assert "litreview-sources" not in entry.fields
    assert entry.fields["eprint"] == "2001.08361"
    assert str(entry.persons["author"][0]) == "Kaplan, Jared"
    records = rispy.loads((folder / "scaling-laws.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == list(data.entries)
    assert records[1]["title"] == "Scaling Laws for Neural Language Models"
    items = json.loads((folder / "scaling-laws.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == list(data.entries)
    item = items[1]
    assert item["id"] == "scaling-laws-neural-language"
    assert item["author"][0] == {"family": "Kaplan", "given": "Jared"}
    assert item["issued"] == {"date-parts": [[2020]]}


def test_corpus_download_holds_every_paper(small_site: Path) -> None:
    """The home page links the whole corpus as .bib, which parses back to every paper."""
    from pybtex.database import parse_file

    home = _article(small_site, "index.html")
    assert "downloads/corpus.bib" in [a["href"] for a in home.find_all("a")]
    data = parse_file(str(small_site / "downloads" / "corpus.bib"), "bibtex")
    assert sorted(data.entries) == ["adversarial-title", "compute-optimal-training",
                                    "label-noise-sgd", "scaling-laws-neural-language"]  # fmt: skip
    assert all(not f.startswith("litreview-") for e in data.entries.values() for f in e.fields)


def test_renamed_topic_keeps_its_old_url(small_site: Path) -> None:
    """A topic's redirect_from slug serves a page that sends readers to the new URL."""
    page = (small_site / "topics" / "sgd-noise" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert (
        soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../optimization/"
    )
    assert soup.find("link", rel="canonical")["href"] == "../optimization/"
