"""Hostile titles and curator prose in real Chromium: no dialog opens, no script error,
and the browser's own title and header read as the data was written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import _need_browser, _serve
from tests.hostile import PAPER_TITLES, TOPIC_TITLE, hostile_project

SITE_NAME = "Small review"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile project, built and served on loopback."""
    _need_browser()
    work = tmp_path_factory.mktemp("browser-hostile")
    yield from _serve(hostile_project(work / "project"), work)


@pytest.fixture
def watched(browser: object, hostile_url: str) -> Iterator[object]:
    """A page that records every dialog, console error and uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.incidents = []  # type: ignore[attr-defined]

    def dialog(d: object) -> None:
        page.incidents.append(f"dialog: {d.message}")  # type: ignore[attr-defined]
        d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    page.on(
        "console",
        lambda m: m.type == "error" and page.incidents.append(f"console: {m.text}"),  # type: ignore[attr-defined]
    )
    page.on(
        "pageerror",
        lambda e: page.incidents.append(f"pageerror: {e}"),  # type: ignore[attr-defined]
    )
    yield page
    context.close()


def test_hostile_pages_run_no_script(watched, hostile_url: str) -> None:  # type: ignore[no-untyped-def]
    """Loading every hostile page, navigating instantly between them and searching for a
    hostile title opens no dialog and logs no error; titles read as written."""
    from playwright.sync_api import expect

    page = watched
    expected = {
        "/topics/hostile/": TOPIC_TITLE,
        **{f"/papers/{key}/": title for key, title in PAPER_TITLES.items()},
    }
    for path, title in expected.items():
        page.goto(hostile_url + path)
        page.wait_for_load_state("load")
        assert page.title() == f"{title} - {SITE_NAME}"
        header = page.locator('.md-header__topic[data-md-component="header-topic"]')
        assert header.inner_text().strip() == title
    page.goto(hostile_url + "/")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Hostile").first.click()
    page.wait_for_url(hostile_url + "/topics/hostile/")
    expect(page.locator("article h1")).to_have_text(TOPIC_TITLE)  # waits for the swap
    page.locator("article .lr-paper-title a").first.click()  # instant navigation to a paper
    page.wait_for_url(hostile_url + "/papers/benign/")
    expect(page.locator("article h1")).to_have_text(PAPER_TITLES["benign"])
    expect(page).to_have_title(f"{PAPER_TITLES['benign']} - {SITE_NAME}")
    page.goto(hostile_url + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Benign")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert PAPER_TITLES["benign"] in page.locator(".md-search-result").inner_text()
    page.wait_for_timeout(500)  # a late handler (onload, ontoggle) would have fired by now
    assert page.incidents == []  # type: ignore[attr-defined]
