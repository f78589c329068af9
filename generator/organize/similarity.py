"""Text similarity over the corpus: related papers, related topics, topic suggestions.

One TF-IDF model (`tfidf`, on scipy.sparse) of titles and abstracts is fitted once per
build.
Related papers are an exact sparse top-k cosine search done in row blocks, so memory
stays linear in the corpus (no n×n matrix) and the result is deterministic: ties are
broken by key order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from generator.cache import Cache
from generator.model import Paper
from generator.organize.spectral import spectral_embedding
from generator.organize.tfidf import english_stop_words, tfidf_matrix

RELATED = 5
# Neighbours per paper in the graph the map is drawn from; also serves RELATED.
MAP_NEIGHBOURS = 10
# Rows of the similarity product computed at once: bounds memory at 20,000 papers.
BLOCK = 512
# Past this many papers, related papers are found in two stages (see _related_two_stage).
EXACT_LIMIT = 3000
PRUNED_TERMS = 40
CANDIDATES = 40
# Words of two or more characters starting with a letter ("scaling", "gpt-4", "l2").
TOKENS = r"(?u)\b[a-zA-Z][a-zA-Z0-9-]+\b"
_MARKUP = re.compile(r"\\[A-Za-z]+|[{}$\\^_]")


def document(paper: Paper) -> str:
    """The text a paper is compared by: title (twice, it is short and telling) and abstract."""
    text = f"{paper.title} {paper.title} {paper.abstract}"
    return _MARKUP.sub(" ", text)


@dataclass(frozen=True)
class TextModel:
    keys: tuple[str, ...]
    matrix: sparse.csr_matrix  # one L2-normalised TF-IDF row per paper
    # Results computed from the model, kept with it (see `fit` on reuse across builds).
    memo: dict[tuple[str, int], Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def fit(cls, papers: Iterable[Paper], cache: Cache | None = None) -> TextModel:
        """The model of these papers. `mkdocs serve` rebuilds after every topic edit while
        the papers stay the same, so a model (and what was computed from it) is cached
        by the digest of every key, title and abstract."""
        ordered = sorted(papers, key=lambda p: p.key)
        digest = hashlib.sha256()
        for paper in ordered:
            digest.update("\x00".join((paper.key, paper.title, paper.abstract, "\x01")).encode())
        return (Cache() if cache is None else cache).get(
            "text-model", digest.hexdigest(), lambda: cls._fit(ordered)
        )

    @classmethod
    def _fit(cls, ordered: list[Paper]) -> TextModel:
        keys = tuple(p.key for p in ordered)
        if not keys:
            return cls(keys, sparse.csr_matrix((0, 0)))
        matrix = tfidf_matrix(
            (document(p) for p in ordered),
            token_pattern=TOKENS,
            stop_words=english_stop_words(),
            max_df=0.5 if len(keys) > 20 else 1.0,
        )
        return cls(keys, sparse.csr_matrix(matrix))

    def related(self, k: int = RELATED) -> dict[str, list[tuple[str, float]]]:
        """The k most similar other papers of every paper, best first. One search for
        the largest k asked so far serves every smaller k."""
        known = max((size for name, size in self.memo if name == "related"), default=0)
        if known < k:
            self.memo[("related", k)] = self._related(k)
            known = k
        return {key: others[:k] for key, others in self.memo[("related", known)].items()}

    def _related(self, k: int) -> dict[str, list[tuple[str, float]]]:
        if len(self.keys) > EXACT_LIMIT:
            return self._related_two_stage(k)
        result: dict[str, list[tuple[str, float]]] = {}
        transposed = self.matrix.T.tocsc()
        for start in range(0, len(self.keys), BLOCK):
            block = (self.matrix[start : start + BLOCK] @ transposed).toarray()
            for offset, row in enumerate(block):
                index = start + offset
                row[index] = -1.0  # never related to itself
                result[self.keys[index]] = self._top(row, k)
        return result

    def _related_two_stage(self, k: int) -> dict[str, list[tuple[str, float]]]:
        """For large corpora: candidates from each paper's strongest terms only (the
        all-pairs product over full vectors grows with the square of the corpus), then
        the candidates re-scored exactly, so the ranking stays that of the full vectors."""
        pruned = _strongest_terms(self.matrix, PRUNED_TERMS)
        transposed = pruned.T.tocsc()
        full = self.matrix
        result: dict[str, list[tuple[str, float]]] = {}
        count = min(CANDIDATES, len(self.keys) - 1)
        for start in range(0, len(self.keys), BLOCK):
            block = (pruned[start : start + BLOCK] @ transposed).toarray()
            rows = np.arange(start, start + len(block))
            block[np.arange(len(block)), rows] = -1.0  # never related to itself
            candidates = np.sort(np.argpartition(-block, count, axis=1)[:, :count], axis=1)
            # Exact cosines of every (paper, candidate) pair of the block in one product.
            left = full[np.repeat(rows, count)]
            right = full[candidates.ravel()]
            exact = np.asarray(left.multiply(right).sum(axis=1)).reshape(len(block), count)
            for offset, index in enumerate(rows):
                pairs = zip(candidates[offset].tolist(), exact[offset].tolist(), strict=True)
                ranked = sorted((-score, other) for other, score in pairs if other != index)
                result[self.keys[index]] = [
                    (self.keys[other], round(-score, 4)) for score, other in ranked[:k] if score < 0
                ]
        return result

    def _top(self, row: np.ndarray, k: int) -> list[tuple[str, float]]:
        candidates = np.arange(len(row)) if len(row) <= k else np.argpartition(-row, k)[: k + 1]
        # Sort by score, then by key index, so equal scores come out in a fixed order.
        ranked = sorted(candidates, key=lambda i: (-float(row[i]), int(i)))
        return [(self.keys[i], round(float(row[i]), 4)) for i in ranked[:k] if row[i] > 0]

    def layout_2d(self, neighbours: int = MAP_NEIGHBOURS) -> dict[str, tuple[float, float]]:
        """Cached `_layout_2d`."""
        if ("layout", neighbours) not in self.memo:
            self.memo[("layout", neighbours)] = self._layout_2d(neighbours)
        return dict(self.memo[("layout", neighbours)])

    def _layout_2d(self, neighbours: int) -> dict[str, tuple[float, float]]:
        """A 2-D map of the papers where similar papers sit close: a spectral embedding
        (`spectral`) of the sparse k-nearest-neighbour similarity graph, scaled to
        [0, 1]. Linear in the corpus, deterministic, and fast enough for every build."""
        n = len(self.keys)
        if n < 3:
            return {key: (0.5, 0.5) for key in self.keys}
        index = {key: i for i, key in enumerate(self.keys)}
        rows, cols, values = [], [], []
        for key, others in self.related(min(neighbours, n - 1)).items():
            for other, score in others:
                rows.append(index[key])
                cols.append(index[other])
                values.append(max(score, 1e-6))
        graph = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
        graph = graph.maximum(graph.T)
        # Each connected component is embedded on its own, so papers sharing no
        # vocabulary with the rest do not squash the map into two points.
        count, labels = connected_components(graph, directed=False)
        points = np.zeros((n, 2))
        sizes = np.bincount(labels)
        order = sorted(range(count), key=lambda c: (-sizes[c], int(np.flatnonzero(labels == c)[0])))
        offset = 0.0
        for component in order:
            members = np.flatnonzero(labels == component)
            if len(members) >= 4:
                embedding = _unit(spectral_embedding(graph[members][:, members]))
            else:
                embedding = np.full((len(members), 2), 0.5)
            width = 1.0 if component == order[0] else 0.08
            embedding[:, 0] = offset + embedding[:, 0] * width
            points[members] = embedding
            offset += width + 0.04
        points = _unit(points)
        return {key: (float(points[i, 0]), float(points[i, 1])) for i, key in enumerate(self.keys)}

    def centroids(self, groups: Mapping[str, Iterable[str]]) -> tuple[list[str], sparse.csr_matrix]:
        """Normalised mean vector of each group of paper keys (e.g. a topic's papers): one
        product of the papers' rows with each group's weights, not a mean per group (10,000
        topics took seconds that way)."""
        index = {key: i for i, key in enumerate(self.keys)}
        names: list[str] = []
        rows: list[int] = []
        columns: list[int] = []
        weights: list[float] = []
        for name, keys in groups.items():
            members = [index[k] for k in keys if k in index]
            if not members:
                continue
            rows += [len(names)] * len(members)
            columns += members
            weights += [1.0 / len(members)] * len(members)
            names.append(name)
        if not names:
            return [], sparse.csr_matrix((0, self.matrix.shape[1]))
        shape = (len(names), self.matrix.shape[0])
        means = sparse.csr_matrix((weights, (rows, columns)), shape=shape) @ self.matrix
        norms = np.sqrt(np.asarray(means.multiply(means).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return names, sparse.csr_matrix(sparse.diags(1.0 / norms) @ means)

    def rank_groups(
        self, groups: Mapping[str, Iterable[str]], keys: Iterable[str]
    ) -> dict[str, list[tuple[str, float]]]:
        """For each paper of `keys`, the groups ranked by the cosine of their centroid
        (mean vector) with the paper, best first; groups scoring 0 are left out. A paper
        inside a group is compared with the group without itself, so where it sits now
        gets no head start."""
        index = {key: i for i, key in enumerate(self.keys)}
        members = {
            name: sorted({index[k] for k in group if k in index}) for name, group in groups.items()
        }
        names = [name for name, rows in members.items() if rows]
        if not names:
            return {key: [] for key in keys}
        sums = sparse.csr_matrix(
            sparse.vstack([sparse.csr_matrix(self.matrix[members[n]].sum(axis=0)) for n in names])
        )
        result = {}
        for key in keys:
            if key not in index:
                continue
            row = self.matrix[index[key]]
            dots = (sums @ row.T).toarray().ravel()
            scores = []
            for position, name in enumerate(names):
                centroid, dot = sums[position], float(dots[position])
                if index[key] in members[name]:
                    if len(members[name]) == 1:
                        continue
                    centroid, dot = centroid - row, dot - float((row @ row.T).toarray()[0, 0])
                norm = float(np.sqrt(centroid.multiply(centroid).sum()))
                score = round(dot / norm, 4) if norm else 0.0
                if score > 0:
                    scores.append((name, score))
            scores.sort(key=lambda item: (-item[1], item[0]))
            result[key] = scores
        return result


def _unit(points: np.ndarray) -> np.ndarray:
    """Scale each axis to [0, 1] (a constant axis sits in the middle)."""
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    scaled = (points - low) / span
    scaled[:, high - low == 0] = 0.5
    return scaled


def _strongest_terms(matrix: sparse.csr_matrix, terms: int) -> sparse.csr_matrix:
    """Each row with only its `terms` largest weights, renormalised."""
    pruned = matrix.tocsr(copy=True)
    for row in range(pruned.shape[0]):
        start, end = pruned.indptr[row], pruned.indptr[row + 1]
        if end - start > terms:
            values = pruned.data[start:end]
            cut = np.partition(values, end - start - terms)[end - start - terms]
            values[values < cut] = 0.0
    pruned.eliminate_zeros()
    norms = np.sqrt(np.asarray(pruned.multiply(pruned).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ pruned)
