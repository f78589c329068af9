"""Where a litreview project keeps its files.

A project is a folder with ``content/`` (``papers/*.bib`` the paper store,
``topics/**/*.yaml`` the curated topics, ``sources/`` the raw imported files) and an
optional ``templates/`` folder whose templates override the shipped ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    templates_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", templates: str = "templates") -> Project:
        root = root.resolve()
        return cls(root=root, content_dir=root / content, templates_dir=root / templates)

    @property
    def papers_dir(self) -> Path:
        return self.content_dir / "papers"

    @property
    def topics_dir(self) -> Path:
        return self.content_dir / "topics"

    @property
    def sources_dir(self) -> Path:
        return self.content_dir / "sources"

    def display(self, path: Path) -> str:
        """A path as the user should read it in messages: relative to the project."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def store_files(self) -> list[Path]:
        if not self.papers_dir.is_dir():
            return []
        return sorted(self.papers_dir.glob("*.bib"))

    def topic_files(self) -> list[Path]:
        if not self.topics_dir.is_dir():
            return []
        files = [*self.topics_dir.rglob("*.yaml"), *self.topics_dir.rglob("*.yml")]
        return sorted(files, key=lambda p: p.relative_to(self.topics_dir).as_posix())
