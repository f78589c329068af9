"""The one Cache of a `mkdocs serve` process: what a build stored, the next build reuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import Cache
from generator.errors import Diagnostics
from generator.organize.similarity import TextModel
from generator.pipeline import build_pages
from generator.project import Project
from generator.render.paths import PAPERS_INDEX
from generator.render.references import ReferenceFormatter
from generator.render.renderer import Renderer, RenderOptions


def test_a_second_build_reuses_the_model_and_references(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the same (at first empty) Cache, a rebuild fits no model and formats no reference."""
    calls: list[str] = []
    fit, format_ = TextModel._fit.__func__, ReferenceFormatter._format  # type: ignore[attr-defined]
    monkeypatch.setattr(
        TextModel, "_fit", classmethod(lambda cls, papers: calls.append("fit") or fit(cls, papers))
    )
    monkeypatch.setattr(
        ReferenceFormatter, "_format", lambda self, key: calls.append("ref") or format_(self, key)
    )
    cache = Cache()
    per_build = []
    for _ in range(2):
        cache.start_build()
        build = build_pages(Project.at(small_project), RenderOptions(), Diagnostics(), cache=cache)
        assert build.pages
        per_build.append(sorted(set(calls)))
        calls.clear()
    assert per_build == [["fit", "ref"], []]


KAPLAN_PAPER = """
@misc{data-scaling,
  author = {Jared Kaplan and Hoffmann, Jordan},
  title = {Data Scaling for Language Models},
  year = {2023},
  abstract = {We measure how loss falls with data when compute is held fixed, and compare with the compute-optimal frontier.},
}
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _pages(project: Path, cache: Cache) -> dict[str, str]:
    cache.start_build()
    build = build_pages(Project.at(project), RenderOptions(), Diagnostics(), cache=cache)
    return {page.path: page.text for page in build.pages}


def test_pages_kept_across_rebuilds_follow_every_kind_of_edit(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `mkdocs serve` topic, paper and author pages are kept while their inputs are
    the same. After each edit in turn (of the store, a topic, a note, an author, a
    template of the user's), the rebuild with the kept pages equals a fresh build, and
    the edit did change some page."""
    topics, store = small_project / "content" / "topics", small_project / "content" / "papers"
    templates = small_project / "templates"
    shipped = (Path(__file__).parent.parent / "templates" / "paper.md.j2").read_text("utf-8")

    def own_template(text: str) -> None:
        templates.mkdir(exist_ok=True)
        (templates / "paper.md.j2").write_text(text, encoding="utf-8")

    edits = {
        "a paper added, placed": lambda: (
            (store / "library.bib").open("a", encoding="utf-8").write(KAPLAN_PAPER),
            _edit(topics / "optimization.yaml", "  - label-noise-sgd\n",
                  "  - label-noise-sgd\n  - data-scaling\n"),
        ),
        "topic retitled": lambda: _edit(
            topics / "compute-optimal.yaml", "title: Compute-optimal scaling", "title: Budgets"
        ),
        "note edited": lambda: _edit(
            topics / "optimization.yaml", "note: A paper whose title is hostile.",
            "note: Hostile, unlike [@compute-optimal-training].",
        ),
        "paper moved": lambda: (
            _edit(topics / "optimization.yaml", "  - data-scaling\n", ""),
            _edit(topics / "scaling-laws.yaml", "papers:\n", "papers:\n  - data-scaling\n"),
        ),
        "author renamed": lambda: _edit(store / "library.bib", "Hoffmann, Jordan and Borgeaud",
                                        "Hoffmann, J. and Borgeaud"),
        "paper retitled": lambda: _edit(
            store / "library.bib", "Training Compute-Optimal", "Training Compute-Efficient"
        ),
        "a template of the user's": lambda: own_template(shipped + "\nMine.\n"),
        "a note edited under the user's template": lambda: _edit(
            topics / "optimization.yaml", "note: Hostile, unlike", "note: Hostile, as ever, unlike"
        ),
        "the user's template reads the review": lambda: own_template(
            shipped + "\n{{ review.topics | length }} topics.\n"
        ),
        "a topic added, read by the user's template": lambda: (topics / "new.yaml").write_text(
            "title: New\npapers: [label-noise-sgd]\n", encoding="utf-8"
        ),
    }  # fmt: skip
    rendered: list[str] = []
    render = Renderer.render_template
    monkeypatch.setattr(
        Renderer, "render_template",
        lambda self, template, here, **kw: rendered.append(here) or render(self, template, here, **kw),
    )  # fmt: skip
    cache = Cache(lasting=True)
    before = _pages(small_project, cache)
    reused = {}
    for name, edit in edits.items():
        edit()
        rendered.clear()
        kept = _pages(small_project, cache)
        reused[name] = set(kept) - set(rendered)
        assert kept == _pages(small_project, Cache()), name
        assert kept != before, f"{name}: the edit changed no page"
        before = kept
    # Pages whose inputs were the same were kept: after a note is edited, the pages of
    # papers in other topics, also from a paper template of the user's that names no
    # `review`; no paper page while the user's own template may read the whole review.
    untouched = {
        "papers/compute-optimal-training/index.md",
        "papers/scaling-laws-neural-language/index.md",
    }
    assert untouched <= reused["note edited"]
    assert untouched <= reused["a note edited under the user's template"]
    assert "papers/label-noise-sgd/index.md" in reused["topic retitled"]
    assert "papers/index.md" in reused["topic retitled"]  # it names no topic
    assert "topics/scaling-laws/index.md" in reused["a template of the user's"]
    for name in (
        "the user's template reads the review",
        "a topic added, read by the user's template",
    ):
        paper_pages = {p for p in reused[name] if p.startswith("papers/") and p != PAPERS_INDEX}
        assert not paper_pages, (name, reused[name])


def test_a_topic_file_is_parsed_again_only_when_its_text_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reuses the parse of an unchanged topic file and says its problems
    again; an edited file is parsed anew."""
    import generator.load.topics as topics_module

    path = tmp_path / "t.yaml"
    path.write_text("title: T\npapers: [a]\ncolour: red\n", encoding="utf-8")
    parsed: list[str] = []
    parse = topics_module.parse_topic

    def counting(slug: str, text: str, shown: str, diagnostics: Diagnostics) -> object:
        parsed.append(slug)
        return parse(slug, text, shown, diagnostics)

    monkeypatch.setattr(topics_module, "parse_topic", counting)
    cache = Cache(lasting=True)
    for expected in (1, 1):
        cache.start_build()
        diagnostics = Diagnostics()
        (topic,) = topics_module.read_topics([(path, "t.yaml")], diagnostics, cache)
        assert topic.title == "T" and len(parsed) == expected
        assert [p.location.line for p in diagnostics.problems if "colour" in p.message] == [3]
    path.write_text("title: U\npapers: [a]\n", encoding="utf-8")
    cache.start_build()
    (topic,) = topics_module.read_topics([(path, "t.yaml")], Diagnostics(), cache)
    assert topic.title == "U" and len(parsed) == 2


def test_the_cache_keeps_what_the_last_build_used_and_drops_the_rest() -> None:
    """An entry lives while each build uses it; one a build did not use is gone when
    the next starts (memory stays at about one build's worth)."""
    cache = Cache(lasting=True)
    made: list[str] = []

    def get(key: str) -> str:
        return cache.get("kind", key, lambda: made.append(key) or key.upper())

    cache.start_build()
    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"]
    cache.start_build()
    assert get("a") == "A"  # kept: the last build used it
    assert len(cache) == 2  # "b" is still there until the next build starts
    cache.start_build()
    cache.start_build()  # a build that used nothing drops nothing
    assert len(cache) == 1
    assert [get("a"), get("b")] == ["A", "B"]
    assert made == ["a", "b", "b"]  # "b" made again: the second build did not use it
