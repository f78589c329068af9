"""A 2-D spectral embedding of a connected similarity graph, on scipy.

The Laplacian eigenmap scikit-learn's `SpectralEmbedding(affinity="precomputed",
eigen_solver="lobpcg")` computes, step for step (normalised Laplacian, LOBPCG from a
seeded start, the first eigenvector dropped, signs fixed), written here so that a
build does not import scikit-learn (see `tfidf` on why). LOBPCG, not ARPACK's
shift-invert: that factorises the graph (5.6 s at 5,000 papers, worse than linear);
this stays near-linear.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.linalg import eigh
from scipy.sparse.csgraph import laplacian as graph_laplacian
from scipy.sparse.linalg import lobpcg

DIMENSIONS = 2


def spectral_embedding(graph: sparse.csr_matrix, seed: int = 0) -> np.ndarray:
    """One row of `DIMENSIONS` coordinates per node of the symmetric, connected `graph`."""
    nodes = graph.shape[0]
    wanted = DIMENSIONS + 1  # the first eigenvector is constant up to degree: dropped
    laplacian, degrees = graph_laplacian(graph, normed=True, return_diag=True)
    if nodes < 5 * wanted + 1:  # too small for LOBPCG: solve it densely
        _, vectors = eigh(sparse.csr_matrix(laplacian).toarray(), check_finite=False)
    else:
        laplacian = sparse.coo_matrix(laplacian)
        laplacian.data[laplacian.row == laplacian.col] = 1.0
        start = np.random.RandomState(seed).standard_normal(size=(nodes, wanted + 1))
        start[:, 0] = degrees.ravel()
        _, vectors = lobpcg(
            laplacian.tocsr(), start.astype(laplacian.dtype), tol=None, largest=False, maxiter=2000
        )
    embedding = vectors.T[:wanted] / degrees
    # Each vector's sign set so its largest entry is positive: the same map every build.
    largest = np.argmax(np.abs(embedding), axis=1)
    embedding *= np.sign(embedding[np.arange(wanted), largest])[:, np.newaxis]
    return np.asarray(embedding[1:wanted].T)
