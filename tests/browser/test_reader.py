"""What readers meet in a real browser: a clean console on every page type (also after
instant navigation), axe-core's accessibility rules, search that ranks topics first with
short snippets, MathJax only where a page has math, the map, the topic toolbar, and
screenshots of every page type at desktop and phone widths, light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, new_page

PAGE_TYPES = {
    "home": "/",
    "topic": "/topics/scaling-laws/",
    "paper": "/papers/relative-budget-theory-reinforcement-learning/",
    "papers": "/papers/",
    "authors": "/authors/",
    "years": "/years/",
    "about": "/about/",
}
MATH_SETTLED = (
    "() => !document.querySelector('article .arithmatex') || (window.MathJax && "
    "MathJax.startup && MathJax.startup.promise && MathJax.startup.promise.then(() => true))"
)
MATHJAX_REQUESTS = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('tex-chtml')).length"


def _instant(page, selector: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """Click a link and check the page changed by instant navigation, not a reload."""
    page.evaluate("() => { window.__same_document = true }")
    page.locator(selector).first.click()
    page.wait_for_url(url)
    page.wait_for_function("() => document.querySelector('article')")
    assert page.evaluate("() => window.__same_document === true"), url


def _search(page, query: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Type a query into Material's search and return its results, best first: each page's
    path and the titles shown for it (the page's and its matching sections')."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query)  # fill() alone does not trigger Material's search
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    return [tuple(r) for r in page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(i => [new URL(i.querySelector('a').href).pathname, "
        "[...i.querySelectorAll('h1, h2')].map(h => h.textContent).join(' | ')])"
    )]  # fmt: skip


# The console


def test_no_console_errors_on_any_page_type_or_after_instant_navigation(  # type: ignore[no-untyped-def]
    page, default_url: str
) -> None:
    """Each page type loads with no console error or uncaught exception, and so does every page
    reached from the home page by instant navigation."""
    for path in [*PAGE_TYPES.values(), "/authors/cengiz-pehlevan/"]:
        page.goto(default_url + path)
        page.wait_for_function(MATH_SETTLED, timeout=15_000)
    page.goto(default_url + "/")
    _instant(
        page, '.lr-topics a[href$="topics/scaling-laws/"]', default_url + "/topics/scaling-laws/"
    )
    card = page.locator(".lr-group .lr-paper-title a").first
    target = card.evaluate("a => a.href")
    _instant(page, ".lr-group .lr-paper-title a", target)
    _instant(page, "ul.lr-related a", page.locator("ul.lr-related a").first.evaluate("a => a.href"))
    for path in ("papers/", "authors/", "years/", "about/"):
        _instant(page, f'nav.md-nav--primary a[href$="/{path}"]', default_url + "/" + path)
    _instant(page, 'nav.md-nav--primary a[href$="/topics/rl-for-llm-reasoning/"]',
             default_url + "/topics/rl-for-llm-reasoning/")  # fmt: skip
    page.wait_for_function(MATH_SETTLED, timeout=15_000)
    page.go_back()
    page.wait_for_url(default_url + "/about/")
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.outside_requests == []  # type: ignore[attr-defined]


# Accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser, default_url: str, records_url: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """axe-core (WCAG 2.1 A and AA, and best practice: headings in order, named landmarks,
    labelled charts) finds nothing on any page type, in light and dark."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                   "best-practice"]}}  # fmt: skip
    context, pg = new_page(browser, default_url, color_scheme=scheme)
    pages = [default_url + p for p in PAGE_TYPES.values()]
    pages += [default_url + "/authors/cengiz-pehlevan/", records_url + "/topics/optimisation/"]
    if scheme == "dark":
        pages = pages[:3]  # colours differ; structure does not
    found = {}
    try:
        for url in pages:
            pg.goto(url)  # type: ignore[attr-defined]
            pg.wait_for_function(MATH_SETTLED, timeout=15_000)  # type: ignore[attr-defined]
            violations = axe.run(pg, options=rules).response["violations"]
            if violations:
                found[url] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    finally:
        context.close()  # type: ignore[attr-defined]
    assert found == {}


def test_map_is_one_tab_stop_with_keyboard_and_pointer_use(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """The map is a single tab stop; arrow keys step through the topics and Enter opens one;
    pointing at a legend entry picks its topic out; clicking a point opens its paper."""
    page.goto(default_url + "/")
    canvas = page.locator(".lr-map-canvas")
    focusable = canvas.evaluate(
        "c => [...c.querySelectorAll('*')].filter(e => e.tabIndex >= 0 && !e.closest('[hidden]')).length"
    )
    assert focusable == 1
    marks = page.locator("svg.lr-map-svg path[data-key]")
    assert marks.count() == 584
    legend = page.locator("button.lr-legend-item").first
    legend.hover()
    assert page.locator("svg.lr-map-svg.lr-dim").count() == 1
    assert page.locator('svg.lr-map-svg g.lr-on[data-branch="0"]').count() == 1
    legend.click()
    assert legend.get_attribute("aria-pressed") == "true"
    page.locator("svg.lr-map-svg").focus()
    outline = page.locator("svg.lr-map-svg").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("ArrowRight")
    status = page.locator(".lr-map-status").inner_text()
    first = page.locator("button.lr-legend-item").first.inner_text()
    assert status.startswith(first.rsplit(None, 1)[0]) and "Enter opens" in status
    href = page.locator("button.lr-legend-item").first.get_attribute("data-href")
    page.evaluate("() => { window.__same_document = true }")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{default_url}/{href}")
    assert page.evaluate("() => window.__same_document === true")
    page.goto(default_url + "/")
    key = marks.nth(100).get_attribute("data-key")
    marks.nth(100).dispatch_event("click")
    page.wait_for_url(f"{default_url}/papers/{key}/")
    assert page.errors == []


# Search


def test_search_ranks_topics_first_and_keeps_snippets_short(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """'scaling laws' finds the topic first; a title's words find that paper first; a surname
    finds the author's papers; each snippet is at most three lines."""
    page.goto(default_url + "/")
    path, titles = _search(page, "scaling laws")[0]
    assert path == "/topics/scaling-laws/" and titles.startswith("Scaling laws |")
    results = _search(page, "speculative decoding")
    assert all("speculative" in titles.lower() for _, titles in results[:2])
    in_title = [bool({"speculative", "decoding"} & set(t.lower().split())) for _, t in results]
    assert in_title == sorted(in_title, reverse=True)  # title hits before text hits
    assert "/papers/scaling-laws-speculative-decoding/" in [path for path, _ in results[:4]]
    paths = [path for path, _ in _search(page, "Pehlevan")]
    assert paths[0] == "/authors/cengiz-pehlevan/"
    assert sum(p.startswith("/papers/") for p in paths) >= 3
    _search(page, "diffusion")
    teasers = page.locator(".md-search-result__article > p:not(.md-search-result__terms)")
    heights = teasers.evaluate_all(
        "ps => ps.filter(p => p.offsetParent).map(p => p.getBoundingClientRect().height / "
        "parseFloat(getComputedStyle(p).lineHeight))"
    )
    assert heights and max(heights) <= 3.05


# MathJax


def test_mathjax_loads_only_when_a_page_has_math(records_page, records_url: str) -> None:  # type: ignore[no-untyped-def]
    """A page without math loads no MathJax; instant navigation into a page with math loads
    it and typesets every formula, and the next page with math is typeset too."""
    page = records_page
    page.goto(records_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(MATHJAX_REQUESTS) == 0
    assert page.evaluate("() => !(window.MathJax && MathJax.startup && MathJax.startup.promise)")
    _instant(page, '.lr-topics a[href$="topics/experts/"]', records_url + "/topics/experts/")
    page.wait_for_function(MATH_SETTLED, timeout=15_000)
    page.wait_for_function(
        "() => document.querySelectorAll('article mjx-container').length === "
        "document.querySelectorAll('article .arithmatex').length", timeout=15_000
    )  # fmt: skip
    assert page.evaluate(MATHJAX_REQUESTS) == 1
    _instant(
        page,
        'a[href$="papers/sparse-routing-bounds/"]',
        records_url + "/papers/sparse-routing-bounds/",
    )
    page.wait_for_function(
        "() => document.querySelectorAll('article mjx-container').length === "
        "document.querySelectorAll('article .arithmatex').length", timeout=15_000
    )  # fmt: skip
    assert page.locator("article mjx-merror").count() == 0
    assert page.evaluate(MATHJAX_REQUESTS) == 1 and page.errors == []


# Topic pages


def test_topic_toolbar_sticks_filters_sections_and_adds_sub_topics(page, default_url: str) -> None:  # type: ignore[no-untyped-def]
    """The toolbar sits above every section and stays in view; the filter hides sections it
    empties and counts each section; 'include sub-topics' adds their papers; the compact view
    shows one line per paper."""
    page.goto(default_url + "/topics/scaling-laws/")
    page.wait_for_selector(".lr-toolbar:not([hidden])")
    # Material's "Skip to content", the title's permalink, then the page's "Skip to the list".
    for key in ("Tab", "Enter", "Tab", "Tab", "Enter"):
        page.keyboard.press(key)
        page.wait_for_timeout(150)  # at a person's pace: Material moves focus after a jump
    assert page.evaluate("() => document.activeElement.classList.contains('lr-filter')")
    toolbar = page.locator(".lr-toolbar")
    first_section = page.locator("section.lr-group").first
    assert toolbar.evaluate(
        "(t, s) => !!(t.compareDocumentPosition(s) & 4)", first_section.element_handle()
    )
    own = page.locator(".lr-group:not(.lr-below) .lr-paper").count()
    assert page.locator(".lr-shown").inner_text() == f"{own} papers"
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    top = toolbar.evaluate("t => t.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert abs(top - header) <= 2
    page.locator("input.lr-filter").press_sequentially("speculative")
    hidden = page.locator("section.lr-group[hidden]").count()
    shown = page.locator("section.lr-group:not([hidden])")
    assert shown.count() == 1 and hidden >= 1
    # The section's heading (just before it) shows the count, and emptied sections' go.
    headings = page.locator("article h2:has(.lr-section-count):visible")
    assert headings.count() == 1 and " of " in headings.first.inner_text()
    page.locator("input.lr-filter").fill("")
    page.locator("input.lr-filter").dispatch_event("input")
    assert (
        page.locator("section.lr-group[hidden]").count() == page.locator("section.lr-below").count()
    )
    cards = (
        "() => [...document.querySelectorAll('section.lr-group:not([hidden]) .lr-paper')]"
        ".reduce((sum, c) => sum + c.getBoundingClientRect().height, 0)"
    )
    height = page.evaluate(cards)
    page.locator("button.lr-view").click()
    assert page.locator("button.lr-view").get_attribute("aria-pressed") == "true"
    assert page.evaluate(cards) < 0.5 * height  # the list of papers, not the prose above it
    lines = page.locator(".lr-group:not(.lr-below) .lr-paper").evaluate_all(
        "cards => cards.map(c => c.getBoundingClientRect().height / "
        "parseFloat(getComputedStyle(c).lineHeight))"
    )
    assert max(lines) <= 3.2  # a title and its byline on one line, wrapping at most once
    below = int(page.locator(".lr-include").inner_text().strip().split("(")[1].rstrip(")"))
    page.locator("input.lr-sub").check()
    assert page.locator(".lr-shown").inner_text() == f"{own + below} papers"
    assert page.locator("section.lr-below:not([hidden])").count() >= 1
    assert page.errors == []


# Screenshots


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("device", "width", "height"), [("desktop", 1440, 900), ("phone", 390, 844)]
)
def test_screenshots_of_every_page_type(  # type: ignore[no-untyped-def]
    browser, default_url: str, scheme: str, device: str, width: int, height: int
) -> None:
    """Home, a topic, a paper, search results, all papers and authors at desktop and phone
    widths, light and dark, saved to test-artifacts/screenshots/ to be looked at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context, page = new_page(
        browser, default_url, viewport={"width": width, "height": height}, color_scheme=scheme
    )
    shots = {
        k: v for k, v in PAGE_TYPES.items() if k in ("home", "topic", "paper", "papers", "authors")
    }
    try:
        for name, path in shots.items():
            page.goto(default_url + path)  # type: ignore[attr-defined]
            page.wait_for_function(MATH_SETTLED, timeout=15_000)  # type: ignore[attr-defined]
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("() => document.body.dataset.mdColorScheme") == expected  # type: ignore[attr-defined]
            _shoot(page, name, device, scheme)
        # And where a reader goes next: the map, and a topic's toolbar over its cards.
        for name, path, selector in (("home-map", "/", ".lr-map"),
                                     ("topic-cards", PAGE_TYPES["topic"], ".lr-toolbar")):  # fmt: skip
            page.goto(default_url + path)  # type: ignore[attr-defined]
            page.locator(selector).evaluate("e => e.scrollIntoView()")  # type: ignore[attr-defined]
            page.mouse.wheel(0, -70 if name == "home-map" else 300)  # type: ignore[attr-defined]
            page.wait_for_timeout(200)  # type: ignore[attr-defined]
            _shoot(page, name, device, scheme)
        page.goto(default_url + "/")  # type: ignore[attr-defined]
        if device == "phone":
            page.locator("label.md-header__button[for=__search]").click()  # type: ignore[attr-defined]
        _search(page, "scaling laws")
        _shoot(page, "search", device, scheme)
        assert page.errors == []  # type: ignore[attr-defined]
    finally:
        context.close()  # type: ignore[attr-defined]


def _shoot(page, name: str, device: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    target = ARTIFACTS / f"{name}-{device}-{scheme}.png"
    page.screenshot(path=str(target))
    assert Path(target).stat().st_size > 10_000


def test_year_sort_puts_newest_first_and_undated_last(records_page, records_url: str) -> None:  # type: ignore[no-untyped-def]
    """Sorting by year orders each section's papers newest first, papers without a year last."""
    page = records_page
    page.goto(records_url + "/topics/optimisation/")
    page.locator("select.lr-sort").select_option("year")
    years = page.locator("section.lr-group:not(.lr-below) .lr-paper").evaluate_all(
        "cards => cards.map(c => c.dataset.year)"
    )
    assert years == ["2022", "2019", ""]
    page.locator("select.lr-sort").select_option("page")
    keys = page.locator("section.lr-group:not(.lr-below) .lr-paper").evaluate_all(
        "cards => cards.map(c => c.dataset.key)"
    )
    assert keys == ["noisy-gradients", "warmup-theory", "no-record-paper"]
