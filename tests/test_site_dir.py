"""Plain `mkdocs serve` rewrites its site folder in place: MkDocs' emptying finds it
empty, the previous build's pages come back to be rewritten, and nothing else stays."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from generator.emit.site_dir import HOLD, SiteDirKeeper


def _write(path: Path, text: str = "old") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _files(site: Path, *sources: str) -> Files:
    return Files([File(s, "docs", str(site), use_directory_urls=True) for s in sources])


def test_a_rebuild_rewrites_the_pages_it_keeps_and_nothing_else_stays(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page = _write(site / "papers" / "a" / "index.html")
    _write(site / "papers" / "b" / "index.html")  # a page this build has not
    _write(site / "search" / "search_index.json")  # a plugin's: made afresh
    _write(site / "topics" / "x" / "index.html")  # a page whose output comes out empty
    _write(site / "folder-now-file.html" / "index.html")  # a folder where a file goes
    _write(site / ".git" / "HEAD")  # hidden: MkDocs never empties it
    inode = page.stat().st_ino
    keeper = SiteDirKeeper()

    keeper.hold(str(site))
    assert sorted(p.name for p in site.iterdir()) == [".git", HOLD]

    files = _files(site, "papers/a.md", "topics/x.md", "folder-now-file.html")
    keeper.restore(str(site), files)
    assert not (site / HOLD).exists()
    assert page.stat().st_ino == inode  # moved back, not made again
    assert not (site / "papers" / "b").exists()
    assert not (site / "search").exists()
    assert not (site / "folder-now-file.html").exists()

    _write(page, "new")  # what MkDocs writes this build
    _write(site / "search" / "search_index.json", "new")
    keeper.finish(str(site))
    assert page.read_text(encoding="utf-8") == "new"
    assert not (site / "topics").exists()  # not written, so gone, and its folders
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert found == [".git/HEAD", "papers/a/index.html", "search/search_index.json"]


def test_a_failed_build_puts_the_previous_one_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site / "index.html")
    keeper = SiteDirKeeper()
    keeper.hold(str(site))
    keeper.abandon(str(site))
    assert [p.name for p in site.iterdir()] == ["index.html"]
    _write(site / HOLD / "stale.html")  # left by a build that was killed
    keeper.hold(str(site))
    assert [p.name for p in (site / HOLD).iterdir()] == ["index.html"]


def test_dirty_rebuild_deletes_what_the_last_build_had_and_this_one_has_not(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    _write(site / "topics" / "gone" / "index.html")
    _write(site / "topics" / "kept" / "index.html")
    keeper = SiteDirKeeper()
    keeper.forget_removed(str(site), _files(site, "topics/gone.md", "topics/kept.md"))
    keeper.forget_removed(str(site), _files(site, "topics/kept.md"))
    assert not (site / "topics" / "gone").exists()
    assert (site / "topics" / "kept" / "index.html").is_file()
