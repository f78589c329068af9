"""Generated pages and files as MkDocs `File`s: the one place besides the plugin that
knows MkDocs' file model."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.render.paths import Content


class GeneratedPage(File):
    """A page made in memory. `unchanged` says its output would be the same as the last
    build wrote (set by `PageReuse.settle`), so `mkdocs serve --dirty` need not write it."""

    unchanged = False

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, data: bytes) -> GeneratedPage:
        """The page whose Markdown is `data` (UTF-8, as rendered: `render.paths.Page`)."""
        page = cls.generated(config, path, content=data)
        assert isinstance(page, cls)  # File.generated makes an instance of the class it is on
        return page

    def release(self) -> None:
        """Once MkDocs has read the page (it keeps the Markdown as text), a one-off build
        lets go of the bytes: at 20,000 papers, 170 MB."""
        self.content_bytes = b""

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


class LaterFile(File):
    """A generated file whose bytes are made, in pieces, when MkDocs copies it to the site."""

    make: Callable[[], Iterable[bytes]]

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, content: Content) -> File:
        if isinstance(content, bytes):
            return File.generated(config, path, content=content)
        later = cls.generated(config, path, content=b"")
        assert isinstance(later, cls)
        later.make = content
        return later

    @property
    def content_bytes(self) -> bytes:
        return b"".join(self.make())

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.make = lambda: (value,)

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and _holds(self.abs_dest_path, self.make()):
            return  # `mkdocs serve --dirty`: a download a topic edit left the same
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "wb") as output:
            output.writelines(self.make())


def _holds(path: str, pieces: Iterable[bytes]) -> bool:
    """Whether the regular file at `path` holds exactly the bytes `pieces` joined."""
    try:
        if not os.path.isfile(path) or os.path.islink(path):
            return False
        with open(path, "rb") as existing:
            same = all(existing.read(len(piece)) == piece for piece in pieces)
            return same and not existing.read(1)
    except OSError:
        return False
