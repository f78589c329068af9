"""Which sentence of an abstract the topic-page excerpt starts at, and why."""

from __future__ import annotations

import pytest

from generator.render.excerpt import excerpt


@pytest.mark.parametrize(
    ("abstract", "starts_with"),
    [
        # The first statement of the contribution, not a later consequence of it.
        (
            "Transformers have emerged as a powerful tool. We propose Gadget, a sparse "
            "layer. We also show that Gadget is fast. Experiments on ImageNet confirm this.",
            "We propose Gadget",
        ),
        # A connective pointing back at an unseen sentence ranks below a plain one.
        (
            "Scaling remains poorly understood. However, we show that loss falls as a "
            "power law. We prove that the exponent depends on the data.",
            "We prove that the exponent",
        ),
        # Framing ("we provide insights") gives way to the result it frames.
        (
            "Diffusion models generalize well. In this work, we provide theoretical "
            "insights into this phenomenon. We prove that training is equivalent to "
            "subspace clustering.",
            "We prove that training",
        ),
        # A finding that motivates a newly named method: the method is the contribution.
        (
            "Token and neuron sparsity are studied apart. We find that key neurons and "
            "tokens reinforce each other. Building on this insight, we propose "
            "CoreMatching, a co-adaptive sparse inference framework.",
            "Building on this insight, we propose CoreMatching",
        ),
        # Closing remarks are never the contribution.
        (
            "Graph models are popular. We hope our work inspires more research. "
            "We derive a bound on the mixing time.",
            "We derive a bound",
        ),
        # With no contribution stated, the first sentence about the paper itself...
        (
            "Language models have become ubiquitous. Recent work remains divided. "
            "Our setting covers both cases. Results follow from a coupling.",
            "Our setting covers",
        ),
        # ... else the first sentence that is not background.
        (
            "Language models have become ubiquitous. Recent work remains divided. "
            "Tokens flow through layers. It works.",
            "Tokens flow through layers.",
        ),
        # A single author writes "I".
        (
            "Work extraction is old. I show that the states must be distinguishable.",
            "I show that",
        ),
    ],
)
def test_the_excerpt_starts_at_the_contribution(abstract: str, starts_with: str) -> None:
    """The default excerpt starts at the sentence that states what the paper contributes."""
    assert excerpt(abstract).startswith(starts_with)


def test_lead_mode_keeps_the_opening() -> None:
    """`lead` ignores the ranking and starts at the first sentence."""
    text = "Deep learning is popular. We prove a new bound."
    assert excerpt(text, mode="lead") == text
