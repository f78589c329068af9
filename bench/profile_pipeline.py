"""Where the generator's time goes: `python bench/profile_pipeline.py [--papers 5000]`.

Generates the synthetic corpus of that size (or uses `--project DIR`), runs
`build_pages` once under cProfile (imports done first, so they are not counted) and
prints the top functions by own time and by cumulative time, as shares of the run.
With `--memory`, traces allocations instead (tracemalloc): the peak, what the result
holds (pages, downloads) and the source lines holding the most memory at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from synthetic_project import write_project
from vocabulary import read_vocabulary

import generator
from generator.errors import Diagnostics
from generator.pipeline import build_pages
from generator.project import Project
from generator.render.renderer import RenderOptions

REPO = Path(generator.__file__).resolve().parent.parent
SITE_PACKAGES = str(Path(shutil.__file__).parent)


def _where(func: tuple[str, int, str]) -> str:
    path, line, name = func
    for prefix in (str(REPO) + "/", "site-packages/", SITE_PACKAGES + "/"):
        if prefix in path:
            path = path.split(prefix, 1)[1]
    return f"{path}:{line}:{name}".rstrip(":") if line else name


def report(profile: cProfile.Profile, total: float, top: int) -> None:
    stats = pstats.Stats(profile)
    rows = stats.stats  # type: ignore[attr-defined]
    for title, column in (("own time", 2), ("cumulative time", 3)):
        print(f"\ntop {top} by {title} (share of {total:.2f} s):")
        ordered = sorted(rows.items(), key=lambda item: item[1][column], reverse=True)
        for func, (_, calls, own, cumulative, _) in ordered[:top]:
            value = own if column == 2 else cumulative
            print(f"  {100 * value / total:5.1f}%  {value:7.2f} s  {calls:>9,}  {_where(func)}")


def memory_report(root: Path, top: int) -> None:
    tracemalloc.start(1)
    build = build_pages(Project.at(root), RenderOptions(), Diagnostics())
    current, peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    pages = sum(len(p.text.encode("utf-8")) for p in build.pages)
    downloads = sum(len(data) for _, data in getattr(build, "downloads", []))
    print(f"{root}: {len(build.pages):,} pages; traced peak {peak / 1e6:.0f} MB, held at the "
          f"end {current / 1e6:.0f} MB; page Markdown {pages / 1e6:.0f} MB (UTF-8), "
          f"downloads {downloads / 1e6:.0f} MB")  # fmt: skip
    print(f"\ntop {top} source lines by memory held at the end:")
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        where = _where((frame.filename, frame.lineno, ""))
        print(f"  {stat.size / 1e6:8.1f} MB  {stat.count:>9,} blocks  {where}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--project", type=Path, help="profile this project instead")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--memory", action="store_true", help="trace memory, not time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-profile-", dir="/tmp"))
    try:
        root = args.project
        if root is None:
            root = work / "project"
            vocabulary = read_vocabulary(REPO / "content" / "papers" / "corpus.bib")
            write_project(root, args.papers, vocabulary, REPO / "mkdocs.yml")
        if args.memory:
            memory_report(root, args.top)
            return 0
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        build = build_pages(Project.at(root), RenderOptions(), Diagnostics())
        profile.disable()
        total = time.perf_counter() - start
        print(f"{root}: {len(build.pages):,} pages in {total:.2f} s under cProfile")
        report(profile, total, args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
