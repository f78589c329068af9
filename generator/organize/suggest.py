"""Which topics a paper most likely belongs to, for fast curation.

A topic is represented by the mean TF-IDF vector of its papers (its sub-topics'
papers included, so a parent stands for its whole branch). A paper that is already
in a topic is compared with that topic *without* itself, so its current placement
gets no head start when the curator asks whether it would sit better elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from generator.organize.review import Review


@dataclass(frozen=True)
class Suggestion:
    key: str
    ranked: list[tuple[str, float]]  # (topic slug, cosine score), best first


def suggest(review: Review, keys: list[str], top: int = 3) -> list[Suggestion]:
    model = review.text_model
    index = {key: i for i, key in enumerate(model.keys)}
    slugs = [slug for slug in review.topics if review.subtree_keys(slug)]
    members = {
        slug: sorted(index[k] for k in review.subtree_keys(slug) if k in index) for slug in slugs
    }
    sums = sparse.csr_matrix(
        sparse.vstack([sparse.csr_matrix(model.matrix[members[s]].sum(axis=0)) for s in slugs])
    ) if slugs else sparse.csr_matrix((0, model.matrix.shape[1]))  # fmt: skip
    results = []
    for key in keys:
        if key not in index:
            continue
        row = model.matrix[index[key]]
        scores = []
        for position, slug in enumerate(slugs):
            centroid = sums[position]
            count = len(members[slug])
            if index[key] in members[slug]:
                centroid = centroid - row
                count -= 1
            if count == 0:
                continue
            norm = float(np.sqrt(centroid.multiply(centroid).sum()))
            if norm == 0.0:
                continue
            score = float((centroid @ row.T).toarray()[0, 0]) / norm
            scores.append((slug, round(score, 4)))
        scores.sort(key=lambda item: (-item[1], item[0]))
        results.append(Suggestion(key, scores[:top]))
    return results


def as_yaml_snippets(review: Review, suggestions: list[Suggestion]) -> str:
    """Per best topic, a ``papers:`` block to paste into its file."""
    by_topic: dict[str, list[tuple[str, float]]] = {}
    for suggestion in suggestions:
        if suggestion.ranked:
            slug, score = suggestion.ranked[0]
            by_topic.setdefault(slug, []).append((suggestion.key, score))
    blocks = []
    for slug in sorted(by_topic):
        topic = review.topics[slug]
        lines = [f"# {topic.location.path}  ({topic.title})", "papers:"]
        lines += [f"  - {key}  # {score:.2f}" for key, score in by_topic[slug]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
