"""`mkdocs serve`'s site folder, kept from one rebuild to the next and rewritten in place.

Plain `mkdocs serve` empties its site folder before every rebuild and writes every file
again. On a disk with a journal, making the ~1,700 files and ~1,100 folders of the
default site is what costs, not writing them (the CI machine: 1.1-1.6 s to create 1,000
pages in new folders, 0.06-0.15 s to rewrite them), and deleting them is slow where
freed blocks are discarded at once. So, for each rebuild:

* `hold` (`on_pre_build`): the previous build's entries move into a hidden folder of
  the site folder, which MkDocs' emptying leaves alone (it skips hidden entries);
* `restore` (`on_env`, once every plugin has set the build's files): they move back.
  Of the files, only those MkDocs writes itself this build are kept (its pages and
  static files, which it writes whole every time): every other file goes, so what
  the theme and other plugins write is made afresh, as in an emptied folder. A kept
  file is marked by a modification time no write gives;
* `finish` (`on_post_build`, last): a kept file still marked was not written (a page
  whose output came out empty) and goes, with the folders left empty.

So the folder ends as an emptied one would; `tests/test_serve.py` compares every served
file with a fresh build's, and asks for the pages an edit removed. Under --dirty
MkDocs empties nothing and rewrites only what changed, so `forget_removed` deletes the
pages and static files the last build had and this one has not (a deleted topic's page
and downloads); MkDocs itself would serve them until the server restarts.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from mkdocs.structure.files import Files

HOLD = ".litreview-previous-build"
# 1970-01-02 plus an odd count of nanoseconds: no write or copy of this build gives it.
MARK_NS = 86_400 * 10**9 + 271_828_183


class SiteDirKeeper:
    def __init__(self) -> None:
        self._held: Path | None = None
        self._marked: list[str] = []
        self._last: set[str] = set()

    def hold(self, site_dir: str) -> None:
        """Move the previous build out of MkDocs' reach (before it empties the folder)."""
        folder = Path(site_dir)
        hold = folder / HOLD
        _remove(hold)  # left by a build that failed before `restore`
        if not folder.is_dir():
            return
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
        if not entries:
            return
        hold.mkdir()
        for entry in entries:
            os.rename(entry, hold / entry.name)
        self._held = hold

    def restore(self, site_dir: str, files: Files) -> None:
        """Move the previous build back, keeping only the files MkDocs writes again."""
        hold, self._held = self._held, None
        wanted = _destinations(files)
        self._last = wanted
        self._marked = []
        emptied: set[str] = set()
        for target in _put_back(hold, site_dir):
            self._keep_wanted(target, wanted, emptied)
        _prune(emptied, site_dir)

    def abandon(self, site_dir: str) -> None:
        """The build failed (`on_build_error`): whatever was held goes back as it was."""
        hold, self._held = self._held, None
        _put_back(hold, site_dir)

    def forget_removed(self, site_dir: str, files: Files) -> None:
        """Under --dirty: delete the pages and static files the last build wrote and
        this one has not (`on_env`)."""
        wanted = _destinations(files)
        gone = sorted(self._last - wanted)
        self._last = wanted
        for path in gone:
            if os.path.isfile(path) and not os.path.islink(path):
                os.unlink(path)
        _prune({os.path.dirname(path) for path in gone}, site_dir)

    def finish(self, site_dir: str) -> None:
        """After every write of the build: a kept file not written again goes."""
        folders = set()
        for path in self._marked:
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_mtime_ns == MARK_NS:
                os.unlink(path)
                folders.add(os.path.dirname(path))
        self._marked = []
        _prune(folders, site_dir)

    def _keep_wanted(self, top: str, wanted: set[str], emptied: set[str]) -> None:
        """Delete what below `top` MkDocs will not write; mark the rest. The folders
        things were deleted from are added to `emptied`."""
        if os.path.islink(top) or not os.path.isdir(top):
            self._keep_file(top, wanted, emptied)
            return
        if os.path.normpath(top) in wanted:  # a file goes where this folder was
            shutil.rmtree(top)
            return
        for root, folders, names in os.walk(top):
            for name in list(folders):
                path = os.path.join(root, name)
                if os.path.islink(path) or os.path.normpath(path) in wanted:
                    folders.remove(name)
                    _remove(Path(path))
                    emptied.add(root)
            for name in names:
                self._keep_file(os.path.join(root, name), wanted, emptied)

    def _keep_file(self, path: str, wanted: set[str], emptied: set[str]) -> None:
        if os.path.normpath(path) in wanted and os.path.isfile(path) and not os.path.islink(path):
            os.utime(path, ns=(MARK_NS, MARK_NS), follow_symlinks=False)
            self._marked.append(path)
        else:
            os.unlink(path)
            emptied.add(os.path.dirname(path))


def _put_back(hold: Path | None, site_dir: str) -> list[str]:
    """Move what `hold` holds back into `site_dir` and delete `hold`; an entry the build
    wrote anew meanwhile stays, and the held one goes. Returns the paths moved back."""
    if hold is None or not hold.is_dir():
        return []
    moved = []
    for entry in hold.iterdir():
        target = os.path.join(site_dir, entry.name)
        if not os.path.lexists(target):
            os.rename(entry, target)
            moved.append(target)
    _remove(hold)
    return moved


def _destinations(files: Files) -> set[str]:
    """Where MkDocs writes this build's pages and static files (in `mkdocs serve`)."""
    return {os.path.normpath(f.abs_dest_path) for f in files if f.inclusion.is_in_serve()}


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _prune(folders: set[str], site_dir: str) -> None:
    """Delete the folders of `folders` left empty, and their parents up to `site_dir`."""
    top = os.path.normpath(site_dir)
    for folder in sorted(folders, key=len, reverse=True):
        folder = os.path.normpath(folder)
        while folder != top and folder.startswith(top + os.sep):
            try:
                os.rmdir(folder)
            except OSError:  # not empty, or gone
                break
            folder = os.path.dirname(folder)
