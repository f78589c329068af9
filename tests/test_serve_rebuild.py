"""A rebuild of `mkdocs serve` after a retitle: the theme renders in full only the pages
whose own content changed; every other page is its kept output with the nav rendered
once per place, and the places whose nav no page rendered yet render the nav alone
(generator/emit/mkdocs_reuse.py). The site is still byte for byte a fresh build's.

The rebuilds run in this process, as `mkdocs serve` runs them: MkDocs keeps a plugin
that defines `on_startup` for every later config of the process."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.emit.mkdocs_reuse import PageReuse
from tests.support import REPO


def _config(root: Path, site: Path) -> MkDocsConfig:
    return load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))


# The theme features that put more of the page in the nav: tabs (rendered in the header),
# the table of contents in the nav, sections expanded.
MORE_NAV = ["navigation.tabs", "toc.integrate", "navigation.expand", "navigation.instant"]


@pytest.fixture(params=["default", "tabs"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A copy of the default site (and one with MORE_NAV), its plugin started as `mkdocs
    serve` starts it (and as a one-off build again afterwards: the instance outlives
    the test)."""
    root = tmp_path / "site-src"
    root.mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if request.param == "tabs":
        features = "".join(f"    - {name}\n" for name in MORE_NAV)
        config = config.replace("    - navigation.instant\n", features, 1)
        assert "- toc.integrate" in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    _config(root, tmp_path / "x").plugins.on_startup(command="serve", dirty=False)
    try:
        yield root
    finally:
        _config(root, tmp_path / "x").plugins.on_startup(command="build", dirty=False)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_retitle_renders_in_full_only_the_pages_it_changed(
    served: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "served"
    mkdocs_build.build(_config(served, site))

    full: list[str] = []  # pages whose output the theme rendered whole (it holds our marks)
    spliced: list[str] = []
    capture, splice = PageReuse.capture, PageReuse._spliced

    def counting_capture(self: PageReuse, output: str, page: Any) -> str:
        if self._marker in output:
            full.append(page.file.src_uri)
        return capture(self, output, page)

    def counting_splice(self: PageReuse, page: Any, navs: str) -> Any:
        spliced.append(page.file.src_uri)
        return splice(self, page, navs)

    monkeypatch.setattr(PageReuse, "capture", counting_capture)
    monkeypatch.setattr(PageReuse, "_spliced", counting_splice)
    topic = served / "content" / "topics" / "compute-optimal-scaling.yaml"
    text = topic.read_text(encoding="utf-8")
    assert text.startswith("title: Compute-optimal scaling")
    topic.write_text(text.replace("title: Compute-optimal scaling", "title: Budgets", 1), "utf-8")
    mkdocs_build.build(_config(served, site))

    # The retitle changes the nav of every page, the content of a few dozen.
    assert 0 < len(full) < 40, full
    assert "topics/compute-optimal-scaling/index.md" in full
    assert len(spliced) > 20, "the places whose pages were all kept render the nav alone"
    assert not set(full) & set(spliced)

    fresh = tmp_path / "fresh"
    monkeypatch.undo()
    _config(served, tmp_path / "x").plugins.on_startup(command="build", dirty=False)
    mkdocs_build.build(_config(served, fresh))
    served_files, fresh_files = _files(site), _files(fresh)
    assert served_files.keys() == fresh_files.keys()
    different = [path for path in fresh_files if served_files[path] != fresh_files[path]]
    assert not different, different[:5]
