"""Emptying `mkdocs serve`'s site folder before a rebuild without waiting for the disk.

Plain `mkdocs serve` deletes the whole previous build before every rebuild. Deleting
~1,300 files is slow where the file system discards freed blocks at once (the CI
machine: ext4 mounted with `discard`): 2.6 s of a 5.3 s rebuild of the default site.
So the previous build's entries are renamed into a sibling folder, which leaves the
site folder empty as MkDocs expects, and that folder is deleted in a background thread
once the new build is written (deleting while it writes slows its writes).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path


class SiteDirClearer:
    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self._pending: list[Path] = []

    def empty(self, site_dir: str) -> None:
        """Move everything in `site_dir` aside, for `delete_later`."""
        folder = Path(site_dir)
        if not folder.is_dir():
            return
        entries = list(folder.iterdir())
        if not entries:
            return
        trash = Path(tempfile.mkdtemp(prefix=".litreview-old-site-", dir=folder.parent))
        for entry in entries:
            os.rename(entry, trash / entry.name)
        self._pending.append(trash)

    def delete_later(self) -> None:
        """Delete what `empty` moved aside, in a background thread (after the build)."""
        for trash in self._pending:
            thread = threading.Thread(target=shutil.rmtree, args=(trash, True), daemon=True)
            thread.start()
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        self._pending = []

    def finish(self) -> None:
        """Wait for the deletions still running (when the server stops)."""
        self.delete_later()
        for thread in self._threads:
            thread.join()
        self._threads = []
