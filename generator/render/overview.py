"""Pictures of the corpus, drawn at build time as inline SVG and HTML.

* the map: every paper placed by text similarity (`TextModel.layout_2d`), marked by
  its top-level topic with a colour and a shape, topic names at cluster centres, and
  a legend that highlights a topic;
* the timeline: papers per year, as HTML bars.

No `<a href>` inside SVG: Material's instant navigation rewrites every `href` it
finds, and an SVG link's `href` is read-only (a console error on every load).
Points carry `data-key` instead, and litreview.js follows them on click. Labels are
HTML laid over the SVG, so their size stays legible however the map is scaled.

Colours come from classes whose values litreview.css sets per colour scheme (each at
least 3:1 against the page background); every text is escaped; output is fixed by
the input, so builds are byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from generator.model import Topic
from generator.organize.review import Review
from generator.text.latex import plain_text

COLOURS = 10  # .lr-c0 … .lr-c9 in litreview.css, one set per colour scheme
SHAPES = ("round", "square", "diamond")
MAP_W, MAP_H, PAD = 1000, 720, 16
# Label size as a fraction of the map's width and height, at the size the map has on a
# desktop (about 690 × 500 px, labels 12 px bold, at most 18 characters a line).
_CHAR_W, _LINE_H, _LINE_CHARS = 0.0115, 0.034, 18
_NUDGES = [(dx, dy) for dy in (0, 1, -1, 2, -2, 3, -3) for dx in (0, -0.08, 0.08)]


@dataclass(frozen=True)
class Branch:
    index: int
    topic: Topic
    keys: frozenset[str]

    @property
    def css(self) -> str:
        """Colour and shape classes: (colour, shape) pairs repeat only after 30 topics."""
        return f"lr-c{self.index % COLOURS} lr-{SHAPES[self.index % len(SHAPES)]}"


def branches(review: Review) -> list[Branch]:
    """The top-level topics with the papers of their whole subtree."""
    roots = review.children.get(None, [])
    return [
        Branch(i, review.topics[slug], frozenset(review.subtree_keys(slug)))
        for i, slug in enumerate(roots)
    ]


def swatch(branch: Branch) -> str:
    """A small picture of a branch's mark, for legends and lists."""
    return (
        f'<svg class="lr-swatch {branch.css}" viewBox="0 0 12 12" aria-hidden="true">'
        f"{_mark(6, 6, branch.index)}</svg>"
    )


def _mark(x: float, y: float, index: int) -> str:
    """A point: a zero-length path whose line cap draws the shape at a fixed pixel
    size (non-scaling stroke), so points stay the same size on a phone and a desktop."""
    if SHAPES[index % len(SHAPES)] == "diamond":
        return f'<path d="M{x - 0.05:.2f} {y - 0.05:.2f}l.1 .1"/>'
    return f'<path d="M{x:.0f} {y:.0f}h0"/>'


def map_html(
    review: Review, topic_href: Callable[[Topic], str], papers_base: str, page_suffix: str
) -> str:
    """The map figure: SVG points, HTML labels, and a legend of topic buttons.

    A point's page is `papers_base` + its slug + `page_suffix` ("papers/" and "/" on
    the home page of a site with directory URLs)."""
    if len(review.papers) < 2:
        return ""
    points = spread(review.text_model.layout_2d())
    tops = branches(review)
    owner: dict[str, int] = {}
    for branch in reversed(tops):
        for key in branch.keys:
            owner[key] = branch.index
    groups: dict[int, list[str]] = {b.index: [] for b in tops}
    groups[-1] = []
    centres: dict[int, list[tuple[float, float]]] = {b.index: [] for b in tops}
    for key, paper in review.papers.items():
        x, y = points.get(key, (0.5, 0.5))
        cx, cy = PAD + x * (MAP_W - 2 * PAD), PAD + y * (MAP_H - 2 * PAD)
        index = owner.get(key, -1)
        mark = _mark(cx, cy, max(index, 0))
        title = escape(plain_text(paper.title))
        groups[index].append(
            mark.replace("/>", f' data-key="{escape(paper.slug)}"><title>{title}</title></path>')
        )
        if index >= 0:
            centres[index].append((x, y))
    label = (
        f"Map of {len(review.papers)} papers, placed by the similarity of their titles and "
        f"abstracts and marked by top-level topic. Arrow keys step through the topics; "
        f"Enter opens the one highlighted."
    )
    svg = [
        f'<svg class="lr-map-svg" viewBox="0 0 {MAP_W} {MAP_H}" role="img" tabindex="0" '
        f'aria-label="{escape(label)}" data-base="{escape(papers_base)}" '
        f'data-suffix="{escape(page_suffix)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if groups[-1]:
        svg.append(f'<g class="lr-other lr-round">{"".join(groups[-1])}</g>')
    for branch in tops:
        svg.append(f'<g class="lr-branch {branch.css}" data-branch="{branch.index}">')
        svg.append("".join(groups[branch.index]) + "</g>")
    svg.append("</svg>")
    labels = _labels(tops, centres)
    legend = [
        f'<li><button type="button" class="lr-legend-item" data-branch="{b.index}" '
        f'data-href="{escape(topic_href(b.topic))}" '
        f'aria-pressed="false">{swatch(b)}{escape(b.topic.title)} '
        f'<span class="lr-count">{len(b.keys)}</span></button></li>'
        for b in tops
    ]
    return (
        '<figure class="lr-figure lr-map" data-search-exclude="true">'
        f'<div class="lr-map-canvas">{"".join(svg)}{labels}</div>'
        "<figcaption>Every paper, placed by the similarity of its title and abstract, and "
        "marked by its top-level topic. Point at a topic below to pick it out; click a "
        "point to open the paper.</figcaption>"
        f'<ul class="lr-legend" aria-label="Topics on the map">{"".join(legend)}</ul>'
        '<p class="lr-map-status" aria-live="polite"></p></figure>'
    )


def spread(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Even out the map's density for reading: each coordinate half its value, half its
    rank. A spectral layout packs most papers into a small core; ranks open the core
    up while neighbours stay neighbours (the order along each axis is kept)."""
    if len(points) < 3:
        return points
    keys = sorted(points)
    result = {key: [0.0, 0.0] for key in keys}
    for axis in (0, 1):
        ordered = sorted(keys, key=lambda k: (points[k][axis], k))
        last = len(ordered) - 1
        for rank, key in enumerate(ordered):
            result[key][axis] = 0.5 * points[key][axis] + 0.5 * rank / last
    return {key: (x, y) for key, (x, y) in result.items()}


def _labels(tops: list[Branch], centres: dict[int, list[tuple[float, float]]]) -> str:
    """Topic names at the middle of their papers (the median, which outliers do not
    pull), nudged a little until they do not cover each other, largest topic first. A
    name that finds no free place nearby is left to the legend."""
    placed: list[tuple[float, float, float, float]] = []
    spans = []
    for branch in sorted(tops, key=lambda b: (-len(centres[b.index]), b.index)):
        pts = centres[branch.index]
        if len(pts) < 3:
            continue
        x = _median([p[0] for p in pts])
        y = _median([p[1] for p in pts])
        text = branch.topic.title
        lines = _wrap(text, _LINE_CHARS)
        width = max(len(line) for line in lines) * _CHAR_W
        height = len(lines) * _LINE_H
        for dx, dy in _NUDGES:
            top = min(max(y + dy * _LINE_H - height / 2, 0.0), 1.0 - height)
            left = min(max(x + dx - width / 2, 0.0), 1.0 - width)
            box = (left, top, left + width, top + height)
            if not any(_overlap(box, other) for other in placed):
                break
        else:
            continue
        placed.append(box)
        spans.append(
            f'<span class="lr-map-label" data-branch="{branch.index}" '
            f'style="left:{100 * (left + width / 2):.1f}%;top:{100 * top:.1f}%">'
            f"{escape(text)}</span>"
        )
    return f'<div class="lr-map-labels" aria-hidden="true">{"".join(spans)}</div>'


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken at spaces, as the browser will."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def timeline_html(
    counts: dict[int, int], anchor: Callable[[int], str] | None = None, what: str = "papers"
) -> str:
    """Papers per year as HTML bars, every year of the span shown (an empty year is a
    gap, not skipped). Over a long span, the few oldest papers share one bar ("before
    1995") so the years that hold the corpus keep their width. With `anchor`, each bar
    links to its year's place."""
    if not counts or (len(counts) < 2 and anchor is None):
        return ""
    first, last = min(counts), max(counts)
    start = _timeline_start(counts)
    earlier = sum(n for year, n in counts.items() if year < start)
    shown = {year: counts.get(year, 0) for year in range(start, last + 1)}
    top = max([*shown.values(), earlier])
    bars = []
    if earlier:
        oldest = min(counts)
        bars.append(_bar(f"before {start}: {earlier} {what}", earlier / top,
                         anchor(oldest) if anchor else None, "lr-bar lr-earlier"))  # fmt: skip
    for year, count in shown.items():
        tip = f"{year}: {count} {what}"
        bars.append(_bar(tip, count / top, anchor(year) if anchor and count else None))
    summary = ", ".join(f"{y}: {n}" for y, n in sorted(counts.items()))
    if anchor is None:
        label = f"{what.capitalize()} per year: {summary}"
        opening = f'<div class="lr-timeline" role="img" aria-label="{escape(label)}">'
    else:
        opening = '<nav class="lr-timeline" aria-label="Years">'
    closing = "</div>" if anchor is None else "</nav>"
    left = f"before {start}" if earlier else str(first)
    middle = f"<span>{(start + last) // 2}</span>" if last - start >= 4 else ""
    axis = (
        f'<div class="lr-timeline-axis" aria-hidden="true"><span>{left}</span>{middle}'
        f"<span>{last}</span></div>"
    )
    return opening + "".join(bars) + closing + axis


def _timeline_start(counts: dict[int, int], longest: int = 40, share: float = 0.98) -> int:
    """The first year drawn on its own: the oldest, unless the span passes `longest`
    years, then the year from which `share` of the papers on."""
    first, last = min(counts), max(counts)
    if last - first < longest:
        return first
    total, seen = sum(counts.values()), 0
    for year in sorted(counts, reverse=True):
        seen += counts[year]
        if seen >= share * total:
            return max(year, last - longest)
    return first


def _bar(tip: str, value: float, href: str | None, cls: str = "lr-bar") -> str:
    style = f'style="--v:{value:.3f}"'
    if href is not None:
        return (
            f'<a class="{cls}" href="{escape(href)}" {style} title="{escape(tip)}" '
            f'aria-label="{escape(tip)}"></a>'
        )
    return f'<span class="{cls}" {style} title="{escape(tip)}"></span>'


def bridges(review: Review, limit: int = 6) -> list[tuple[Topic, Topic, list[str]]]:
    """Pairs of topics that share papers (neither inside the other), most shared first,
    with the keys they share. Counted through each paper's topics, not by comparing every
    pair of topics: a review of 10,000 topics has 50 million pairs, but few shared papers."""
    shared: dict[tuple[str, str], list[str]] = {}
    for key, memberships in review.memberships.items():
        slugs = sorted({m.topic.slug for m in memberships})
        for i, a in enumerate(slugs):
            for b in slugs[i + 1 :]:
                shared.setdefault((a, b), []).append(key)

    def lineage(slug: str) -> set[str]:
        return {slug, *(a.slug for a in review.ancestors(review.topics[slug]))}

    pairs = sorted(
        (-len(keys), a, b, sorted(keys))
        for (a, b), keys in shared.items()
        if a not in lineage(b) and b not in lineage(a)
    )
    return [(review.topics[a], review.topics[b], keys) for _, a, b, keys in pairs[:limit]]
