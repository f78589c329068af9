"""TF-IDF rows of a list of documents, on scipy.sparse.

The same weighting scikit-learn's `TfidfVectorizer(sublinear_tf=True)` computes (lower
case, a token pattern, English stop words, terms in more than `max_df` of the documents
dropped, smoothed idf, rows scaled to unit length), written here because importing
scikit-learn costs a build 0.6-0.8 s of CPU (it loads scipy.stats at import), more
than fitting the model itself; see bench/tfidf_equivalence.py for the comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from scipy import sparse
from stop_words import get_stop_words


def english_stop_words() -> frozenset[str]:
    return frozenset(get_stop_words("en"))


def tfidf_matrix(
    documents: Iterable[str], token_pattern: str, stop_words: frozenset[str], max_df: float = 1.0
) -> sparse.csr_matrix:
    """One L2-normalised row per document, one column per kept term (in sorted order)."""
    tokens = re.compile(token_pattern)
    counts: list[dict[str, int]] = []
    for text in documents:
        row: dict[str, int] = {}
        for word in tokens.findall(text.lower()):
            if word not in stop_words:
                row[word] = row.get(word, 0) + 1
        counts.append(row)
    frequency: dict[str, int] = {}
    for row in counts:
        for word in row:
            frequency[word] = frequency.get(word, 0) + 1
    n = len(counts)
    limit = max_df * n
    terms = sorted(word for word, df in frequency.items() if df <= limit)
    column = {word: i for i, word in enumerate(terms)}
    indptr, indices, values = [0], list[int](), list[int]()
    for row in counts:
        kept = sorted((column[w], c) for w, c in row.items() if w in column)
        indices.extend(i for i, _ in kept)
        values.extend(c for _, c in kept)
        indptr.append(len(indices))
    tf = np.asarray(values, dtype=np.float64)
    np.log(tf, out=tf)
    tf += 1.0  # sublinear tf: 1 + log(count)
    matrix = sparse.csr_matrix(
        (tf, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(n, len(terms)),
    )
    df = np.asarray([frequency[w] for w in terms], dtype=np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0  # smoothed: as if one document held every term
    matrix = sparse.csr_matrix(matrix @ sparse.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)
