"""Pictures of the corpus for the home page, drawn at build time as inline SVG.

* topic sizes: a bar per topic, in hierarchy order, each linking to its page;
* topic overlap: a matrix of the top-level branches (the largest `OVERLAP_BRANCHES`,
  so the chart stays readable and its size bounded), shaded by shared papers;
* a map of the papers placed by text similarity (`TextModel.layout_2d`), coloured
  by branch, each point linking to its paper.

The SVG is written here rather than by a charting library: it is a few rectangles
and circles, and inline SVG is what lets every bar and point be a link that works
offline. Every text is escaped; colours come from a fixed palette so builds are
byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from generator.model import Topic
from generator.organize.review import Review
from generator.text.latex import plain_text

# Tableau 10 plus three more, readable on light and dark backgrounds.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#86bcb6", "#d37295", "#a0cbe8", "#8cd17d",
)  # fmt: skip
OTHER = "#9a9a9a"
OVERLAP_BRANCHES = 24
SMALL = "lr-svg-label lr-svg-small"
Link = Callable[[object], str]


@dataclass(frozen=True)
class Branch:
    topic: Topic
    colour: str
    keys: frozenset[str]


def branches(review: Review) -> list[Branch]:
    """The top-level topics with the papers of their whole subtree, and a colour each."""
    roots = review.children.get(None, [])
    return [
        Branch(review.topics[slug], PALETTE[i % len(PALETTE)], frozenset(review.subtree_keys(slug)))
        for i, slug in enumerate(roots)
    ]


def sizes_svg(review: Review, link: Link, width: int = 640) -> str:
    rows = [(depth, topic, len(review.subtree_keys(topic.slug))) for depth, topic in review.walk()]
    if not rows:
        return ""
    colours = {b.topic.slug: b.colour for b in branches(review)}
    biggest = max(count for _, _, count in rows) or 1
    row_h, label_w = 22, 260
    bar_w = width - label_w - 50
    parts = [_open(width, row_h * len(rows) + 8, "Number of papers per topic")]
    colour = OTHER
    for i, (depth, topic, count) in enumerate(rows):
        if depth == 0:
            colour = colours.get(topic.slug, OTHER)
        y = 4 + i * row_h
        length = max(2.0, bar_w * count / biggest)
        title = _short(topic.title, 38 - 3 * depth)
        strong = " lr-svg-strong" if depth == 0 else ""
        parts.append(
            f'<a href="{escape(link(topic))}"><title>{escape(topic.title)}: {count} papers</title>'
            + _text(6 + 14 * depth, y + 15, title, "lr-svg-label" + strong)
            + _rect(label_w, y + 3, length, row_h - 8, colour, 1.0 if depth == 0 else 0.6)
            + _text(label_w + length + 6, y + 15, str(count))
            + "</a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def overlap_svg(review: Review, link: Link, cell: int = 26) -> str:
    tops = branches(review)
    if len(tops) > OVERLAP_BRANCHES:
        largest = sorted(tops, key=lambda b: (-len(b.keys), b.topic.slug))[:OVERLAP_BRANCHES]
        tops = [b for b in tops if b in largest]
    if len(tops) < 2:
        return ""
    label_w = 230
    size = label_w + cell * len(tops) + 10
    parts = [_open(size, size - label_w + 150, "Papers shared between top-level topics")]
    for i, row in enumerate(tops):
        y = 150 + i * cell
        label = _text(label_w - 8, y + cell * 0.65, _short(row.topic.title, 32), anchor="end")
        parts.append(f'<a href="{escape(link(row.topic))}">{label}</a>')
        x = label_w + i * cell + cell / 2
        parts.append(
            f'<text transform="translate({x:.1f},142) rotate(-55)" class="{SMALL}">'
            f"{escape(_short(row.topic.title, 22))}</text>"
        )
        for j, column in enumerate(tops):
            shared = len(row.keys & column.keys)
            union = len(row.keys | column.keys) or 1
            if i == j:
                fill, opacity, what = row.colour, 0.9, f"{shared} papers"
            else:
                fill, what = "currentColor", f"{shared} shared papers"
                opacity = min(0.85, 0.08 + 3 * shared / union) if shared else 0.04
            tip = f"{row.topic.title} × {column.topic.title}: {what}"
            x = label_w + j * cell
            parts.append(_rect(x, y, cell - 2, cell - 2, fill, opacity, tip))
            if shared and i != j:
                middle = x + (cell - 2) / 2
                parts.append(_text(middle, y + cell * 0.62, str(shared), SMALL, "middle"))
    parts.append("</svg>")
    return "".join(parts)


def map_svg(review: Review, link: Link, width: int = 640, height: int = 480) -> str:
    if not review.papers:
        return ""
    points = review.text_model.layout_2d()
    colour_of: dict[str, str] = {}
    for branch in reversed(branches(review)):
        for key in branch.keys:
            colour_of[key] = branch.colour
    pad = 12
    parts = [_open(width, height, "Map of the papers by text similarity, coloured by topic")]
    for key, paper in review.papers.items():
        x, y = points.get(key, (0.5, 0.5))
        cx = pad + x * (width - 2 * pad)
        cy = pad + y * (height - 2 * pad)
        parts.append(
            f'<a href="{escape(link(paper))}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.6" '
            f'fill="{colour_of.get(key, OTHER)}"><title>{escape(plain_text(paper.title))}</title>'
            "</circle></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend_html(review: Review, link: Link) -> str:
    items = [
        f'<li><a href="{escape(link(b.topic))}"><span class="lr-swatch" '
        f'style="background:{b.colour}"></span>{escape(b.topic.title)}</a></li>'
        for b in branches(review)
    ]
    return f'<ul class="lr-legend">{"".join(items)}</ul>'


def years_svg(years: list[int], width: int = 320, height: int = 90) -> str:
    """Papers per year, for a topic whose papers have years (at least 3, over 2+ years)."""
    if len(years) < 3 or len(set(years)) < 2:
        return ""
    first, last = min(years), max(years)
    span = list(range(first, last + 1))
    counts = [years.count(year) for year in span]
    top = max(counts)
    bar = (width - 20) / len(span)
    parts = [_open(width, height, f"Papers per year, {first}–{last}")]
    for i, (year, count) in enumerate(zip(span, counts, strict=True)):
        h = (height - 30) * count / top
        x = 10 + i * bar
        tip = f"{year}: {count} papers"
        parts.append(_rect(x + 1, height - 18 - h, max(1.0, bar - 2), h, PALETTE[0], 1.0, tip))
    parts.append(_text(10, height - 4, str(first), SMALL))
    parts.append(_text(width - 10, height - 4, str(last), SMALL, "end") + "</svg>")
    return "".join(parts)


def _text(x: float, y: float, content: str, cls: str = "lr-svg-label", anchor: str = "") -> str:
    align = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{align} class="{cls}">{escape(content)}</text>'


def _rect(
    x: float, y: float, w: float, h: float, fill: str, opacity: float = 1.0, tip: str = ""
) -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="2" '
        f'fill="{fill}" opacity="{opacity:.2f}">{title}</rect>'
    )


def _open(width: float, height: float, label: str) -> str:
    return (
        f'<svg class="lr-chart" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"
