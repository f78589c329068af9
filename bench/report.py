"""The results table: one column per site, one row per figure, and the goals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from measure import GeneratorTime, Run
from searchindex import IndexSize
from serve import ServeLatency

# The goals of issue 7.
FLOOR_RATIO_GOAL = 1.15  # full build ÷ floor, on the default site and at 20,000 papers
PIPELINE_600_GOAL_S = 0.5
LINEAR_GOAL = 35.0  # pipeline at 20,000 ÷ pipeline at 600
RSS_GOAL_MB = 1024.0  # at 20,000 papers
INDEX_RATIO_GOAL = 1.3
SERVE_GOAL_S = 1.5  # on the default site


@dataclass
class SiteResult:
    name: str  # "default" or the paper count
    papers: int
    topics: int
    generator: GeneratorTime
    plugin: Run
    floor: Run
    index: IndexSize
    abstract_copies: float
    build_warnings: list[str]
    max_load: float = 0.0  # highest 1-minute load average seen while measuring
    serve: dict[str, ServeLatency] = field(default_factory=dict)  # by mode: plain, dirty
    serve_errors: dict[str, str] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.plugin.seconds / self.floor.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.plugin.cpu_seconds / self.floor.cpu_seconds if self.floor.cpu_seconds else 0


Cell = tuple[str, bool | None]  # text, goal met (None: no goal for this column)


def _mark(text: str, ok: bool | None) -> str:
    return text if ok is None else f"{text} {'ok' if ok else 'MISS'}"


def _rows(results: list[SiteResult]) -> list[tuple[str, list[Cell], str]]:
    base = next((r for r in results if r.name == "600"), None)

    def row(
        label: str, value: Callable[[SiteResult], str], goal: str = "",
        check: Callable[[SiteResult], bool | None] = lambda r: None,
    ) -> tuple[str, list[Cell], str]:  # fmt: skip
        return label, [(value(r), check(r)) for r in results], goal

    def scaling(r: SiteResult) -> str:
        return f"{r.generator.pipeline_s / base.generator.pipeline_s:.1f}x" if base else "-"

    def serve(mode: str, pick: Callable[[ServeLatency], float]) -> Callable[[SiteResult], str]:
        def cell(r: SiteResult) -> str:
            if mode in r.serve:
                return f"{pick(r.serve[mode]):.2f}"
            return "failed" if mode in r.serve_errors else "-"

        return cell

    def serve_rows(mode: str, command: str) -> list[tuple[str, list[Cell], str]]:
        return [
            row(f"{command}: edit -> page served (s)", serve(mode, lambda s: s.visible),
                f"<= {SERVE_GOAL_S} s (default)",
                lambda r: r.serve[mode].visible <= SERVE_GOAL_S
                if mode in r.serve and r.name == "default" else None),
            row("  edit -> reload (s)", serve(mode, lambda s: s.reloaded)),
            row("  of which the rebuild (s)", serve(mode, lambda s: s.rebuild)),
        ]  # fmt: skip

    return [
        row("papers / topics", lambda r: f"{r.papers:,} / {r.topics}"),
        row("pages generated", lambda r: f"{r.generator.pages:,}"),
        row("generator: import (s)", lambda r: f"{r.generator.import_s:.2f}"),
        row("generator: pipeline (s)", lambda r: f"{r.generator.pipeline_s:.2f}",
            f"<= {PIPELINE_600_GOAL_S} s at 600",
            lambda r: r.generator.pipeline_s <= PIPELINE_600_GOAL_S if r.name == "600" else None),
        row("  pipeline / pipeline at 600", scaling, f"<= {LINEAR_GOAL:.0f}x at 20,000",
            lambda r: (r.generator.pipeline_s / base.generator.pipeline_s <= LINEAR_GOAL)
            if base and r.name == "20000" else None),
        row("  pipeline CPU time (s)", lambda r: f"{r.generator.pipeline_cpu_s:.2f}"),
        row("generator: peak RSS (MB)", lambda r: f"{r.generator.max_rss_mb:.0f}"),
        row("mkdocs build, plugin (s)", lambda r: f"{r.plugin.seconds:.1f}"),
        row("mkdocs build, floor (s)", lambda r: f"{r.floor.seconds:.1f}"),
        row("  plugin / floor", lambda r: f"{r.ratio:.2f}x",
            f"<= {FLOOR_RATIO_GOAL}x (default, 20,000)",
            lambda r: r.ratio <= FLOOR_RATIO_GOAL if r.name in ("default", "20000") else None),
        row("  CPU s plugin / floor", lambda r: f"{r.plugin.cpu_seconds:.1f} / "
            f"{r.floor.cpu_seconds:.1f} = {r.cpu_ratio:.2f}x"),
        row("peak RSS, plugin build (MB)", lambda r: f"{r.plugin.max_rss_mb:.0f}",
            f"<= {RSS_GOAL_MB:.0f} MB at 20,000",
            lambda r: r.plugin.max_rss_mb <= RSS_GOAL_MB if r.name == "20000" else None),
        row("peak RSS, floor build (MB)", lambda r: f"{r.floor.max_rss_mb:.0f}"),
        row("search index (MB)", lambda r: f"{r.index.index_bytes / 1e6:.2f}"),
        row("raw titles+abstracts (MB)", lambda r: f"{r.index.raw_bytes / 1e6:.2f}"),
        row("  index / raw", lambda r: f"{r.index.ratio:.2f}x", f"<= {INDEX_RATIO_GOAL}x",
            lambda r: r.index.ratio <= INDEX_RATIO_GOAL),
        row("  abstract copies in index", lambda r: f"{r.abstract_copies:.1f}"),
        *serve_rows("plain", "serve"),
        *serve_rows("dirty", "serve --dirty"),
        row("build warnings (plugin)", lambda r: str(len(r.build_warnings))),
        row("max load average seen (1 min)", lambda r: f"{r.max_load:.1f}"),
    ]  # fmt: skip


def table(results: list[SiteResult]) -> str:
    header = ["", *(r.name for r in results), "goal"]
    body = [
        [label, *(_mark(text, ok) for text, ok in cells), goal]
        for label, cells, goal in _rows(results)
    ]
    return _format([header, *body], left_last=True)


def index_parts_table(results: list[SiteResult]) -> str:
    """Share of each page kind and section in each site's search index."""
    names = sorted({p for r in results for p in r.index.parts}, key=lambda p: (p[:1] == "(", p))
    header = ["search index bytes", *(r.name for r in results)]
    body = []
    for name in names:
        cells = []
        for r in results:
            size = r.index.parts.get(name, 0)
            cells.append(f"{size / 1e6:.2f} MB {100 * size / r.index.index_bytes:4.1f}%")
        body.append([name, *cells])
    return _format([header, *body])


def _format(rows: list[list[str]], left_last: bool = False) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        if left_last:
            cells[-1] = row[-1].ljust(widths[-1])
        lines.append(" | ".join(cells).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)
