"""The one Cache of a `mkdocs serve` process: what a build stored, the next build reuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import Cache
from generator.errors import Diagnostics
from generator.organize.similarity import TextModel
from generator.pipeline import build_pages
from generator.project import Project
from generator.render.references import ReferenceFormatter
from generator.render.renderer import RenderOptions


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
