"""Restoring formulas whose backslashes and dollars a scraper stripped.

The pasted "trending papers" listings lost every ``\\`` and ``$`` of their TeX:
``Oleft(N Mright)`` was ``$O\\left(N M\\right)$``, ``3times speedup`` was
``$3\\times$ speedup``, ``taskx2014generating`` was ``task&#x2014;generating``.
`restore_stripped_tex` puts them back where the reading is unambiguous:

1. ``x2013``/``x2014`` glued between words become the dashes they were.
2. Each token holding debris (`generator.text.debris`) seeds a **run**: it grows over
   the neighbouring tokens that belong to a formula (single letters, numbers,
   operators, macro names, bracketed terms) and stops at words, at a sentence end
   and at a hyphenated word (``-accurate``); a dangling ``a``, ``in`` or ``to`` at
   either end goes back to the prose.
3. In a run (`generator.text.formula`), every macro name gets its backslash back (``mathcalO`` →
   ``\\mathcal O``), and a denominator glued to its numerator by a lost ``\\frac``
   (``1{delta}``, ``log n{n}``) is written with a slash (``1/\\delta``,
   ``\\log n/n``): the slash keeps exactly what the text still says (which group
   was the denominator) without guessing where the numerator began.
4. The run is taken only when it is a well-formed formula: balanced braces and
   brackets, as many ``\\left`` as ``\\right``, every ``\\frac`` with its two
   arguments, no split of letters that reads two ways. It is then delimited as
   ``$…$`` inline math (the form the store keeps and MathJax renders); a leading
   word (``RRT`` of ``RRT^*``), an enclosing pair of parentheses and trailing
   punctuation stay outside. A run that fails any check is left as it was, and is
   reported, never half-repaired.

Text inside existing formulas is left alone, and so is a backslash already there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.text.debris import ENTITIES, ENTITY, prose_spans, split_safely, token_kinds
from generator.text.formula import WORD_TAIL, restore_run
from generator.text.texnames import FUNCTIONS, GREEK, IN_WORDS, NAMES, TEX_ONLY

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-z]+")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)[kKMBG]?%?$")
_OPERATOR = re.compile(r"^[-+=<>/|*×±∓≤≥≠≈∼→←↦∈∉⊂⊆∪∩·∘⊗⊕~:]+$")
_FORMULA_CHARS = re.compile(r"[()\[\]{}_^=+<>|/*0-9\\]")
_SENTENCE_END = re.compile(r"[.;:!?]['\")\]]*$")
# Words that may end a run only as prose: the article, and relations with nothing
# to relate ("x_1 in a", "p_i, to a setting").
# Also names that read as nouns at a run's edge ("the sum S_n", "top k").
_EDGE_WORDS = (
    "a", "A", "I", "in", "to", "mid", "le", "ge", "ne", "sim", "approx", "times", "pm",
    "star", "top", "cap", "cup", "sum", "prod", "int", "left", "right", "bar", "hat",
    "vec", "big", "Big", "prime", "dots", "partial", "exists", "wedge", "vee", "max",
    "min", "sup", "inf", "lim", "det", "dim", "deg", "ker", "arg",
)  # fmt: skip
_DANGLING = frozenset(_EDGE_WORDS)
# Two-letter English words, which never join a formula.
_TWO_LETTER_WORDS = (
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me",
    "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
)  # fmt: skip
_ENGLISH_TWO = frozenset(_TWO_LETTER_WORDS)
# Names that make a run of letters a formula on its own ("mloglog", "dlog").
_READS_AS_FORMULA = frozenset(GREEK + FUNCTIONS) | (TEX_ONLY - IN_WORDS)


@dataclass(frozen=True)
class Repair:
    """One restored piece of text: what the source said and what the store keeps."""

    before: str
    after: str


@dataclass(frozen=True)
class Restored:
    text: str
    repairs: tuple[Repair, ...] = ()
    unrepaired: tuple[str, ...] = ()


@dataclass
class _Run:
    first: int
    last: int
    seeds: set[int] = field(default_factory=set)


def restore_stripped_tex(text: str) -> Restored:
    """`text` with its stripped formulas and entities restored (see the module doc)."""
    repairs: list[Repair] = []
    unrepaired: list[str] = []
    out: list[str] = []
    pos = 0
    for start, end in prose_spans(text):
        out.append(text[pos:start])  # a formula already delimited: as it is
        out.append(_restore_prose(text[start:end], repairs, unrepaired))
        pos = end
    return Restored("".join(out), tuple(repairs), tuple(unrepaired))


def _restore_prose(prose: str, repairs: list[Repair], unrepaired: list[str]) -> str:
    prose = _restore_entities(prose, repairs)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(prose)]
    words = [prose[a:b] for a, b in tokens]
    runs = _runs(words)
    out: list[str] = []
    pos = 0
    for run in runs:
        start, end = tokens[run.first][0], tokens[run.last][1]
        original = prose[start:end]
        fixed = restore_run(original)
        out.append(prose[pos:start])
        if fixed is None:
            unrepaired.append(original)
            out.append(original)
        else:
            if fixed != original:
                repairs.append(Repair(original, fixed))
            out.append(fixed)
        pos = end
    out.append(prose[pos:])
    return "".join(out)


def _restore_entities(prose: str, repairs: list[Repair]) -> str:
    def dash(match: re.Match[str]) -> str:
        return ENTITIES[match.group(1)]

    fixed = ENTITY.sub(dash, prose)
    if fixed != prose:
        for match in ENTITY.finditer(prose):
            a, b = max(0, match.start() - 12), min(len(prose), match.end() + 12)
            repairs.append(Repair(prose[a:b], ENTITY.sub(dash, prose[a:b])))
    return fixed


# --- runs --------------------------------------------------------------------------


def _runs(words: list[str]) -> list[_Run]:
    runs: list[_Run] = []
    covered = -1
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        kinds = token_kinds(word, following)
        if index <= covered or not kinds or set(kinds) <= {"entity", "escaped"}:
            continue
        run = _Run(index, index, {index})
        _grow(run, words, covered)
        _trim(run, words)
        _balance(run, words, covered)
        runs.append(run)
        covered = run.last
    return runs


def _grow(run: _Run, words: list[str], covered: int) -> None:
    while run.first - 1 > covered and _ends_open(words[run.first - 1]):
        if not _joins(words[run.first - 1]):
            break
        run.first -= 1
    while run.last + 1 < len(words) and _joins(words[run.last + 1]):
        if not (_ends_open(words[run.last]) or _inside_brackets(words, run)):
            break
        run.last += 1


def _inside_brackets(words: list[str], run: _Run) -> bool:
    """A ``:`` within brackets is set-builder notation, not the end of a clause."""
    text = " ".join(words[run.first : run.last + 1])
    return words[run.last].endswith(":") and _depth(text) > 0


def _depth(text: str) -> int:
    return sum((c in "({[") - (c in ")}]") for c in text)


def _balance(run: _Run, words: list[str], covered: int) -> None:
    """Take in the tokens back to the one that opens a bracket the run closes (and
    on to the one that closes what it opens): ``O(nnz (X) + beta k^2d)``,
    ``O(nm(log mloglog m)^{1/4})`` are one formula each."""
    if _depth(" ".join(words[run.first : run.last + 1])) < 0:
        for first in range(run.first - 1, max(covered, run.first - 4), -1):
            if not _ends_open(words[first]) or not _bracketed_term(words[first]):
                break
            if _depth(" ".join(words[first : run.last + 1])) >= 0:
                run.first = first
                break
    if _depth(" ".join(words[run.first : run.last + 1])) > 0:
        for last in range(run.last + 1, min(len(words), run.last + 4)):
            if not _ends_open(words[last - 1]) or not _bracketed_term(words[last]):
                break
            if _depth(" ".join(words[run.first : last + 1])) <= 0:
                run.last = last
                break


def _bracketed_term(word: str) -> bool:
    """A token that may sit inside a formula's brackets: ``O(nnz``, ``mloglog``."""
    core = word.strip(".,;:")
    return _joins(word) or all(
        len(letters) <= 3 or split_safely(letters) is not None for letters in _LETTERS.findall(core)
    )


def _ends_open(word: str) -> bool:
    """A run may go on past `word`: no sentence end, no hyphenated word after it."""
    core = word.rstrip(".,;:!?'\")")
    return not (_SENTENCE_END.search(word) or WORD_TAIL.search(core) or word.endswith("%"))


def _joins(word: str) -> bool:
    """Whether `word` can be part of a formula next to debris."""
    if "textbackslash" in word:
        return False  # escaped by a reference manager: not ours to restore
    if token_kinds(word):
        return True
    core = WORD_TAIL.sub("", word.strip(".,;:!?'\"`"))
    if not core:
        return False
    if _OPERATOR.match(core) or _NUMBER.match(core):
        return True
    bare = core.strip("()[]")
    if bare.isalpha():
        return _joins_as_letters(bare, bracketed=bare != core)
    if not _FORMULA_CHARS.search(core):
        return False
    return all(_formula_letters(letters) for letters in _LETTERS.findall(core))


def _joins_as_letters(letters: str, bracketed: bool) -> bool:
    """``n``, ``to``, ``dX``, ``loglog``, ``Atheta``; not ``well``, ``into``,
    ``using`` (u+sin+g), ``(DP)`` or ``is``."""
    if len(letters) == 1 or letters in NAMES:
        return True
    if len(letters) == 2 and not bracketed:
        return letters.lower() not in _ENGLISH_TWO and not letters.isupper()
    pieces = split_safely(letters)
    if not pieces:
        return False
    names = [p for p, is_name in pieces if is_name]
    if len(names) == len(pieces):
        return bool(set(names) & _READS_AS_FORMULA)
    return pieces[0][0].isupper() and len(pieces) == 2 and names[0] in GREEK


def _formula_letters(letters: str) -> bool:
    """Letters inside a token with formula characters: ``O(nm)``, ``Var(X)``."""
    return len(letters) <= 2 or letters in NAMES or split_safely(letters) is not None


def _trim(run: _Run, words: list[str]) -> None:
    def dangling(index: int) -> bool:
        core = words[index].strip(".,;:()`'\"")
        return index not in run.seeds and (core in _DANGLING or bool(_OPERATOR.match(core)))

    while run.first < run.last and dangling(run.first):
        run.first += 1
    while run.last > run.first and dangling(run.last):
        run.last -= 1
