"""The search index against the raw text it indexes, and what its bytes are made of."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Diagnostics
from generator.pipeline import load_review
from generator.project import Project

INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True)
class IndexSize:
    index_bytes: int
    raw_bytes: int  # titles + abstracts as stored
    parts: dict[str, int] = field(default_factory=dict)  # bytes by page kind and section

    @property
    def ratio(self) -> float:
        return self.index_bytes / self.raw_bytes if self.raw_bytes else float("nan")


def raw_text_bytes(root: Path) -> int:
    review = load_review(Project.at(root), Diagnostics())
    return sum(len((p.title + p.abstract).encode("utf-8")) for p in review.papers.values())


def _part(location: str) -> str:
    """`papers/<key>/#abstract` → `paper page: #abstract`; the page itself → `(page top)`."""
    page, _, anchor = location.partition("#")
    if page.startswith("papers/") and page != "papers/":
        kind = "paper page"
    elif page.startswith("topics/"):
        kind = "topic page"
    elif page == "papers/":
        kind = "all-papers page"
    elif page in ("", "index.html"):
        kind = "home page"
    else:
        kind = "other pages"
    if kind != "paper page" and anchor:
        anchor = "(sections)"  # anchors made from titles: one bucket per page kind
    return f"{kind}: #{anchor}" if anchor else f"{kind}: (page top)"


def index_size(site: Path, root: Path) -> IndexSize:
    path = site / INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    parts: Counter[str] = Counter()
    for doc in data.get("docs", []):
        size = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        parts[_part(str(doc.get("location", "")))] += size
    for key, value in data.items():
        if key != "docs":
            parts[f"({key})"] += len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    return IndexSize(path.stat().st_size, raw_text_bytes(root), dict(parts))


def abstract_copies(site: Path, root: Path, sample: int = 50) -> float:
    """How many times, on average, a paper's abstract opening (first 60 characters of
    its text) occurs in the index: 1 is the paper page's abstract; more are copies."""
    text = (site / INDEX).read_text(encoding="utf-8")
    review = load_review(Project.at(root), Diagnostics())
    counts = []
    for paper in list(review.papers.values())[:sample]:
        opening = re.sub(r"\s+", " ", paper.abstract)[:60]
        if not opening.isascii() or any(c in opening for c in "$\\\"<>&'"):
            continue
        counts.append(text.count(opening))
    return sum(counts) / len(counts) if counts else float("nan")
