"""Many topics: related topics from shared papers, bounded cards and charts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.errors import Diagnostics
from generator.organize.review import Review
from generator.pipeline import build_pages, load_review
from generator.project import Project
from generator.render.overview import OVERLAP_BRANCHES
from generator.render.renderer import ALSO_IN_SHOWN, RenderOptions
from tests.support import FIXTURES

PAPERS = ["scaling-laws-neural-language", "compute-optimal-training", "label-noise-sgd"]


def _project(tmp_path: Path, topics: dict[str, str]) -> Path:
    """The small fixture's papers with these topic files instead of its own."""
    root = tmp_path / "many"
    shutil.copytree(FIXTURES / "small", root)
    shutil.rmtree(root / "content" / "topics")
    (root / "content" / "topics").mkdir()
    for slug, text in topics.items():
        (root / "content" / "topics" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return root


def _brute_force_related(review: Review, slug: str, limit: int = 3) -> list[str]:
    """Related topics by comparing every pair of topics (the definition)."""
    topic = review.topics[slug]
    skip = {slug, topic.parent, *review.children.get(slug, [])} | {s for s, _ in topic.see_also}
    own = set(topic.paper_keys())
    shared = sorted(
        (-len(own & set(other.paper_keys())), other.title.casefold(), other.slug)
        for other in review.topics.values()
        if other.slug not in skip and own & set(other.paper_keys())
    )
    return [s for *_, s in shared][:limit]


def test_related_topics_are_those_sharing_most_papers(tmp_path: Path) -> None:
    """Counting shared papers through memberships ranks topics as comparing every pair does."""
    topics = {}
    for i in range(12):
        keys = [PAPERS[j % 3] for j in range(i % 3, i % 3 + 1 + i % 2)]
        parent = f"parent: t{i - 1:02d}\n" if i % 4 else ""
        topics[f"t{i:02d}"] = f"title: Topic {11 - i}\n{parent}papers: [{', '.join(keys)}]\n"
    review = load_review(Project.at(_project(tmp_path, topics)), Diagnostics())
    checked = 0
    for slug in review.topics:
        expected = _brute_force_related(review, slug)
        got = [t.slug for t in review.related_topics(review.topics[slug])]
        assert got[: len(expected)] == expected, slug
        checked += len(expected) == 3
    assert checked > 6


def test_a_card_names_a_few_topics_and_links_the_rest(tmp_path: Path) -> None:
    """A paper in many topics: its card names ALSO_IN_SHOWN others and links its page for the rest."""
    count = ALSO_IN_SHOWN + 4
    topics = {f"t{i:02d}": f"title: Topic {i}\npapers: [label-noise-sgd]\n" for i in range(count)}
    topics["rest"] = f"title: Rest\npapers: [{', '.join(PAPERS)}, adversarial-title]\n"
    build = build_pages(Project.at(_project(tmp_path, topics)), RenderOptions(), Diagnostics())
    page = next(p.text for p in build.pages if p.path == "topics/t00/index.md")
    also = re.search(r'<p class="lr-also" markdown>Also in: (.*)</p>', page)
    assert also is not None
    assert also.group(1).count("](../") == ALSO_IN_SHOWN + 1
    assert also.group(1).endswith(
        f" and [{count - ALSO_IN_SHOWN} more](../../papers/label-noise-sgd/index.md)"
    )
    paper = next(p.text for p in build.pages if p.path == "papers/label-noise-sgd/index.md")
    assert all(f"topics/t{i:02d}/index.md" in paper for i in range(count))


def test_overlap_chart_keeps_the_largest_branches(tmp_path: Path) -> None:
    """With more top-level topics than OVERLAP_BRANCHES, the overlap matrix shows the largest."""
    topics = {
        f"t{i:02d}": f"title: Topic {i}\npapers: [{', '.join(PAPERS[: 1 + (i < OVERLAP_BRANCHES)])}]\n"
        for i in range(OVERLAP_BRANCHES + 6)
    }
    topics["t99"] = "title: Topic 99\npapers: [adversarial-title]\n"
    build = build_pages(Project.at(_project(tmp_path, topics)), RenderOptions(), Diagnostics())
    home = next(p.text for p in build.pages if p.path == "index.md")
    overlap = home[home.index('aria-label="Papers shared between top-level topics"') :]
    overlap = overlap[: overlap.index("</svg>")]
    assert overlap.count("rotate(-55)") == OVERLAP_BRANCHES
    assert f"(the {OVERLAP_BRANCHES} largest of {len(topics)})" in home
