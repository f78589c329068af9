"""Plain `mkdocs serve` empties its site folder by renaming the old build aside."""

from __future__ import annotations

from pathlib import Path

from generator.emit.site_dir import SiteDirClearer


def test_site_folder_is_empty_at_once_and_the_old_build_goes_away(tmp_path: Path) -> None:
    """After `empty`, the folder holds nothing; after `finish`, no copy of it is left."""
    site = tmp_path / "site"
    (site / "papers" / "a").mkdir(parents=True)
    (site / "papers" / "a" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    clearer = SiteDirClearer()
    clearer.empty(str(site))
    assert list(site.iterdir()) == []
    clearer.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
