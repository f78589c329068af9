"""Starting and running a review: init, an existing site's nav and pages, one gate, curation."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.cli import main
from tests.support import mkdocs_build, shared_path


def _init(tmp_path: Path, *extra: str) -> Path:
    root = tmp_path / "review"
    assert main(["init", str(root), *extra]) == 0
    return root


def _article(site: Path, page: str) -> BeautifulSoup:
    html = (site / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_init_makes_a_project_that_builds_offline(tmp_path: Path) -> None:
    """`litreview init` writes a project whose first `mkdocs build` passes, with Material,
    no web fonts, and no flood of messages about paper pages missing from the nav."""
    root = _init(tmp_path, "--title", "Graph learning", "--author", "Ada Lovelace")
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert config["theme"]["name"] == "material" and config["theme"]["font"] == "false"
    assert config["site_author"] == "Ada Lovelace"
    assert (root / ".gitignore").read_text().startswith("site/")
    source = tmp_path / "lib.bib"
    source.write_text("@article{knuth1984, title={Literate Programming}, year={1984}}\n")
    assert main(["-C", str(root), "import", str(source)]) == 0
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "INFO" not in result.stderr.replace("INFO    -  Cleaning", "").replace(
        "INFO    -  Building", ""
    ).replace("INFO    -  Documentation built", "")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Graph learning" in home and "fonts.googleapis" not in home
    assert (tmp_path / "site" / "papers" / "knuth1984" / "index.html").is_file()
    unsorted = _article(tmp_path / "site", "unsorted/index.html")
    assert [a.get_text() for a in unsorted.select("article li a")] == ["Literate Programming"]


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that holds anything is refused, and left as it was."""
    root = tmp_path / "mine"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Mine\n")
    assert main(["init", str(root)]) == 2
    assert "is not an empty folder; nothing was written" in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_text() == "site_name: Mine\n"
    assert sorted(p.name for p in root.iterdir()) == ["mkdocs.yml"]


def test_a_zotero_export_dropped_into_the_store_is_a_store(tmp_path: Path) -> None:
    """A reference manager's auto-export copied into content/papers/ builds as it is: no
    private field is required, and every entry is a paper page."""
    root = _init(tmp_path)
    export = shared_path("corpora", "bibtex-real", "controlnet-annotated-bibliography.zotero.bib")
    shutil.copyfile(export, root / "content" / "papers" / "My Library.bib")
    assert main(["-C", str(root), "check"]) == 0
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "site" / "papers").glob("*/index.html"))
    assert len(pages) == 232  # every entry has its page
    assert pages[0].parent.name == "afchar_mesonet_2018"  # at its key (Zotero's own)


NAV = """\
nav:
  - Welcome: index.md
  - Review:
      - Overview: litreview:home
      - litreview:topics
      - Everything: litreview:papers
  - About: about.md
"""


def _site_with_own_pages(small_project: Path, nav: str = NAV) -> None:
    """The small project as an existing site: its own home page and nav."""
    pages = small_project / "content" / "pages"
    (pages / "index.md").write_text("# Our lab\n\nWe read [@label-noise-sgd] first.\n")
    config = small_project / "mkdocs.yml"
    text = config.read_text().replace(
        "  - litreview\n", "  - litreview:\n      home: review/index.md\n"
    )
    config.write_text(text + nav)


def test_an_existing_site_keeps_its_nav_and_home(small_project: Path, tmp_path: Path) -> None:
    """Placeholders in the site's own nav become the review; its index.md stays its home,
    the generated home moves to the `home` option's path, and its pages may cite."""
    _site_with_own_pages(small_project)
    result = mkdocs_build(small_project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    home = _article(site, "index.html")
    assert home.find("h1").get_text().startswith("Our lab")
    cite = home.select_one("article .lr-cite a")
    assert cite is not None and cite["href"] == "papers/label-noise-sgd/"
    assert "References" in home.get_text()
    assert (site / "review" / "index.html").is_file()
    links = home.select("nav.md-nav--primary a.md-nav__link")
    nav = {a.get_text(" ", strip=True): a.get("href") for a in links}
    for label in ("Welcome", "Scaling laws", "Optimization and SGD noise", "Everything", "About"):
        assert label in nav, (label, nav)
    assert nav["Everything"] == "papers/" and "review/" in nav.values()  # the generated home


def test_a_nav_without_a_place_for_the_review_is_the_same_warning_in_both_gates(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site nav with no placeholder fails `check --strict` and `mkdocs build --strict` alike."""
    _site_with_own_pages(small_project, nav="nav:\n  - index.md\n")
    assert main(["-C", str(small_project), "check", "--strict"]) == 1
    message = "mkdocs.yml has a nav of its own with no place for the review"
    assert message in capsys.readouterr().err
    result = mkdocs_build(small_project, tmp_path / "site", "--strict")
    assert result.returncode != 0 and message in result.stderr


GATE_CASES = {
    "clean": {},
    "unplaced paper": {"content/topics/optimization.yaml": "title: O\npapers: [label-noise-sgd]\n"},
    "unknown key in a page": {"content/pages/about.md": "# About\n\nSee [@nosuch].\n"},
    "empty topic": {"content/topics/extra.yaml": "title: Extra\n"},
    "generated page replaced": {"content/pages/index.md": "# Mine\n"},
    "provisional title": {
        "content/papers/more.bib": "@misc{p, abstract={An abstract only}, litreview-provisional"
        " = {title}, title={An abstract only}}\n"
    },
}


@pytest.mark.parametrize("case", list(GATE_CASES))
def test_check_and_mkdocs_build_agree(
    small_project: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same problems, with the same severity: both pass, both fail with --strict only, or
    both fail."""
    for name, text in GATE_CASES[case].items():
        (small_project / name).write_text(text, encoding="utf-8")
    checked = main(["-C", str(small_project), "check", "--json"])
    report = json.loads(capsys.readouterr().out)
    strict = main(["-C", str(small_project), "check", "--strict"])
    capsys.readouterr()
    built = mkdocs_build(small_project, tmp_path / "a").returncode
    built_strict = mkdocs_build(small_project, tmp_path / "b", "--strict").returncode
    assert (checked == 0) == (built == 0), case
    assert (strict == 0) == (built_strict == 0), case
    assert (case == "clean") == (not report["errors"] and not report["warnings"])


def test_bulk_curation(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """add takes many keys, remove takes them out of any list of a topic, list finds keys by
    words and placement, suggest applies its choices above a minimum score."""
    root = str(small_project)
    topics = small_project / "content" / "topics"
    (topics / "optimization.yaml").write_text("title: Optimization\npapers: []\n")
    assert main(["-C", root, "list", "--unplaced", "--keys"]) == 0
    unplaced = capsys.readouterr().out.split()
    assert unplaced == ["adversarial-title", "label-noise-sgd"]
    assert main(["-C", root, "list", "--search", "noise", "sgd", "--keys"]) == 0
    assert capsys.readouterr().out.split() == ["label-noise-sgd"]
    assert main(["-C", root, "add", "optimization", *unplaced]) == 0
    assert "added 2 papers to topic 'optimization'" in capsys.readouterr().out
    assert main(["-C", root, "remove", "optimization", "adversarial-title"]) == 0
    assert (topics / "optimization.yaml").read_text() == (
        "title: Optimization\npapers: [label-noise-sgd]\n"
    )
    assert main(["-C", root, "suggest", "--min-score", "0.99", "--apply"]) == 0
    assert "1 papers had no topic scoring at least 0.99" in capsys.readouterr().out
    assert main(["-C", root, "suggest", "--min-score", "0.01", "--apply"]) == 0
    assert "added 'adversarial-title' to topic" in capsys.readouterr().out
    assert main(["-C", root, "list", "--unplaced", "--keys"]) == 0
    assert capsys.readouterr().out.split() == []


def test_rename_topic_keeps_urls_and_references(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rename-topic renames the file, redirects the old URL, and the topics naming it (as
    parent or see_also) follow; the site still builds strictly."""
    root = str(small_project)
    assert main(["-C", root, "rename-topic", "scaling-laws", "scaling"]) == 0
    out = capsys.readouterr().out
    assert "renamed topic 'scaling-laws' to 'scaling'" in out and "updated 1 topic " in out
    topics = small_project / "content" / "topics"
    assert not (topics / "scaling-laws.yaml").exists()
    assert "redirect_from:\n  - scaling-laws\n" in (topics / "scaling.yaml").read_text()
    assert "parent: scaling\n" in (topics / "compute-optimal.yaml").read_text()
    assert main(["-C", root, "check", "--strict"]) == 0
    result = mkdocs_build(small_project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    old = (tmp_path / "site" / "topics" / "scaling-laws" / "index.html").read_text()
    assert 'url=../scaling/"' in old


def test_what_zotero_and_bibtex_tricks_look_like_to_readers(
    small_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A @misc's \\url{...} in howpublished is a link; {\\relax Ch}-style names show no
    \\relax; a name with a stray comma is reported."""
    (small_project / "content" / "papers" / "zotero.bib").write_text(
        "@misc{web2020,\n  title = {A Web Page Worth Reading},\n"
        "  author = {Sharma, {\\relax PK} and Kane, Daniel M.,},\n"
        "  howpublished = {\\url{https://example.org/page}},\n}\n",
        encoding="utf-8",
    )
    (small_project / "content" / "topics" / "optimization.yaml").write_text(
        "title: O\nsummary: See [@web2020].\npapers: [label-noise-sgd, adversarial-title, web2020]\n"
    )
    assert main(["-C", str(small_project), "check"]) == 0
    assert "author name 'Kane, Daniel M.,' has an empty part" in capsys.readouterr().err
    result = mkdocs_build(small_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    paper = _article(tmp_path / "site", "papers/web2020/index.html")
    assert "https://example.org/page" in [a.get("href") for a in paper.select("article a")]
    topic = _article(tmp_path / "site", "topics/optimization/index.html").find("article")
    references = topic.select_one(".lr-references").get_text(" ", strip=True)
    assert "\\url" not in references and "https://example.org/page" in references
    for button in topic.select("button"):
        button.decompose()  # the BibTeX to copy keeps its LaTeX, as BibTeX should
    assert "relax" not in topic.get_text() and "PK" in references


def test_standalone_config_takes_the_site_name(small_project: Path, tmp_path: Path) -> None:
    """`build --mkdocs-config` writes the site's own name (from mkdocs.yml), not a default."""
    config = tmp_path / "built.yml"
    argv = ["-C", str(small_project), "build", "--out", str(tmp_path / "docs")]
    assert main([*argv, "--mkdocs-config", str(config)]) == 0
    assert yaml.safe_load(config.read_text().split("\n", 1)[1])["site_name"] == "Small review"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}; last text:\n{page[:300]}")


def test_serve_sees_topic_folders_made_after_it_started(tmp_path: Path) -> None:
    """The usual start: init, serve, then make topic folders and files; they are served."""
    root = _init(tmp_path)
    source = tmp_path / "lib.bib"
    source.write_text("@article{knuth1984, title={Literate Programming}}\n")
    assert main(["-C", str(root), "import", str(source)]) == 0
    shutil.rmtree(root / "content" / "topics")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(base + "unsorted/", "Literate Programming", 60)
        folder = root / "content" / "topics" / "programming"
        folder.mkdir(parents=True)
        (folder / "literate.yaml").write_text("title: Literate code\npapers: [knuth1984]\n")
        page = _wait_for(base + "topics/literate/", "Literate code", 40)
        assert "papers/knuth1984/" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
