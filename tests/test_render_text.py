"""Corpus text to inert HTML, and excerpts."""

from __future__ import annotations

import re

import pytest

from generator.errors import Location
from generator.model import Paper
from generator.render.excerpt import excerpt, sentences
from generator.render.texhtml import tex_to_html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"In \emph{Phase I} it", "In <em>Phase I</em> it"),
        (r"\textbf{A \emph{b}}", "<strong>A <em>b</em></strong>"),
        (r"{\small\texttt{GrayHawk}}", "<code>GrayHawk</code>"),
        (r"10\% and caf\'{e} -- ok", "10% and café – ok"),
        ("100% sure", "100% sure"),
        ("costs $5 and $10", "costs &#36;5 and &#36;10"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("{{ 7*7 }}", "&#123;&#123; 7&#42;7 &#125;&#125;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript&#58;alert(1))"),
        (
            "# not a heading | pipe `tick` _u_",
            "&#35; not a heading &#124; pipe &#96;tick&#96; &#95;u&#95;",
        ),
    ],
)
def test_text_is_converted_and_inert(source: str, expected: str) -> None:
    """Text-mode LaTeX becomes HTML; HTML, Markdown and template syntax become entities."""
    assert str(tex_to_html(source)) == expected


def test_math_becomes_an_arithmatex_span_with_search_twin() -> None:
    """$…$ is kept for MathJax (entity-escaped) with a hidden plain-text twin."""
    html = str(tex_to_html("where $x_1<y$ holds"))
    assert html == (
        'where <span class="arithmatex" data-search-exclude="true">&#92;(x&#95;1&lt;y&#92;)</span>'
        "<span hidden>x1&lt;y</span> holds"
    )


def test_display_math() -> None:
    r"""$$…$$ and \[…\] are display math."""
    assert "arithmatex-display" in str(tex_to_html(r"see $$a=b$$"))
    assert "arithmatex-display" in str(tex_to_html(r"see \[a=b\]"))


def test_sentences_respect_abbreviations_decimals_and_math() -> None:
    """Sentence splitting keeps e.g., et al., Fig., decimals and formulas intact."""
    text = "We use e.g. SGD with lr 0.1. Smith et al. (2020) agree. Fig. 2 shows $x. Y$ holds. End."
    assert sentences(text) == [
        "We use e.g. SGD with lr 0.1.",
        "Smith et al. (2020) agree.",
        "Fig. 2 shows $x. Y$ holds.",
        "End.",
    ]


def test_excerpt_prefers_the_contribution() -> None:
    """The default excerpt starts at the sentence that states what the paper does."""
    text = "Deep learning is popular. Many have studied it. We prove a new bound. It is tight."
    assert excerpt(text) == "We prove a new bound. It is tight."
    assert excerpt(text, mode="lead") == text


def test_excerpt_stops_near_the_limit_at_a_sentence_end() -> None:
    """Excerpts are whole sentences up to about the limit: never a cut sentence."""
    text = "We show A. " + "Filler sentence number here. " * 30
    assert excerpt(text, limit=100) == "We show A. " + "Filler sentence number here. " * 2 + (
        "Filler sentence number here."
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "we get {n^{-frac1p}}sum_{k=1}^{n} (d_{k}- d)rightarrow 0 almost surely.",
            r"we get ${n^{-\frac1p}}\sum_{k=1}^{n} (d_{k}- d)\rightarrow 0$ almost surely.",
        ),
        ("snake_case and H_2O and epsilon-optimal", "snake_case and H_2O and epsilon-optimal"),
        ("X sim DP(αν_0) here", "X sim DP(αν_0) here"),
        ("a W_{2}-distance bound", "a $W_{2}$-distance bound"),
        ("an x^{2 unbalanced", "an x^{2 unbalanced"),
        (r"real \LaTeX{} x_{1} stays", r"real \LaTeX{} x_{1} stays"),
        ("has $x_{1}$ and y_{2}", "has $x_{1}$ and y_{2}"),
    ],
)
def test_stripped_backslash_repair_is_confident_only(source: str, expected: str) -> None:
    """Formulas that lost their backslashes are repaired only when seeded and balanced."""
    from generator.render.repair import repair_stripped_math

    assert repair_stripped_math(source) == expected


def test_repaired_formula_becomes_math() -> None:
    """A repaired run reaches MathJax as a formula."""
    html = str(tex_to_html("so {n^{-frac1p}}sum_{k=1}^{n} holds"))
    assert "arithmatex" in html and "&#92;frac1p" in html


@pytest.mark.parametrize(
    ("source", "math"),
    [
        ("costs $5 per query and saves $10", []),
        ("from $5 to $x$", ["x"]),
        ("pay 5$ and $y$ now", ["y"]),
        (r"an escaped \$ and $z$", ["z"]),
        ("$ a $ with spaces", []),
        ("price $3$4", []),
        (r"\(a\) and \[b\] and $$c$$", ["a", "b", "c"]),
    ],
)
def test_dollar_edge_cases(source: str, math: list[str]) -> None:
    """Only pandoc-style $…$ (no inner edge spaces, no digit after) is math; prose dollars stay."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(str(tex_to_html(source)), "html.parser")
    found = [s.get_text()[2:-2] for s in soup.select("span.arithmatex")]
    assert found == math


def test_links_in_abstracts_are_http_only() -> None:
    """URLs become links on the paper page; trailing punctuation stays outside; no other scheme."""
    from generator.render.texhtml import tex_to_html_with_links

    html = str(tex_to_html_with_links("Code: https://github.com/a/b. Not javascript:alert(1)."))
    assert '<a href="https&#58;//github.com/a/b" rel="nofollow noopener">' in html
    assert html.count("<a ") == 1


def _paper(key: str, **fields: str) -> Paper:
    authors = tuple(fields.pop("authors", "").split(";")) if "authors" in fields else ()
    return Paper(
        key, key, Location("x.bib", 1), "misc", fields, {"author": authors} if authors else {}
    )


@pytest.mark.parametrize(
    ("style", "labels"),
    [("unsrt", ["1", "2"]), ("plain", ["1", "2"]), ("alpha", ["Aar20", "Zed19"])],
)
def test_reference_styles_order_and_label(style: str, labels: list[str]) -> None:
    """The pybtex style orders and labels the references: unsrt by citation, plain/alpha by author."""
    from generator.render.references import ReferenceFormatter

    papers = {
        "z": _paper("z", title="Zed paper", year="2019", authors="Zed, Zoe"),
        "a": _paper("a", title="Aar paper", year="2020", authors="Aar, Ann"),
    }
    refs = ReferenceFormatter(papers, style).references(["z", "a"])
    order = ["z", "a"] if style == "unsrt" else ["a", "z"]
    assert [r.key for r in refs] == order
    assert [r.label for r in refs] == labels
    assert all("{title}" in r.body for r in refs)


def test_reference_keeps_our_title_and_drops_unsafe_url() -> None:
    """Titles are not re-cased or left with raw macros; a javascript: url never becomes a link."""
    from generator.render.references import ReferenceFormatter

    papers = {"k": _paper("k", title=r"\emph{Big} Title", year="2020", url="javascript:alert(1)")}
    [ref] = ReferenceFormatter(papers).references(["k"])
    assert "javascript" not in ref.body and "emph" not in ref.body
    assert ref.body.startswith("{title}")


def test_reference_falls_back_when_style_needs_missing_fields() -> None:
    """An @article without journal or author still gets a reference line."""
    from generator.render.references import ReferenceFormatter

    papers = {"k": Paper("k", "k", Location("x.bib", 1), "article", {"title": "T", "year": "2001"})}
    [ref] = ReferenceFormatter(papers, "plain").references(["k"])
    assert ref.body == "{title}. 2001."


@pytest.mark.parametrize("entry_type", ["misc", "article"])  # article: no journal, fallback
def test_reference_text_reads_as_written_after_markdown(entry_type: str) -> None:
    """What a reader sees of a reference (its body through Markdown, as MkDocs converts
    it, then as text) is the names and venue as written, whether pybtex formats it or
    the fallback does: no entity shown as "&#39;", no Markdown emphasis or heading."""
    import html

    import markdown

    from generator.render.references import ReferenceFormatter

    paper = _paper("k", title="T", year="2001", howpublished="Lab #1 & *Co* _x_")
    paper = Paper("k", "k", paper.location, entry_type, paper.fields,
                  {"author": ("O'Brien, Zoë", "Smith, A_b")})  # fmt: skip
    [ref] = ReferenceFormatter({"k": paper}, "plain").references(["k"])
    shown = markdown.markdown("* " + ref.body.replace("{title}", "TITLE"))
    text = html.unescape(re.sub(r"<[^>]+>", "", shown))
    assert "Zoë O'Brien and A_b Smith" in text, text  # as pybtex writes names
    if entry_type == "misc":
        assert "Lab #1 & *Co* _x_" in text, text
    assert "&#" not in text and "<em>" not in shown and "<h1>" not in shown, shown


def test_two_stage_related_papers_match_the_exact_search() -> None:
    """Large corpora use candidates from each paper's strongest terms, re-scored exactly:
    on the default corpus it finds at least 90% of the exact top five, with exact scores."""
    from generator.errors import Diagnostics
    from generator.pipeline import load_review
    from generator.project import Project
    from tests.support import REPO

    model = load_review(Project.at(REPO), Diagnostics()).text_model
    exact, staged = model._related(5), model._related_two_stage(5)
    found = sum(len({k for k, _ in exact[key]} & {k for k, _ in staged[key]}) for key in model.keys)
    assert found >= 0.9 * 5 * len(model.keys)
    for key in model.keys:
        scores = dict(exact[key])
        assert all(scores.get(other, score) == score for other, score in staged[key])
