"""Browsing by year: the papers of each year, newest first, under a timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.render import overview
from generator.text.latex import plain_text

if TYPE_CHECKING:
    from generator.render.paths import Page
    from generator.render.renderer import Renderer

YEARS_PAGE = "years/index.md"


def years_page(renderer: Renderer) -> list[Page]:
    """The Years page, or nothing when no paper has a year."""
    by_year: dict[int, list] = defaultdict(list)
    for paper in renderer.review.papers.values():
        if paper.year:
            by_year[int(paper.year)].append(paper)
    if not by_year:
        return []
    years = [
        (year, [renderer.line(p) for p in sorted(papers, key=lambda p: plain_text(p.title))])
        for year, papers in sorted(by_year.items(), reverse=True)
    ]
    counts = {year: len(papers) for year, papers in by_year.items()}
    # Built from numbers and escaped text by `overview`.
    timeline = Markup(overview.timeline_html(counts, anchor=lambda year: f"#year-{year}"))  # noqa: S704
    undated = len(renderer.review.papers) - sum(counts.values())
    return [
        renderer.render_kept(
            "years.md.j2",
            YEARS_PAGE,
            years=years,
            timeline=timeline,
            undated=undated,
            total=len(renderer.review.papers),
        )
    ]
