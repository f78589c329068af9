"""The files every site needs beside its pages: our CSS and scripts, and MathJax.

MathJax comes from the django-static-mathjax package and is shipped inside the
site, so no page needs the network.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

ASSET_DIR = "assets/litreview"
# Stylesheets and scripts pages rely on, in the order a page loads them: the MathJax
# configuration comes first; litreview.js loads MathJax itself (mathjax/tex-chtml.js,
# beside it) on the pages that have math.
STYLESHEETS = (f"{ASSET_DIR}/litreview.css",)
SCRIPTS = (
    f"{ASSET_DIR}/mathjax-config.js",
    f"{ASSET_DIR}/litreview.js",
)
# The part of MathJax 3 that TeX-in, CommonHTML-out needs: the component, its fonts and
# the TeX extensions it loads on demand (about 2 MB).
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def asset_files() -> list[tuple[str, bytes]]:
    """(path below the docs folder, content) of the CSS, scripts and MathJax files."""
    package = resources.files("generator") / "assets"
    files = [
        (f"{ASSET_DIR}/{name}", (package / name).read_bytes())
        for name in ("litreview.css", "litreview.js", "mathjax-config.js")
    ]
    return files + mathjax_files()


@lru_cache(maxsize=1)
def _mathjax_root() -> Path:
    return Path(str(resources.files("mathjax") / "static" / "mathjax"))


def mathjax_files() -> list[tuple[str, bytes]]:
    root = _mathjax_root()
    es5 = root / "es5"
    files = [(f"{ASSET_DIR}/mathjax/LICENSE", (root / "LICENSE").read_bytes())]
    for part in MATHJAX_PARTS:
        path = es5 / part
        members = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for member in members:
            relative = member.relative_to(es5).as_posix()
            files.append((f"{ASSET_DIR}/mathjax/{relative}", member.read_bytes()))
    return files
