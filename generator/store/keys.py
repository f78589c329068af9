"""Paper keys and the URL slugs derived from them.

A key is what curators type in topic files and citations, so it is derived from
the title and readable (``scaling-laws-speculative-decoding``). It never changes
once a paper is in the store. Keys that came from someone's BibTeX file may hold
anything (``../../etc/passwd``), so pages are named by `page_slug(key)`, which is
a pure function of the key: regrouping topics never moves a paper's URL.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from generator.latex import plain_text

# Words that make a key longer without telling papers apart.
STOPWORDS = (
    "a", "an", "the", "of", "for", "and", "or", "in", "on", "with", "to", "via", "by",
    "from", "at", "as", "is", "are", "its", "into", "towards", "toward", "through",
    "using", "do", "does", "can", "we", "our", "how", "what", "when", "why", "be",
)  # fmt: skip
KEY_WORDS = 5
_SAFE_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


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


def page_slug(key: str) -> str:
    """The path segment of a paper's page. Safe keys are their own slug; any other
    key gets a slugified form plus a short hash of the key, so distinct keys never
    share a page and no key can name a path outside the site."""
    if _SAFE_SLUG.match(key):
        return key
    base = slugify(key, max_length=60, word_boundary=True) or "paper"
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{base}-{digest}"


def is_safe_slug(value: str) -> bool:
    return bool(_SAFE_SLUG.match(value))
