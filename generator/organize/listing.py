"""`litreview list`: the stored papers, filtered by placement, topic or words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.organize.review import Review
from generator.text.latex import plain_text


@dataclass(frozen=True)
class Row:
    key: str
    year: str
    title: str
    topics: tuple[str, ...]

    def line(self) -> str:
        where = ", ".join(self.topics) if self.topics else "(no topic)"
        return f"{self.key}\t{self.year or '----'}\t{self.title}\t[{where}]"


def list_papers(
    review: Review, unplaced: bool = False, topic: str | None = None, words: Sequence[str] = ()
) -> list[Row]:
    """Papers in key order. `words` must all occur (case-insensitively) in the key, title,
    authors or abstract."""
    wanted = [w.casefold() for w in words]
    in_topic = review.subtree_keys(topic) if topic else None
    rows = []
    for key, paper in review.papers.items():
        topics = tuple(m.topic.slug for m in review.memberships.get(key, []))
        if unplaced and topics:
            continue
        if in_topic is not None and key not in in_topic:
            continue
        title = plain_text(paper.title)
        if wanted:
            haystack = " ".join(
                [key, title, " ".join(paper.authors), plain_text(paper.abstract)]
            ).casefold()
            if not all(w in haystack for w in wanted):
                continue
        rows.append(Row(key, paper.year, title, topics))
    return rows
