"""What the plugin does to build faster than MkDocs would on its own changes no byte of
the site: raw HTML blocks kept out of Markdown (generator/emit/raw_html.py), the nav
rendered once per place in it (generator/emit/mkdocs_reuse.py) and the blocks search
skips kept from its parser (generator/emit/search_view.py). The default site (889
pages) and the hostile one are built in this process with each shortcut and without:
the same files, and the same anchors found in each page."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

import generator.emit.raw_html as raw_html
from generator.emit.mkdocs_reuse import PageReuse
from generator.emit.search_view import SearchView
from tests.hostile import hostile_project
from tests.support import REPO


def _no_raw_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raw_html, "_element_end", lambda lines, start, unsafe: None)


def _no_shared_nav(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PageReuse, "_shared_nav", lambda self, page, name: None)


def _no_search_view(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchView, "attach", lambda self, config: None)


def _default(root: Path) -> Path:
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    return root


def _hostile_with_tabs(root: Path) -> Path:
    """The hostile project with the theme features that put more of the page in the nav:
    tabs, the table of contents in the nav, sections expanded."""
    hostile_project(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    features = "navigation.tabs, toc.integrate, navigation.expand, navigation.instant"
    config.write_text(text.replace("navigation.instant", features, 1), encoding="utf-8")
    assert "toc.integrate" in config.read_text(encoding="utf-8")
    return root


def _build(root: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Every file of the site by path, and the anchors MkDocs found in each page (which
    it checks links against) by the page's source."""
    anchors: dict[str, object] = {}
    populate = mkdocs_build._populate_page

    def _populate_page(page: Page, *args: Any, **kwargs: Any) -> None:
        populate(page, *args, **kwargs)
        anchors[f"anchors of {page.file.src_uri}"] = sorted(page.present_anchor_ids or ())

    with monkeypatch.context() as patch:
        patch.setattr(mkdocs_build, "_populate_page", _populate_page)
        mkdocs_build.build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site)))
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return {**files, **anchors}


@pytest.mark.parametrize(
    "project", [_default, hostile_project, _hostile_with_tabs], ids=["default", "hostile", "tabs"]
)
def test_every_file_is_the_same_with_and_without_each_shortcut(
    project: Callable[[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "project")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(root)
    fast = _build(root, tmp_path / "fast", monkeypatch)
    assert len([name for name in fast if name.endswith(".html")]) > 5
    assert any(name.startswith("anchors of") and fast[name] for name in fast)
    for number, off in enumerate((_no_raw_blocks, _no_shared_nav, _no_search_view)):
        with monkeypatch.context() as patch:
            off(patch)
            slow = _build(root, tmp_path / f"slow-{number}", patch)
        assert sorted(slow) == sorted(fast), off.__name__
        differ = [name for name in fast if fast[name] != slow[name]]
        assert differ == [], f"{off.__name__}: {differ[:5]}"
