"""Words for synthetic papers, taken from the real abstracts and titles of the default store.

Sampling tokens from the real text (with their frequencies) keeps the sizes and the term
distribution of synthetic abstracts close to the real ones, which is what the search
index and the Markdown/HTML conversion costs depend on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FIELD = re.compile(r"^\s*(title|abstract) = \{(.*)\},\s*$")
# Tokens with these characters could unbalance BibTeX braces or math, or turn into
# Markdown/HTML markup; the synthetic text adds its own math and \emph on purpose.
_UNSAFE = re.compile(r"[{}$\\%&#_^~\[\]<>*|`@]")
_INLINE_MATH = re.compile(r"\$[^$]{1,40}\$")

# A few formulas of the shapes the real corpus has, used besides the real ones.
EXTRA_MATH = (
    r"$L(N, D) = E + A N^{-\alpha}$",
    r"$O(1/\sqrt{T})$",
    r"$\mathbb{E}[T]$",
    r"$d \to \infty$",
    r"$\Theta(n \log n)$",
    r"\(O(h^k)\)",
    r"$\epsilon$-optimal",
    r"$H_2$",
)


@dataclass(frozen=True)
class Vocabulary:
    title_words: tuple[str, ...]
    abstract_words: tuple[str, ...]
    math: tuple[str, ...]


def read_vocabulary(bib: Path) -> Vocabulary:
    """Title and abstract tokens (with repeats, so sampling keeps frequencies) and the
    short inline formulas of the real store."""
    titles: list[str] = []
    words: list[str] = []
    math: list[str] = []
    for line in bib.read_text(encoding="utf-8").splitlines():
        found = _FIELD.match(line)
        if not found:
            continue
        name, value = found.groups()
        if name == "abstract":
            math += [m for m in _INLINE_MATH.findall(value) if _balanced(m)]
            words += _tokens(value, strip=".:;")
        else:
            titles += _tokens(value, strip=".:;,")
    if len(words) < 1000 or len(titles) < 100:
        raise ValueError(f"{bib}: too little text to build a vocabulary from")
    return Vocabulary(tuple(titles), tuple(words), tuple(dict.fromkeys(math)) + EXTRA_MATH)


def _tokens(text: str, strip: str) -> list[str]:
    tokens = (t.strip(strip) for t in text.split())
    return [t for t in tokens if t and not _UNSAFE.search(t)]


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
