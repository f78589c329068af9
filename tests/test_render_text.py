"""Corpus text to inert HTML, and excerpts."""

from __future__ import annotations

import pytest

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
        'where <span class="arithmatex" data-search-exclude>&#92;(x&#95;1&lt;y&#92;)</span>'
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
    """Excerpts are whole sentences up to about the limit."""
    text = "We show A. " + "Filler sentence number here. " * 30
    result = excerpt(text, limit=100)
    assert result.endswith(".") and len(result) <= 100
