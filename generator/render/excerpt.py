"""Short excerpts of abstracts for topic pages.

Sentences are split on ``. ! ?`` followed by a capital, never inside a formula,
after a known abbreviation ("e.g.", "et al.", "Fig.") or inside a decimal. The
default excerpt picks the sentences that state the contribution ("we show / prove /
propose ...") rather than the background opener; ``lead`` takes the first ones.
"""

from __future__ import annotations

import re

from generator.text.latex import MATH

LIMIT = 300
ABBREVIATIONS = (
    "e.g", "i.e", "al", "etc", "cf", "vs", "fig", "figs", "eq", "eqs", "sec", "ref",
    "refs", "no", "approx", "resp", "dr", "prof", "st", "vol", "thm", "lem", "prop",
)  # fmt: skip
_BOUNDARY = re.compile(r"([.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\\$])")
_CONTRIBUTION = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)|our (?:work|results?|analysis|method|approach)|"
    r"here)\b[^.]{0,80}?\b(?:show|prove|propose|introduce|present|develop|establish|derive|"
    r"demonstrate|find|provide|identify|obtain|characteri[sz]e|study|analy[sz]e|give|design)",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """Split `text` into sentences without breaking formulas or abbreviations."""
    protected = [(m.start(), m.end()) for m in MATH.finditer(text)]
    result, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        if any(a < end < b for a, b in protected):
            continue
        before = text[start : end - 1].rstrip()
        word = re.split(r"[\s(]", before)[-1].lower() if before else ""
        if match.group(1) == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        result.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


def excerpt(text: str, mode: str = "contribution", limit: int = LIMIT) -> str:
    """Whole sentences up to about `limit` characters; '' for an empty text."""
    parts = sentences(text)
    if not parts:
        return ""
    first = 0
    if mode == "contribution":
        first = next((i for i, s in enumerate(parts) if _CONTRIBUTION.search(s)), 0)
    chosen = [parts[first]]
    for sentence in parts[first + 1 :]:
        if len(" ".join(chosen)) + len(sentence) + 1 > limit:
            break
        chosen.append(sentence)
    result = " ".join(chosen)
    if len(result) > limit * 2:
        result = _cut(result, limit * 2)
    return result


def _cut(text: str, limit: int) -> str:
    """Cut a very long single sentence at a word boundary outside any formula."""
    spans = [(m.start(), m.end()) for m in MATH.finditer(text)]
    cut = text.rfind(" ", 0, limit)
    while cut > 0 and any(a < cut < b for a, b in spans):
        cut = text.rfind(" ", 0, cut)
    return (text[:cut] if cut > 0 else text[:limit]).rstrip(",;: ") + " …"
