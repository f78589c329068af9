"""Which topics a paper most likely belongs to, for fast curation.

A topic stands for its whole branch (its sub-topics' papers included), compared by
the centroid of its papers (`TextModel.rank_groups`, which leaves the paper itself
out of a topic it is in). Topics scoring nothing, or less than the minimum asked
for, are not suggested: a paper with no good topic says so instead of landing in the
alphabetically first one.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.organize.review import Review


@dataclass(frozen=True)
class Suggestion:
    key: str
    ranked: list[tuple[str, float]]  # (topic slug, cosine score), best first


def suggest(
    review: Review, keys: list[str], top: int = 3, min_score: float = 0.0
) -> list[Suggestion]:
    groups = {slug: review.subtree_keys(slug) for slug in review.topics}
    ranked = review.text_model.rank_groups(groups, keys)
    return [
        Suggestion(key, [(s, score) for s, score in ranked[key] if score >= min_score][:top])
        for key in keys
        if key in ranked
    ]


def best_topics(suggestions: list[Suggestion]) -> dict[str, list[str]]:
    """The papers to add to each topic: every paper to its best-ranked topic."""
    chosen: dict[str, list[str]] = {}
    for suggestion in suggestions:
        if suggestion.ranked:
            chosen.setdefault(suggestion.ranked[0][0], []).append(suggestion.key)
    return dict(sorted(chosen.items()))


def as_yaml_snippets(review: Review, suggestions: list[Suggestion]) -> str:
    """Per best topic, a ``papers:`` block to paste into its file."""
    scores = {s.key: s.ranked[0][1] for s in suggestions if s.ranked}
    blocks = []
    for slug, keys in best_topics(suggestions).items():
        topic = review.topics[slug]
        lines = [f"# {topic.location.path}  ({topic.title})", "papers:"]
        lines += [f"  - {key}  # {scores[key]:.2f}" for key in keys]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
