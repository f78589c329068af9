"""The default review in real headless Chromium: search, filter, math, copy, offline."""

from __future__ import annotations

import re

from tests.browser.conftest import REPO

# A MathJax glyph whose font CSS was lost renders as nothing: the race Material's
# documented hook has with a local MathJax.
BLANK_GLYPHS = (
    "() => [...document.querySelectorAll('mjx-c')]"
    ".filter(c => getComputedStyle(c, '::before').content === 'none').length"
)
# Pages without math never load MathJax; on the others, wait for its first typeset.
MATH_DONE = (
    "() => !document.querySelector('article .arithmatex') || (window.MathJax && "
    "MathJax.startup && MathJax.startup.promise && MathJax.startup.promise.then(() => true))"
)


def _math_pages() -> list[str]:
    """Paper pages whose title or abstract holds a formula."""
    from generator.errors import Diagnostics
    from generator.pipeline import load_review
    from generator.project import Project
    from generator.render.texhtml import tex_to_html

    review = load_review(Project.at(REPO), Diagnostics())
    return [
        p.slug
        for p in review.papers.values()
        if "arithmatex" in str(tex_to_html(p.title + " " + p.abstract))
    ]


def _settle_math(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(MATH_DONE, timeout=15_000)


def test_search_finds_a_paper_by_a_word_of_its_abstract(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """Material's search finds a paper by a word that only its abstract holds."""
    from playwright.sync_api import expect

    page.goto(default_url + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially("Takeuchi")  # fill() does not trigger Material's search
    hit = page.locator(".md-search-result__item").first
    expect(hit).to_be_visible(timeout=15_000)
    expect(page.locator(".md-search-result")).to_contain_text("Information Criteria")


def test_topic_filter_and_sort(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """On a topic page the filter box narrows the list as you type; sorting reorders it."""
    page.goto(default_url + "/topics/scaling-laws/")
    cards = page.locator(".lr-group:not(.lr-below) .lr-paper")
    total = cards.count()
    assert total > 10
    page.locator("input.lr-filter").press_sequentially("speculative")
    visible = page.locator(".lr-paper:visible")
    assert 1 <= visible.count() < total
    assert "peculative" in visible.first.inner_text()
    assert re.fullmatch(r"\d+ of \d+ papers", page.locator(".lr-shown").inner_text())
    page.locator("input.lr-filter").fill("")
    page.locator("input.lr-filter").dispatch_event("input")
    assert page.locator(".lr-paper:visible").count() == total
    page.locator("select.lr-sort").select_option("title")
    first_section = page.locator(".lr-paper").evaluate_all(
        "cards => cards.filter(c => c.parentNode === cards[0].parentNode).map(c => c.dataset.title.toLowerCase())"
    )
    assert first_section == sorted(first_section)


def test_full_abstract_expands_in_place(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """A card's full abstract opens in place."""
    page.goto(default_url + "/topics/scaling-laws/")
    details = page.locator(".lr-paper details.lr-more").first
    assert not details.locator("p").is_visible()
    details.locator("summary").click()
    assert details.locator("p").is_visible()


def test_copy_button_copies_bibtex(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """The copy button puts the paper's BibTeX on the clipboard."""
    page.goto(default_url + "/papers/learning-dynamics-two-layer-linear/")
    page.locator("button.lr-copy").click()
    text = page.evaluate("() => navigator.clipboard.readText()")
    assert text.startswith("@misc{learning-dynamics-two-layer-linear,")
    assert "litreview-sources" not in text


def test_every_formula_renders_without_errors(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """Every paper page with math renders it with MathJax: no error element, no blank glyph."""
    slugs = _math_pages()
    assert len(slugs) >= 10
    for slug in slugs:
        page.goto(f"{default_url}/papers/{slug}/")
        _settle_math(page)
        spans = page.locator("article .arithmatex").count()
        rendered = page.locator("article mjx-container").count()
        assert rendered == spans, slug
        assert page.locator("article mjx-merror").count() == 0, slug
        assert page.evaluate(BLANK_GLYPHS) == 0, slug
    assert page.outside_requests == []


def test_math_after_instant_navigation(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """After Material's instant navigation to a page with math, the math renders again."""
    slug = "relative-budget-theory-reinforcement-learning"
    page.goto(default_url + "/topics/rl-for-llm-reasoning/")
    _settle_math(page)
    page.evaluate("() => { window.__same_document = true }")
    page.locator(f'article a[href$="papers/{slug}/"]').first.click()
    page.wait_for_url(f"{default_url}/papers/{slug}/")
    assert page.evaluate("() => window.__same_document === true")  # really instant navigation
    page.wait_for_function(
        "() => document.querySelectorAll('article mjx-container').length > 0", timeout=15_000
    )
    _settle_math(page)
    assert (
        page.locator("article mjx-container").count() == page.locator("article .arithmatex").count()
    )
    assert page.locator("article mjx-merror").count() == 0
    assert page.evaluate(BLANK_GLYPHS) == 0


def test_no_request_leaves_localhost(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """Home, a topic and a paper page load nothing from another host."""
    for path in ("/", "/topics/diffusion-theory/", "/papers/learning-dynamics-two-layer-linear/"):
        page.goto(default_url + path, wait_until="networkidle")
    assert page.outside_requests == []
