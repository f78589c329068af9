"""Excerpts measured against 60 default abstracts whose best sentence was chosen by reading."""

from __future__ import annotations

from typing import Any

import yaml

from generator.errors import Diagnostics
from generator.render.excerpt import excerpt
from generator.store.bibfile import read_store
from tests.support import FIXTURES, REPO

LABELS: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "excerpts.yaml").read_text(encoding="utf-8")
)


def _abstracts() -> dict[str, str]:
    store = REPO / "content" / "papers" / "corpus.bib"
    return {p.key: p.abstract for p in read_store([(store, "corpus.bib")], Diagnostics())}


def test_labels_are_sentences_of_their_abstracts() -> None:
    """Each label is a whole sentence of its paper's abstract (so 'contains' means chosen)."""
    from generator.render.excerpt import sentences

    abstracts = _abstracts()
    assert len(LABELS) == 60
    assert all(case["sentence"] in sentences(abstracts[case["key"]]) for case in LABELS)


def test_excerpts_hold_the_labelled_sentence() -> None:
    """The contribution excerpt holds the sentence chosen by reading for at least 85% of
    the 60 labelled abstracts (the first-match rule it replaced: 37 of 60)."""
    abstracts = _abstracts()
    held = [case["key"] for case in LABELS if case["sentence"] in excerpt(abstracts[case["key"]])]
    assert len(held) >= 51, f"{len(held)} of 60"


def test_excerpts_generalise_to_more_labelled_abstracts() -> None:
    """On 60 further labelled abstracts the scorer was not tuned on alone (see the file's
    header), the excerpt holds the labelled sentence for at least 75%."""
    held_out: list[dict[str, Any]] = yaml.safe_load(
        (FIXTURES / "excerpts-holdout.yaml").read_text(encoding="utf-8")
    )
    abstracts = _abstracts()
    held = [c["key"] for c in held_out if c["sentence"] in excerpt(abstracts[c["key"]])]
    assert len(held_out) == 60 and len(held) >= 45, f"{len(held)} of 60"
