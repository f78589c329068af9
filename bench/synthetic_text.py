"""Titles, abstracts and curator prose drawn from a `Vocabulary` with a seeded generator."""

from __future__ import annotations

import random

from vocabulary import Vocabulary

from generator.store.keys import STOPWORDS

MATH_SHARE = 0.10  # abstracts with inline math (the real store: a few percent)
EMPH_SHARE = 0.04  # abstracts with \emph{...}


class TextMaker:
    def __init__(self, vocabulary: Vocabulary, rng: random.Random) -> None:
        self.vocabulary = vocabulary
        self.rng = rng

    def title(self, low: int = 6, high: int = 14) -> str:
        words = self.rng.choices(self.vocabulary.title_words, k=self.rng.randint(low, high))
        words[0] = words[0][:1].upper() + words[0][1:]
        if len(words) > 5 and self.rng.random() < 0.3:
            colon = self.rng.randint(1, 3)
            words[colon - 1] += ":"
            words[colon] = words[colon][:1].upper() + words[colon][1:]
        return " ".join(words)

    def sentences(self, n_words: int, short: int = 12, long: int = 28) -> list[str]:
        words = self.rng.choices(self.vocabulary.abstract_words, k=n_words)
        result: list[str] = []
        start = 0
        while start < n_words:
            end = min(n_words, start + self.rng.randint(short, long))
            if n_words - end < short // 2:
                end = n_words
            chunk = words[start:end]
            first = chunk[0]
            chunk[0] = first[:1].upper() + first[1:]
            result.append(" ".join(chunk).rstrip(",") + ".")
            start = end
        return result

    def abstract(self) -> str:
        sentences = self.sentences(self.rng.randint(150, 300))
        if self.rng.random() < MATH_SHARE:
            self._insert(sentences, self.rng.choice(self.vocabulary.math))
        if self.rng.random() < EMPH_SHARE:
            emphasised = " ".join(self.rng.choices(self.vocabulary.abstract_words, k=2))
            self._insert(sentences, f"\\emph{{{emphasised}}}")
        return " ".join(sentences)

    def _insert(self, sentences: list[str], snippet: str) -> None:
        index = self.rng.randrange(len(sentences))
        words = sentences[index].split(" ")
        words.insert(self.rng.randint(1, len(words) - 1), snippet)
        sentences[index] = " ".join(words)

    def cited_paragraph(self, n_words: int, keys: list[str], n_citations: int) -> str:
        """Sentences with `[@key]` / `[@a; @b]` citations of `keys` after some of them."""
        sentences = self.sentences(n_words)
        cited = self.rng.sample(keys, min(n_citations, len(keys)))
        slots = self.rng.sample(range(len(sentences)), min(len(sentences), len(cited)))
        for slot, key in zip(sorted(slots), cited, strict=False):
            others = [k for k in cited if k != key]
            group = [key, self.rng.choice(others)] if others and self.rng.random() < 0.25 else [key]
            refs = "; ".join(f"@{k}" for k in group)
            sentences[slot] = sentences[slot][:-1] + f" [{refs}]."
        return " ".join(sentences)


def slug_words(text: str) -> list[str]:
    """Lowercase ASCII words of `text` without stopwords, as readable keys use them."""
    cleaned = "".join(c if c.isascii() and c.isalnum() else " " for c in text.lower())
    return [w for w in cleaned.split() if w not in STOPWORDS]


def unique_slug(text: str, taken: set[str], words: int = 5) -> str:
    """A lowercase-hyphenated slug of `text` not in `taken` (which it is added to)."""
    parts = slug_words(text) or ["untitled"]
    for length in range(min(words, len(parts)), len(parts) + 1):
        candidate = "-".join(parts[:length])[:80].strip("-")
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    base = "-".join(parts[:words])[:74].strip("-")
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    taken.add(f"{base}-{number}")
    return f"{base}-{number}"
