"""What a reader sees of a record (authors, dates, venues, links), authors as people,
the overview's pieces, and the map's colours, tested on the functions that make them."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from generator.errors import Location
from generator.model import Paper
from generator.render import overview, records
from generator.render.authors import AuthorIndex
from tests.support import REPO


def _paper(key: str = "k", authors: tuple[str, ...] = (), **fields: str) -> Paper:
    return Paper(key, key, Location("x.bib", 1), "misc", dict(fields), {"author": authors})


def test_authors_are_shortened_first_two_and_last() -> None:
    """Up to three authors are all shown; past three, the first two, an ellipsis and the last."""
    three = ("Okafor, Mira", "Lindqvist, Tomas", "Vance, Petra")
    assert records.short_authors(three) == "Mira Okafor, Tomas Lindqvist, Petra Vance"
    five = (*three, "Haddad, Samir", "Chen, Wei")
    assert records.short_authors(five) == "Mira Okafor, Tomas Lindqvist … Wei Chen"
    assert records.short_authors(("Okafor, Mira", "others")) == "Mira Okafor et al."
    assert records.full_authors(("von Neumann, John", "others")) == ["John von Neumann", "et al."]
    assert records.short_authors(()) == ""


def test_venue_prefers_the_journal_and_skips_bare_preprints() -> None:
    """The venue is the journal or proceedings; an "arXiv preprint" venue repeats the arXiv link."""
    assert records.venue(_paper(journaltitle="Trans. X", journal="J")) == "Trans. X"
    assert records.venue(_paper(booktitle="Proc. Y")) == "Proc. Y"
    assert records.venue(_paper(journal="arXiv preprint arXiv:2001.08361")) == ""
    assert records.venue(_paper(howpublished="\\url{https://x.org}")) == ""


def test_month_and_year_from_bibtex_or_biblatex_dates() -> None:
    """A month as a macro, a number or a BibLaTeX date gives "March 2023"; no month, the year."""
    assert records.month_year(_paper(year="2023", month="mar")) == "March 2023"
    assert records.month_year(_paper(year="2023", month="3")) == "March 2023"
    assert records.month_year(_paper(date="2019-11-04")) == "November 2019"
    assert records.month_year(_paper(year="2020")) == "2020"
    assert records.month_year(_paper()) == ""


def test_links_come_from_ids_and_skip_repeats() -> None:
    """arXiv and DOI links from the ids; a URL that only repeats one of them is not shown twice."""
    paper = _paper(eprint="2303.01234", archiveprefix="arXiv", doi="10.5555/x.1",
                   url="https://arxiv.org/abs/2303.01234")  # fmt: skip
    assert [(link.short, link.url) for link in records.external_links(paper)] == [
        ("arXiv", "https://arxiv.org/abs/2303.01234"), ("DOI", "https://doi.org/10.5555/x.1"),
    ]  # fmt: skip
    from_url = _paper(url="https://arxiv.org/pdf/2302.05543v2.pdf")
    assert [(link.label, link.url) for link in records.external_links(from_url)] == [
        ("arXiv:2302.05543v2", "https://arxiv.org/abs/2302.05543v2"),
    ]  # fmt: skip
    hostile = _paper(url="javascript:alert(1)", doi="not a doi")
    assert records.external_links(hostile) == []


def test_byline_joins_what_the_record_has() -> None:
    """A card's byline: short authors, year, venue and short links, with no empty separators."""
    paper = _paper(authors=("Okafor, Mira",), year="2021", booktitle="Proc. <b>Z</b>",
                   doi="10.5555/x.1")  # fmt: skip
    html = BeautifulSoup(str(records.byline(paper)), "html.parser")
    assert html.get_text() == "Mira Okafor · 2021 · Proc. <b>Z</b> · DOI"
    assert html.a["href"] == "https://doi.org/10.5555/x.1"
    assert str(records.byline(_paper())) == ""
    assert (
        BeautifulSoup(str(records.byline(_paper(year="2020"))), "html.parser").get_text() == "2020"
    )


def test_an_author_is_one_person_however_the_name_is_written() -> None:
    """ "Last, First" and "First Last" are one author; an author of two papers gets a page."""
    papers = [
        _paper("a", ("Kaplan, Jared", "Chen, Wei"), year="2020"),
        _paper("b", ("Jared Kaplan", "others"), year="2022"),
        _paper("c", ("Kaplan, J.",), year="2021"),
    ]
    index = AuthorIndex(papers)
    assert index.count == 3  # Jared Kaplan, Wei Chen, J. Kaplan ("others" is nobody)
    [author] = index.paged.values()
    assert (author.slug, author.name, author.index_name) == (
        "jared-kaplan",
        "Jared Kaplan",
        "Kaplan, Jared",
    )
    assert author.keys == ("b", "a")  # newest first
    assert index.page_of("Kaplan, Jared") is author and index.page_of("Chen, Wei") is None


def test_timeline_draws_every_year_of_the_span() -> None:
    """A bar per year from the first to the last, empty years included, heights by count."""
    html = BeautifulSoup(overview.timeline_html({2019: 1, 2021: 2, 2022: 1}), "html.parser")
    bars = html.select(".lr-bar")
    assert [b["title"] for b in bars] == [
        "2019: 1 papers", "2020: 0 papers", "2021: 2 papers", "2022: 1 papers",
    ]  # fmt: skip
    heights = [float(re.search(r"--v:([\d.]+)", b["style"]).group(1)) for b in bars]
    assert heights == [0.5, 0.0, 1.0, 0.5]
    assert html.select_one(".lr-timeline")["aria-label"].startswith("Papers per year: 2019: 1")
    assert overview.timeline_html({2020: 3}) == ""  # one year says nothing over time
    linked = BeautifulSoup(
        overview.timeline_html({2019: 1, 2021: 1}, lambda y: f"#y{y}"), "html.parser"
    )
    assert [a["href"] for a in linked.select("a.lr-bar")] == ["#y2019", "#y2021"]


def test_timeline_gathers_a_long_tail_of_old_papers() -> None:
    """Over a span of more than 40 years the few oldest papers share one "before" bar."""
    counts = {1901: 1, 1985: 1, **{year: 10 for year in range(2000, 2022)}}
    html = BeautifulSoup(overview.timeline_html(counts), "html.parser")
    bars = html.select(".lr-bar")
    assert bars[0]["title"] == "before 2000: 2 papers" and "lr-earlier" in bars[0]["class"]
    assert [b["title"].split(":")[0] for b in bars[1:]] == [str(y) for y in range(2000, 2022)]
    assert html.select_one(".lr-timeline-axis span").get_text() == "before 2000"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_topic_colours_stand_out_on_both_schemes() -> None:
    """Each topic colour has at least 3:1 contrast with the page in its scheme (WCAG 1.4.11),
    and no two colours of a scheme are the same."""
    css = (REPO / "generator/assets/litreview.css").read_text(encoding="utf-8")
    light = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    dark_start = css.index('[data-md-color-scheme="slate"] {')
    dark = css[dark_start : css.index("}", dark_start)]
    # Material's page backgrounds: white, and slate's hsl(232, 15%, 14%).
    for block, background in ((light, "#ffffff"), (dark, "#1e2029")):
        colours = dict(re.findall(r"--lr-c(\d+): (#[0-9a-f]{6})", block))
        assert sorted(colours, key=int) == [str(i) for i in range(overview.COLOURS)]
        assert len(set(colours.values())) == overview.COLOURS
        for colour in colours.values():
            assert _contrast(colour, background) >= 3.0, (colour, background)


def test_map_marks_have_no_svg_links() -> None:
    """The map draws a mark per paper with its title, and no `href` inside the SVG (Material's
    instant navigation writes to every `href`, which SVG links refuse)."""
    from generator.errors import Diagnostics
    from generator.pipeline import load_review
    from generator.project import Project
    from tests.support import FIXTURES

    review = load_review(Project.at(FIXTURES / "records"), Diagnostics())
    html = overview.map_html(review, lambda t: f"topics/{t.slug}/", "papers/", "/")
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.select_one("svg.lr-map-svg")
    marks = svg.select("path[data-key]")
    assert sorted(m["data-key"] for m in marks) == sorted(review.papers)
    assert all(m.title.get_text() for m in marks)
    assert not svg.select("[href]") and svg["tabindex"] == "0"
    legend = soup.select("ul.lr-legend button")
    assert [b.get_text(" ", strip=True) for b in legend] == [
        "Mixture of experts 3",
        "Optimisation 5",
    ]
