"""Paper keys: the key a source gave a paper, or one derived from its title.

A key is what curators type in topic files and citations. A paper keeps the key its
source gave it (a BibTeX key, a CSL-JSON id, a RIS ID), so a researcher cites it on
the site as in their paper. Only records without a usable key get one derived from
the title, readable (``scaling-laws-speculative-decoding``). A key never changes once
a paper is in the store; pages are named from it by `generator.text.slugs`.
"""

from __future__ import annotations

import re

from slugify import slugify

from generator.text.citekeys import is_citable
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


# Characters BibTeX and BibLaTeX cannot hold in a key.
_UNWRITABLE = re.compile(r"[\s,{}()\"#%'=\\~]")


def usable_key(key: str | None) -> bool:
    """Whether a source's key can be a store key as it is: BibTeX can write it, a curator
    can cite it as ``[@key]``, and it is a citation key, not an opaque item URL (Zotero's
    CSL ids)."""
    return bool(
        key
        and not _UNWRITABLE.search(key)
        and "://" not in key
        and ".." not in key
        and is_citable(key)
    )


def next_free(key: str, taken: set[str]) -> str:
    """`key-2`, `key-3`…: the first not in `taken` (compared case-insensitively)."""
    number = 2
    while f"{key}-{number}".lower() in taken:
        number += 1
    return f"{key}-{number}"
