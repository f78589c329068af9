"""Does the scipy-only text model serve as well as scikit-learn's? (issue 17)

`python bench/tfidf_equivalence.py [ROOT...]` (default: the repo's own site) fits both
on each project's papers and prints, side by side: the import cost of each (fresh
processes, CPU seconds, median of 5), the time to fit, how many of each paper's five
related papers agree, and how alike the two maps are (the share of each paper's ten
nearest neighbours on the map that agree, and that share against a random layout).
scikit-learn is only needed to run this comparison (it is in the `test` extra).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

import generator
from generator.errors import Diagnostics
from generator.organize import similarity
from generator.organize.similarity import TOKENS, TextModel, document
from generator.organize.tfidf import english_stop_words
from generator.pipeline import load_review
from generator.project import Project

REPO = Path(generator.__file__).resolve().parent.parent


def import_cpu(module: str, runs: int = 5) -> float:
    """Median CPU seconds of importing `module` in a fresh interpreter, less a bare start."""
    code = (
        "import resource, time; t = time.process_time(); import {m}; print(time.process_time() - t)"
    )
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code.format(m=module)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(out.stdout))
    return statistics.median(samples)


def sklearn_model(papers: list, stop_words: object = "english") -> TextModel:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ordered = sorted(papers, key=lambda p: p.key)
    vectorizer = TfidfVectorizer(
        stop_words=stop_words, sublinear_tf=True, min_df=1,
        max_df=0.5 if len(ordered) > 20 else 1.0, token_pattern=TOKENS, dtype=np.float32,
    )  # fmt: skip
    matrix = vectorizer.fit_transform(document(p) for p in ordered)
    return TextModel(tuple(p.key for p in ordered), sparse.csr_matrix(matrix))


def sklearn_layout(model: TextModel) -> dict[str, tuple[float, float]]:
    """The map as it was drawn with scikit-learn's SpectralEmbedding."""
    from sklearn.manifold import SpectralEmbedding

    def embed(graph: sparse.csr_matrix, seed: int = 0) -> np.ndarray:
        return SpectralEmbedding(
            n_components=2, affinity="precomputed", random_state=seed, eigen_solver="lobpcg"
        ).fit_transform(graph)

    original = similarity.spectral_embedding
    similarity.spectral_embedding = embed  # type: ignore[assignment]
    try:
        return model._layout_2d(similarity.MAP_NEIGHBOURS)
    finally:
        similarity.spectral_embedding = original


def related_agreement(a: TextModel, b: TextModel, k: int = 5) -> float:
    ra, rb = a.related(k), b.related(k)
    shared = sum(len({x for x, _ in ra[key]} & {x for x, _ in rb[key]}) for key in ra)
    total = sum(len(v) for v in ra.values()) or 1
    return shared / total


def neighbour_agreement(a: dict, b: dict, k: int = 10) -> float:
    keys = sorted(a)
    pa = np.array([a[key] for key in keys])
    pb = np.array([b[key] for key in keys])

    def nearest(points: np.ndarray) -> list[set[int]]:
        out = []
        for row in points:
            distance = ((points - row) ** 2).sum(axis=1)
            out.append(set(np.argsort(distance, kind="stable")[1 : k + 1].tolist()))
        return out

    na, nb = nearest(pa), nearest(pb)
    return sum(len(x & y) for x, y in zip(na, nb, strict=True)) / (k * len(keys))


def topic_precision(related: dict, topics_of: dict) -> float:
    """The share of related papers that share a topic with the paper: a quality measure
    that needs no reference implementation (curators grouped them)."""
    hits = total = 0
    for key, others in related.items():
        for other, _ in others:
            total += 1
            hits += bool(topics_of.get(key, set()) & topics_of.get(other, set()))
    return hits / (total or 1)


def map_precision(points: dict, topics_of: dict, k: int = 10) -> float:
    """The share of each paper's k nearest neighbours on the map that share a topic."""
    keys = sorted(points)
    xy = np.array([points[key] for key in keys])
    hits = 0
    for index, row in enumerate(xy):
        nearest = np.argsort(((xy - row) ** 2).sum(axis=1), kind="stable")[1 : k + 1]
        mine = topics_of.get(keys[index], set())
        hits += sum(bool(mine & topics_of.get(keys[j], set())) for j in nearest)
    return hits / (k * len(keys))


def compare(root: Path) -> None:
    review = load_review(Project.at(root), Diagnostics())
    papers = list(review.papers.values())
    print(f"\n{root}: {len(papers):,} papers")
    start = time.process_time()
    new = TextModel._fit(sorted(papers, key=lambda p: p.key))
    fit_new = time.process_time() - start
    start = time.process_time()
    old = sklearn_model(papers)
    fit_old = time.process_time() - start
    same_words = sklearn_model(papers, sorted(english_stop_words()))
    print(f"  fit CPU s: scipy {fit_new:.2f}, scikit-learn {fit_old:.2f}")
    difference = abs(same_words.matrix - new.matrix).max()
    print(f"  TF-IDF, same stop words: largest difference {difference:.2e}")
    print(f"  related papers (top 5) shared with scikit-learn's: {related_agreement(old, new):.1%}")
    topics_of = {key: {m.topic.slug for m in ms} for key, ms in review.memberships.items()}
    print(
        "  related papers sharing a topic with the paper: "
        f"scipy {topic_precision(new.related(), topics_of):.1%}, "
        f"scikit-learn {topic_precision(old.related(), topics_of):.1%}"
    )
    if len(papers) <= 6000:
        old_map, new_map = sklearn_layout(old), new.layout_2d()
        rng = np.random.default_rng(0)
        random_map = {key: tuple(rng.random(2)) for key in new_map}
        print(
            f"  map, 10 nearest neighbours shared: {neighbour_agreement(old_map, new_map):.1%}"
            f" (same TF-IDF: {neighbour_agreement(sklearn_layout(new), new_map):.1%};"
            f" a random map: {neighbour_agreement(old_map, random_map):.1%})"
        )
        print(
            "  map, 10 nearest neighbours sharing a topic: "
            f"scipy {map_precision(new_map, topics_of):.1%}, "
            f"scikit-learn {map_precision(old_map, topics_of):.1%}, "
            f"random {map_precision(random_map, topics_of):.1%}"
        )


def main(roots: list[str]) -> None:
    base = import_cpu("numpy")
    print("import CPU s beyond numpy (median of 5 fresh processes):")
    for module in ("scipy.sparse.linalg, scipy.sparse.csgraph, stop_words",
                   "sklearn.feature_extraction.text, sklearn.manifold"):  # fmt: skip
        print(f"  {module}: {import_cpu('numpy, ' + module) - base:.2f}")
    for root in roots or [str(REPO)]:
        compare(Path(root))


if __name__ == "__main__":
    main(sys.argv[1:])
