"""Many topics: related topics from shared papers, bounded cards and charts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.errors import Diagnostics
from generator.organize.review import Review
from generator.pipeline import build_pages, load_review
from generator.project import Project
from generator.render.overview import bridges
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


def _twelve_overlapping_topics(tmp_path: Path) -> Review:
    """Twelve topics of one or two of three papers, some nested, titled against their order."""
    topics = {}
    for i in range(12):
        keys = [PAPERS[j % 3] for j in range(i % 3, i % 3 + 1 + i % 2)]
        parent = f"parent: t{i - 1:02d}\n" if i % 4 else ""
        topics[f"t{i:02d}"] = f"title: Topic {11 - i}\n{parent}papers: [{', '.join(keys)}]\n"
    review = load_review(Project.at(_project(tmp_path, topics)), Diagnostics())
    return review


def test_related_topics_are_those_sharing_most_papers(tmp_path: Path) -> None:
    """Counting shared papers through memberships ranks topics as comparing every pair does."""
    review = _twelve_overlapping_topics(tmp_path)
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
    also = re.search(r'<p class="lr-also"[^>]*>Also in: (.*)</p>', page)
    assert also is not None
    assert also.group(1).count('<a href="../') == ALSO_IN_SHOWN + 1
    assert also.group(1).endswith(
        f' and <a href="../../papers/label-noise-sgd/">{count - ALSO_IN_SHOWN} more</a>'
    )
    paper = next(p.text for p in build.pages if p.path == "papers/label-noise-sgd/index.md")
    assert all(f"topics/t{i:02d}/" in paper for i in range(count))


def test_where_topics_meet_is_what_comparing_every_pair_gives(tmp_path: Path) -> None:
    """The home page's topic pairs that share papers, counted through memberships, are
    those (and in the order) that comparing every pair of topics gives."""
    review = _twelve_overlapping_topics(tmp_path)
    expected = []
    slugs = sorted(review.topics)
    for i, a in enumerate(slugs):
        for b in slugs[i + 1 :]:
            related = {a, *(t.slug for t in review.ancestors(review.topics[a]))}
            related_b = {b, *(t.slug for t in review.ancestors(review.topics[b]))}
            shared = set(review.topics[a].paper_keys()) & set(review.topics[b].paper_keys())
            if shared and a not in related_b and b not in related:
                expected.append((-len(shared), a, b, sorted(shared)))
    expected.sort()
    got = [(a.slug, b.slug, keys) for a, b, keys in bridges(review, limit=len(expected))]
    assert got == [(a, b, keys) for _, a, b, keys in expected] and len(got) > 5


def test_corpus_wide_work_is_done_once_per_build_not_per_page(tmp_path: Path, monkeypatch) -> None:
    """Every page's template is told which browsing pages exist (one needs the author
    index, whose key reads every paper's authors): worked out per page, 20,000 papers
    took 5× as long to build as they should."""
    import generator.render.renderer as renderer

    calls = []
    real = renderer.author_index

    def counted(review: Review) -> object:
        calls.append(1)
        return real(review)

    monkeypatch.setattr(renderer, "author_index", counted)
    build = build_pages(Project.at(_project(tmp_path, {
        "a": f"title: A\npapers: [{PAPERS[0]}, {PAPERS[1]}]\n",
        "b": f"title: B\npapers: [{PAPERS[2]}]\n",
    })), RenderOptions(), Diagnostics())  # fmt: skip
    assert len(build.pages) >= 10
    assert len(calls) <= 2, (
        f"author index looked up {len(calls)} times for {len(build.pages)} pages"
    )
