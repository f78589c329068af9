"""The results table: one column per site, one row per figure, and the goals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from measure import GeneratorTime, Run
from searchindex import IndexSize
from serve import ServeLatency

# The goals of issue 18 (and issue 7's search index).
FLOOR_RATIO_GOAL = 1.10  # full build ÷ floor, imports included
SERVE_RATIO_GOAL = 0.3  # topic edit → served, ÷ a floor build of the same site
LINEAR_GOAL = 11.0  # time at 10× the papers (or topics) ÷ time at 1×
RSS_RATIO_GOAL = 1.1  # peak memory of the plugin build ÷ the floor's, at 20,000 papers
INDEX_RATIO_GOAL = 1.3


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
    synthetic = [r for r in results if r.name != "default"]
    base = min(synthetic, key=lambda r: r.papers) if synthetic else None
    big = max(synthetic, key=lambda r: r.papers) if synthetic else None

    def row(
        label: str, value: Callable[[SiteResult], str], goal: str = "",
        check: Callable[[SiteResult], bool | None] = lambda r: None,
    ) -> tuple[str, list[Cell], str]:  # fmt: skip
        return label, [(value(r), check(r)) for r in results], goal

    def scaling(r: SiteResult) -> str:
        return f"{r.generator.pipeline_s / base.generator.pipeline_s:.1f}x" if base else "-"

    def build_scaling(r: SiteResult) -> str:
        return f"{r.plugin.seconds / base.plugin.seconds:.1f}x" if base else "-"

    def tenfold(r: SiteResult) -> bool:
        return base is not None and r.papers >= 10 * base.papers

    def serve(mode: str, pick: Callable[[ServeLatency], float]) -> Callable[[SiteResult], str]:
        def cell(r: SiteResult) -> str:
            if mode in r.serve:
                return f"{pick(r.serve[mode]):.2f}"
            return "failed" if mode in r.serve_errors else "-"

        return cell

    def serve_rows(mode: str, command: str) -> list[tuple[str, list[Cell], str]]:
        def ratio(r: SiteResult) -> str:
            return f"{r.serve[mode].visible / r.floor.seconds:.2f}x" if mode in r.serve else "-"

        return [
            row(f"{command}: edit -> page served (s)", serve(mode, lambda s: s.visible)),
            row("  served / floor build", ratio, f"<= {SERVE_RATIO_GOAL}x",
                lambda r: r.serve[mode].visible / r.floor.seconds <= SERVE_RATIO_GOAL
                if mode in r.serve else None),
            row("  edit -> reload (s)", serve(mode, lambda s: s.reloaded)),
            row("  of which the rebuild (s)", serve(mode, lambda s: s.rebuild)),
        ]  # fmt: skip

    return [
        row("papers / topics", lambda r: f"{r.papers:,} / {r.topics}"),
        row("pages generated", lambda r: f"{r.generator.pages:,}"),
        row("generator: import (s)", lambda r: f"{r.generator.import_s:.2f}"),
        row("generator: pipeline (s)", lambda r: f"{r.generator.pipeline_s:.2f}"),
        row(f"  pipeline / at {base.papers:,}" if base else "  pipeline scaling", scaling,
            f"<= {LINEAR_GOAL:.0f}x at 10x the papers",
            lambda r: (r.generator.pipeline_s / base.generator.pipeline_s <= LINEAR_GOAL)
            if base and tenfold(r) else None),
        row("  pipeline CPU time (s)", lambda r: f"{r.generator.pipeline_cpu_s:.2f}"),
        row("generator: peak RSS (MB)", lambda r: f"{r.generator.max_rss_mb:.0f}"),
        row("mkdocs build, plugin (s)", lambda r: f"{r.plugin.seconds:.1f}"),
        row("mkdocs build, floor (s)", lambda r: f"{r.floor.seconds:.1f}"),
        row("  plugin / floor", lambda r: f"{r.ratio:.2f}x", f"<= {FLOOR_RATIO_GOAL}x",
            lambda r: r.ratio <= FLOOR_RATIO_GOAL),
        row("  CPU s plugin / floor", lambda r: f"{r.plugin.cpu_seconds:.1f} / "
            f"{r.floor.cpu_seconds:.1f} = {r.cpu_ratio:.2f}x"),
        row(f"  plugin build / at {base.papers:,}" if base else "  plugin build scaling",
            build_scaling, f"<= {LINEAR_GOAL:.0f}x at 10x the papers",
            lambda r: r.plugin.seconds / base.plugin.seconds <= LINEAR_GOAL
            if base and tenfold(r) else None),
        row("peak RSS, plugin build (MB)", lambda r: f"{r.plugin.max_rss_mb:.0f}"),
        row("peak RSS, floor build (MB)", lambda r: f"{r.floor.max_rss_mb:.0f}"),
        row("  plugin / floor", lambda r: f"{r.plugin.max_rss_mb / r.floor.max_rss_mb:.2f}x",
            f"<= {RSS_RATIO_GOAL}x at {big.papers:,}" if big else "",
            lambda r: r.plugin.max_rss_mb / r.floor.max_rss_mb <= RSS_RATIO_GOAL
            if r is big else None),
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


@dataclass
class TopicResult:
    """`litreview build --out` and `check` of a corpus of `topics` topics at fixed papers."""

    topics: int
    papers: int
    build: Run
    check: Run


def topics_table(results: list[TopicResult]) -> str:
    base = results[0]
    header = ["topics at fixed papers", *(f"{r.topics:,}" for r in results), "goal"]

    def scaling(r: TopicResult) -> str:
        ratio = r.build.cpu_seconds / base.build.cpu_seconds
        ok = ratio <= LINEAR_GOAL if r.topics >= 10 * base.topics else None
        return _mark(f"{ratio:.1f}x", ok)

    body = [
        ["papers", *(f"{r.papers:,}" for r in results), ""],
        ["litreview build --out (s)", *(f"{r.build.seconds:.1f}" for r in results), ""],
        ["  CPU (s)", *(f"{r.build.cpu_seconds:.1f}" for r in results), ""],
        [f"  CPU / at {base.topics:,} topics", *(scaling(r) for r in results),
         f"<= {LINEAR_GOAL:.0f}x at 10x the topics"],
        ["  peak RSS (MB)", *(f"{r.build.max_rss_mb:.0f}" for r in results), ""],
        ["litreview check (s)", *(f"{r.check.seconds:.1f}" for r in results), ""],
    ]  # fmt: skip
    return _format([header, *body], left_last=True)


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
