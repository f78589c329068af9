"""Paper keys derived from titles.

A key is what curators type in topic files and citations, so it is derived from
the title and readable (``scaling-laws-speculative-decoding``). It never changes
once a paper is in the store; pages are named from it by `generator.text.slugs`.
"""

from __future__ import annotations

from slugify import slugify

from generator.text.latex import plain_text

# Words that make a key longer without telling papers apart.
STOPWORDS = (
    "a", "an", "the", "of", "for", "and", "or", "in", "on", "with", "to", "via", "by",
    "from", "at", "as", "is", "are", "its", "into", "towards", "toward", "through",
    "using", "do", "does", "can", "we", "our", "how", "what", "when", "why", "be",
)  # fmt: skip
KEY_WORDS = 5


def title_words(title: str) -> list[str]:
    return [w for w in slugify(plain_text(title), stopwords=STOPWORDS).split("-") if w]


def key_from_title(title: str, taken: set[str]) -> str:
    """A readable key not in `taken` (compared case-insensitively); adds words, then a number."""
    words = title_words(title) or ["untitled"]
    for length in range(min(KEY_WORDS, len(words)), len(words) + 1):
        candidate = "-".join(words[:length])[:80].strip("-")
        if candidate.lower() not in taken:
            return candidate
    base = "-".join(words[:KEY_WORDS])[:76].strip("-")
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
