"""The text model on scipy alone: the same numbers scikit-learn computes, without its import."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import sparse

from generator.errors import Diagnostics
from generator.organize.similarity import TOKENS, TextModel, document
from generator.organize.spectral import spectral_embedding
from generator.organize.tfidf import english_stop_words, tfidf_matrix
from generator.pipeline import load_review
from generator.project import Project
from tests.support import REPO


@pytest.fixture(scope="module")
def corpus() -> list:
    review = load_review(Project.at(REPO), Diagnostics())
    return sorted(review.papers.values(), key=lambda p: p.key)


# scikit-learn warns that a stop list holding "ain't" is not made of its own tokens.
@pytest.mark.filterwarnings("ignore:Your stop_words may be inconsistent")
def test_tfidf_matches_scikit_learn(corpus: list) -> None:
    """TF-IDF rows equal TfidfVectorizer's (sublinear tf, smoothed idf, max_df, L2) on the corpus."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = english_stop_words()
    ours = tfidf_matrix((document(p) for p in corpus), TOKENS, stop, max_df=0.5)
    theirs = TfidfVectorizer(
        stop_words=sorted(stop), sublinear_tf=True, max_df=0.5, token_pattern=TOKENS
    ).fit_transform(document(p) for p in corpus)
    assert ours.shape == theirs.shape
    assert abs(ours - theirs).max() < 1e-6


def test_spectral_embedding_matches_scikit_learn(corpus: list) -> None:
    """The map's coordinates equal SpectralEmbedding(lobpcg)'s on the corpus' similarity graph."""
    from sklearn.manifold import SpectralEmbedding

    model = TextModel.fit(corpus)
    index = {key: i for i, key in enumerate(model.keys)}
    rows, cols, values = [], [], []
    for key, others in model.related(10).items():
        for other, score in others:
            rows.append(index[key])
            cols.append(index[other])
            values.append(max(score, 1e-6))
    n = len(model.keys)
    graph = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
    graph = graph.maximum(graph.T)
    largest = np.bincount(sparse.csgraph.connected_components(graph)[1]).argmax()
    members = np.flatnonzero(sparse.csgraph.connected_components(graph)[1] == largest)
    assert len(members) > 100
    component = graph[members][:, members]
    theirs = SpectralEmbedding(
        n_components=2, affinity="precomputed", random_state=0, eigen_solver="lobpcg"
    ).fit_transform(component)
    np.testing.assert_allclose(spectral_embedding(component), theirs, atol=1e-6)


def test_small_graphs_are_solved_densely() -> None:
    """A graph too small for LOBPCG (a 6-cycle) still gets a 2-D embedding, as scikit-learn's."""
    from sklearn.manifold import SpectralEmbedding

    ring = sparse.csr_matrix(
        (
            np.ones(12),
            (list(range(6)) * 2, [(i + 1) % 6 for i in range(6)] + [(i - 1) % 6 for i in range(6)]),
        ),
        shape=(6, 6),
    )
    theirs = SpectralEmbedding(2, affinity="precomputed", random_state=0, eigen_solver="lobpcg")
    np.testing.assert_allclose(spectral_embedding(ring), theirs.fit_transform(ring), atol=1e-8)


def test_a_build_does_not_import_scikit_learn() -> None:
    """The plugin and the whole pipeline run without loading scikit-learn (0.6-0.8 s of CPU)."""
    code = (
        "import sys, pathlib, generator.plugin\n"
        "from generator.errors import Diagnostics\n"
        "from generator.pipeline import build_pages\n"
        "from generator.project import Project\n"
        "from generator.render.renderer import RenderOptions\n"
        f"build_pages(Project.at(pathlib.Path({str(REPO)!r})), RenderOptions(), Diagnostics())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sklearn', 'scipy.stats'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_centroids_are_the_normalised_means_of_their_groups(corpus: list) -> None:
    """Each group's centroid is the mean of its papers' rows, scaled to length 1 (the
    definition, computed group by group); empty and unknown groups are left out."""
    model = TextModel.fit(corpus)
    keys = [p.key for p in corpus]
    groups = {
        "one": keys[:1],
        "some": keys[3:40:3],
        "many": keys[100:400],
        "repeated": [keys[5], keys[5], keys[9]],
        "unknown": ["no-such-paper"],
        "empty": [],
    }
    names, centroids = model.centroids(groups)
    assert names == ["one", "some", "many", "repeated"]
    index = {key: i for i, key in enumerate(model.keys)}
    for row, name in enumerate(names):
        mean = np.asarray(model.matrix[[index[k] for k in groups[name]]].mean(axis=0)).ravel()
        expected = mean / np.linalg.norm(mean)
        assert np.abs(centroids[row].toarray().ravel() - expected).max() < 1e-6, name  # float32
