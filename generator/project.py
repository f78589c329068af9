"""Where a litreview project keeps its files.

A project is a folder with ``content/`` (``papers/*.bib`` the paper store,
``topics/**/*.yaml`` the curated topics, ``sources/`` the raw imported files) and an
optional ``templates/`` folder whose templates override the shipped ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Diagnostics
from generator.settings import Settings, read_settings


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    templates_dir: Path
    pages_dir: Path | None = None  # MkDocs' docs_dir: hand-written pages
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def at(
        cls,
        root: Path,
        content: str = "content",
        templates: str = "templates",
        pages: str | None = None,
        settings: Settings | None = None,
    ) -> Project:
        root = root.resolve()
        return cls(
            root=root,
            content_dir=root / content,
            templates_dir=root / templates,
            pages_dir=root / pages if pages else None,
            settings=settings or Settings(),
        )

    @classmethod
    def configured(cls, root: Path, diagnostics: Diagnostics) -> Project:
        """The project at `root` as its mkdocs.yml (if any) lays it out."""
        settings = read_settings(root.resolve(), diagnostics)
        return cls.at(
            root,
            str(settings.option("content_dir", "content")),
            str(settings.option("templates_dir", "templates")),
            settings.docs_dir if settings.path else None,
            settings,
        )

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

    def pages(self) -> list[tuple[Path, str, str]]:
        """(path, uri below the docs folder, shown path) of each hand-written Markdown page."""
        if self.pages_dir is None or not self.pages_dir.is_dir():
            return []
        files = sorted(p for p in self.pages_dir.rglob("*.md") if p.is_file())
        return [(p, p.relative_to(self.pages_dir).as_posix(), self.display(p)) for p in files]

    def store_files(self) -> list[Path]:
        if not self.papers_dir.is_dir():
            return []
        return sorted(self.papers_dir.glob("*.bib"))

    def topic_files(self) -> list[Path]:
        if not self.topics_dir.is_dir():
            return []
        files = [*self.topics_dir.rglob("*.yaml"), *self.topics_dir.rglob("*.yml")]
        return sorted(files, key=lambda p: p.relative_to(self.topics_dir).as_posix())
