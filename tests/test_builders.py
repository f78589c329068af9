"""The tree from `litreview build --out` builds without the plugin: plain MkDocs, Zensical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.cli import main


def _generated(small_project: Path) -> Path:
    """Write the tree and a standalone mkdocs.yml beside it; return the folder holding both."""
    work = small_project.parent / "standalone"
    work.mkdir()
    argv = ["-C", str(small_project), "build", "--out", str(work / "docs"),
            "--mkdocs-config", str(work / "mkdocs.yml"), "--site-name", "Standalone"]  # fmt: skip
    assert main(argv) == 0
    return work


def _check_site(site: Path) -> None:
    topic = BeautifulSoup(
        (site / "topics/compute-optimal/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    cards = topic.select("div.lr-paper")
    assert len(cards) == 2
    assert (
        cards[0]
        .select_one(".lr-paper-title a")["href"]
        .endswith("papers/compute-optimal-training/")
    )
    assert (site / "papers/label-noise-sgd/index.html").is_file()
    assert (site / "topics/compute-optimal/compute-optimal.bib").is_file()
    assert (site / "assets/litreview/mathjax/tex-chtml.js").is_file()


def test_plain_mkdocs_builds_the_tree(small_project: Path) -> None:
    """A plain `mkdocs build --strict` (no litreview plugin) builds the written tree."""
    work = _generated(small_project)
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"] and config["docs_dir"] == "docs"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")],
        cwd=work, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    _check_site(work / "site")
    nav = BeautifulSoup(
        (work / "site/papers/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    labels = [a.get_text(strip=True) for a in nav.select("nav.md-nav--primary a.md-nav__link")]
    assert labels[:4] == [
        "Home",
        "Scaling laws",
        "Compute-optimal scaling",
        "Optimization and SGD noise",
    ]


def test_zensical_builds_the_tree(small_project: Path) -> None:
    """Zensical (Material's successor, which runs no third-party plugins) builds it too."""
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )
    if zensical is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zensical is not installed, and CI must test the Zensical build")
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    work = _generated(small_project)
    result = subprocess.run(
        [zensical, "build"], cwd=work, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _check_site(work / "site")


def test_mkdocs_config_never_overwrites_a_users_file(small_project: Path, tmp_path: Path) -> None:
    """--mkdocs-config refuses to replace a config litreview did not write."""
    mine = tmp_path / "mkdocs.yml"
    mine.write_text("site_name: mine\n", encoding="utf-8")
    argv = [
        "-C",
        str(small_project),
        "build",
        "--out",
        str(tmp_path / "docs"),
        "--mkdocs-config",
        str(mine),
    ]
    assert main(argv) == 2
    assert mine.read_text(encoding="utf-8") == "site_name: mine\n"
