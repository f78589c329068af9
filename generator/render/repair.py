"""Repairing formulas whose backslashes a scraper stripped.

``{n^{-frac1p}}sum_{k=1}^{n} (d_{k}- d)rightarrow 0`` was ``\\frac`` and ``\\sum``
before a web page ate the backslashes. The repair is deliberately narrow, so that it
only fires where it is confident:

* only in text with no ``\\`` and no ``$`` at all (text with either is real LaTeX);
* only on a run of tokens seeded by ``_{`` or ``^{`` (``snake_case``, ``H_2O`` and
  ``epsilon-optimal`` never qualify);
* a macro name gets its backslash back only when glued to a non-letter inside the
  run (``-frac1p``, ``)rightarrow``), never as a free-standing word;
* the run must have balanced braces and parentheses, or it is left as text.

The pasted listings of the default corpus are repaired fully where they lost their
TeX, at import (`generator.text.restore`); this is the safety net for stores that
arrive with such text from elsewhere, and `litreview check` lists what it leaves.
"""

from __future__ import annotations

import re

from generator.text.texnames import NAMES

_NAMES = "|".join(sorted(NAMES, key=len, reverse=True))
_GLUED = re.compile(r"(?<=[^A-Za-z\s\\])(" + _NAMES + r")(?![a-z])")
_LEADING = re.compile(r"(?:^|(?<=\s))(" + _NAMES + r")(?=[_^{(\d])")
# A hyphenated English word glued to a formula ("W_{2}-distance") stays prose.
_WORD_TAIL = re.compile(r"-[A-Za-z]{3,}(?:-[A-Za-z]+)*$")
_SEED = re.compile(r"[_^]\{")
_MATHY = re.compile(r"[{}^_=]")


def repair_stripped_math(text: str) -> str:
    """Put ``$…$`` around confidently repaired runs; anything else comes back unchanged."""
    if "\\" in text or "$" in text or not _SEED.search(text):
        return text
    tokens = re.split(r"(\s+)", text)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _SEED.search(token):
            out.append(token)
            index += 1
            continue
        start = index
        while start >= 2 and _is_mathy(tokens[start - 2]) and out and out[-1].isspace():
            start -= 2
            out.pop()
            out.pop()
        end = index
        while end + 2 < len(tokens) and _is_mathy(tokens[end + 2]):
            end += 2
        run = "".join(tokens[start : end + 1])
        body = run.rstrip(".,;:")
        word = _WORD_TAIL.search(body)
        if word and _SEED.search(body[: word.start()]):
            body = body[: word.start()]
        out.append(_repair(body) + run[len(body) :])
        index = end + 1
    return "".join(out)


def _is_mathy(token: str) -> bool:
    stripped = token.rstrip(".,;:")
    return bool(stripped) and (
        bool(_MATHY.search(stripped))
        or bool(_GLUED.search(stripped))
        or (len(stripped) <= 2 and not stripped.isalpha())
        or stripped.isdigit()
    )


def _repair(run: str) -> str:
    if not (_balanced(run, "{", "}") and _balanced(run, "(", ")")):
        return run
    fixed = _LEADING.sub(r"\\\1", run)
    fixed = _GLUED.sub(r"\\\1", fixed)
    if len(re.findall(r"\\left\b", fixed)) != len(re.findall(r"\\right\b", fixed)):
        return run  # a \left without its \right is an error to MathJax: not confident
    return f"${fixed}$"


def _balanced(text: str, open_: str, close: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == open_) - (char == close)
        if depth < 0:
            return False
    return depth == 0
