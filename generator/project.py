"""Where a litreview project keeps its files.

A project is a folder with ``content/`` (``papers/*.bib`` the paper store,
``topics/**/*.yaml`` the curated topics, ``sources/`` the raw imported files) and an
optional ``templates/`` folder whose templates override the shipped ones.

Only regular files are inputs. Folders people edit in also hold files that are not:
editors' lock, swap, backup and autosave files (``.#x.yaml``, ``.x.yaml.swp``,
``x.yaml~``, ``#x.yaml#``), macOS's ``._x.yaml``, FIFOs and devices (reading a FIFO
would block forever). These are skipped, never read; `skipped_files` says which.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Diagnostics
from generator.settings import Settings, read_settings

_INPUT_SUFFIXES = (".yaml", ".yml", ".bib")


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
        return sorted(p for p in self.papers_dir.glob("*.bib") if _skip_reason(p, p.name) is None)

    def topic_files(self) -> list[Path]:
        if not self.topics_dir.is_dir():
            return []
        files = [*self.topics_dir.rglob("*.yaml"), *self.topics_dir.rglob("*.yml")]
        kept = [p for p in files if _skip_reason(p, self._below_topics(p)) is None]
        return sorted(kept, key=self._below_topics)

    def skipped_files(self) -> list[tuple[str, str]]:
        """Files in the store and topic folders that look like inputs but are not read:
        each as the user would name it (a link by its own name) and the reason."""
        found = []
        if self.papers_dir.is_dir():
            found += [(p, p.name) for p in self.papers_dir.iterdir()]
        if self.topics_dir.is_dir():
            found += [(p, self._below_topics(p)) for p in self.topics_dir.rglob("*")]
        skipped = []
        for path, relative in sorted(found):
            if any(suffix in path.name for suffix in _INPUT_SUFFIXES):
                reason = _skip_reason(path, relative)
                if reason is not None:
                    skipped.append((self._unresolved(path), reason))
        return skipped

    def _unresolved(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def _below_topics(self, path: Path) -> str:
        return path.relative_to(self.topics_dir).as_posix()


def _skip_reason(path: Path, relative: str) -> str | None:
    """Why `path` (`relative` to its input folder) is not an input, or None."""
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts[:-1]):
        return "in a hidden folder"
    name = parts[-1]
    if name.startswith(".") or name.startswith(("#", "~")) or name.endswith(("~", "#")):
        return "a hidden, lock or backup file"
    if not name.endswith(_INPUT_SUFFIXES):
        return "an editor's swap or backup file"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a broken link: reading it reports the problem at its path
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None
