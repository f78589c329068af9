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
3. In a run, every macro name gets its backslash back (``mathcalO`` →
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

from generator.text.debris import (
    ENTITIES,
    ENTITY,
    lost_fraction_braces,
    matching_brace,
    prose_spans,
    token_kinds,
)
from generator.text.names import Ambiguous, split_names
from generator.text.texnames import (
    FUNCTIONS,
    GREEK,
    IN_WORDS,
    NAMES,
    TAKES_ARGUMENT,
    TEX_ONLY,
)

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-z]+")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)[kKMBG]?%?$")
_OPERATOR = re.compile(r"^[-+=<>/|*×±∓≤≥≠≈∼→←↦∈∉⊂⊆∪∩·∘⊗⊕~:]+$")
_FORMULA_CHARS = re.compile(r"[()\[\]{}_^=+<>|/*0-9\\]")
# A hyphenated word after a formula ("-accurate", "-bit words") belongs to the prose.
_WORD_TAIL = re.compile(
    r"-(?P<word>(?:[A-Za-z]|\\['`^\"~=.]\{?[A-Za-z]\}?){2,})(?:-[A-Za-z0-9]+)*$"
)
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
_TWO_ARGUMENTS = frozenset(("frac", "dfrac", "tfrac"))
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
        fixed = _restore_run(original)
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
        len(letters) <= 3 or _split(letters) is not None for letters in _LETTERS.findall(core)
    )


def _ends_open(word: str) -> bool:
    """A run may go on past `word`: no sentence end, no hyphenated word after it."""
    core = word.rstrip(".,;:!?'\")")
    return not (_SENTENCE_END.search(word) or _WORD_TAIL.search(core) or word.endswith("%"))


def _joins(word: str) -> bool:
    """Whether `word` can be part of a formula next to debris."""
    if "textbackslash" in word:
        return False  # escaped by a reference manager: not ours to restore
    if token_kinds(word):
        return True
    core = _WORD_TAIL.sub("", word.strip(".,;:!?'\"`"))
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
    pieces = _split(letters)
    if not pieces:
        return False
    names = [p for p, is_name in pieces if is_name]
    if len(names) == len(pieces):
        return bool(set(names) & _READS_AS_FORMULA)
    return pieces[0][0].isupper() and len(pieces) == 2 and names[0] in GREEK


def _split(letters: str) -> tuple[tuple[str, bool], ...] | None:
    try:
        return split_names(letters)
    except Ambiguous:
        return None


def _formula_letters(letters: str) -> bool:
    """Letters inside a token with formula characters: ``O(nm)``, ``Var(X)``."""
    if len(letters) <= 2 or letters in NAMES:
        return True
    try:
        return split_names(letters) is not None
    except Ambiguous:
        return False


def _trim(run: _Run, words: list[str]) -> None:
    def dangling(index: int) -> bool:
        core = words[index].strip(".,;:()`'\"")
        return index not in run.seeds and (core in _DANGLING or bool(_OPERATOR.match(core)))

    while run.first < run.last and dangling(run.first):
        run.first += 1
    while run.last > run.first and dangling(run.last):
        run.last -= 1


# --- one run -----------------------------------------------------------------------


def _restore_run(run: str) -> str | None:
    """The run as prose around a ``$…$`` formula, or None when not confident."""
    prefix, core, suffix = _peel(run)
    if not core:
        return run
    formula = _restore_names(core)
    if formula is None:
        return None
    formula = _restore_groups(formula)
    if formula is None or not _well_formed(formula):
        return None
    if suffix[:1].isdigit():
        return None  # "$x$2" would not read as a formula
    return f"{prefix}${formula}${suffix}"


def _peel(run: str) -> tuple[str, str, str]:
    """Split prose punctuation, an enclosing pair of brackets, a leading word and a
    hyphenated word off both ends of a run."""
    prefix, core, suffix = "", run, ""
    while True:
        before = (prefix, core, suffix)
        stripped = core.rstrip(".,;:!?%'\"`-")
        suffix, core = core[len(stripped) :] + suffix, stripped
        tail = _WORD_TAIL.search(core)
        if tail and re.sub("[^A-Za-z]", "", tail["word"]) not in NAMES:
            suffix, core = core[tail.start() :] + suffix, core[: tail.start()]
        lead = len(core) - len(core.lstrip("'\"` "))
        prefix, core = prefix + core[:lead], core[lead:]
        trail = len(core.rstrip())
        suffix, core = core[trail:] + suffix, core[:trail]
        if core.startswith(("(", "[")) and _closer_of(core, 0) is None:
            prefix, core = prefix + core[0], core[1:]
        if core.endswith((")", "]")) and _unmatched_closer(core):
            suffix, core = core[-1] + suffix, core[:-1]
        if core.startswith(("(", "[")) and _closer_of(core, 0) == len(core) - 1:
            prefix, core, suffix = prefix + core[0], core[1:-1], core[-1] + suffix
        word = re.match(r"[A-Za-z]{2,}(?=[_^])|[A-Za-z]+(?:-[A-Za-z]+)+(?=[(\[])", core)
        if word and not _is_formula_word(word[0]):
            prefix, core = prefix + word[0], core[word.end() :]
        trailing = re.search(
            r"[_^](?P<script>[A-Za-z0-9*])(?P<word>[A-Za-z]{2,})(?:-[A-Za-z0-9]+)*$", core
        )
        if trailing and not _is_formula_word(trailing["script"] + trailing["word"]):
            at = trailing.start("word")
            suffix, core = core[at:] + suffix, core[:at]
        if (prefix, core, suffix) == before:
            return prefix, core, suffix


def _is_formula_word(letters: str) -> bool:
    """``star``, ``Phicirc``: letters a formula reads as macro names."""
    return _split(letters) is not None


def _closer_of(text: str, index: int) -> int | None:
    """Where the bracket opened at `index` closes (``(0,1]`` closes too), or None."""
    depth = 0
    for position in range(index, len(text)):
        depth += (text[position] in "([") - (text[position] in ")]")
        if depth == 0:
            return position
    return None


def _unmatched_closer(text: str) -> bool:
    return text.count("(") + text.count("[") < text.count(")") + text.count("]")


def _restore_names(core: str) -> str | None:
    out: list[str] = []
    pos = 0
    for match in _LETTERS.finditer(core):
        start, end = match.span()
        out.append(core[pos:start])
        pos = end
        word = match.group()
        if start and core[start - 1] == "\\":
            out.append(word)
            continue
        try:
            pieces = split_names(word)
        except Ambiguous:
            return None
        if pieces is None:
            out.append(word)
            continue
        for index, (piece, is_name) in enumerate(pieces):
            if is_name:
                out.append("\\" + piece)
                following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
                if following and not pieces[index + 1][1]:
                    out.append(" ")
            else:
                out.append(piece)
    out.append(core[pos:])
    return "".join(out)


def _restore_groups(formula: str) -> str | None:
    """Braces whose meaning the lost backslashes leave plain.

    ``A{B}`` and ``A {B}``, a group after a term, are a ``\\frac`` lost with its
    first pair of braces: written ``A/B``. A group that no macro, sub- or superscript
    takes and that holds a top-level ``,`` or ``:`` is a set: ``\\{-1,1\\}^n``.
    """
    for _ in range(formula.count("{") + 1):
        brace = _next_denominator(formula)
        if brace is None:
            break
        close = matching_brace(formula, brace)
        if close is None:
            return None
        denominator = formula[brace + 1 : close].strip()
        written = denominator if _atomic(denominator) else f"({denominator})"
        head = formula[:brace].rstrip()
        formula = f"{head}/{written}{formula[close + 1 :]}"
    return _restore_sets(formula)


def _next_denominator(formula: str) -> int | None:
    glued = next(iter(lost_fraction_braces(formula)), None)
    spaced = re.search(r"(?<=[A-Za-z0-9)}]) \{", formula)
    candidates = [glued] if glued is not None else []
    if spaced and not _is_argument(formula, spaced.start()):
        candidates.append(spaced.end() - 1)
    return min(candidates) if candidates else None


def _is_argument(formula: str, space: int) -> bool:
    """Whether the group after the space at `space` is a macro's (``\\frac{a} {b}``)."""
    before = formula[:space]
    return bool(re.search(r"\\[A-Za-z]+$", before)) or before.endswith(("_", "^"))


def _restore_sets(formula: str) -> str:
    out: list[str] = []
    pos = 0
    index = 0
    while index < len(formula):
        if formula[index] == "{" and (index == 0 or formula[index - 1] not in "\\_^"):
            close = matching_brace(formula, index)
            if close is not None and not _macro_before(formula, index):
                inner = formula[index + 1 : close]
                if _top_level_separator(inner):
                    out.append(formula[pos:index])
                    out.append("\\{" + _restore_sets(inner) + "\\}")
                    pos = index = close + 1
                    continue
        index += 1
    out.append(formula[pos:])
    return "".join(out)


def _macro_before(formula: str, index: int) -> bool:
    return bool(re.search(r"\\[A-Za-z]+\s*$|\}$", formula[:index]))


def _top_level_separator(inner: str) -> bool:
    depth = 0
    for index, char in enumerate(inner):
        depth += (char in "({[") - (char in ")}]")
        if depth == 0 and (char in ",:" or inner.startswith("\\mid", index)):
            return True
    return False


def _atomic(term: str) -> bool:
    """One factor: ``\\delta``, ``\\varepsilon^2``, ``{\\sigma(\\mu)}``, ``C_{a,b}``."""
    depth = 0
    for char in term:
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif depth == 0 and char in " +-,=<>":
            return False
    return True


def _well_formed(formula: str) -> bool:
    if re.search(r"[$%#&]|\\$", formula):
        return False
    depth = 0
    for index, char in enumerate(formula):
        if char in "{}" and index and formula[index - 1] == "\\":
            continue
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    if depth:
        return False
    opened = 0
    for char in formula:
        opened += (char in "([") - (char in ")]")
        if opened < 0:
            return False
    if opened:
        return False
    lefts = re.findall(r"\\left(?![a-z])", formula)
    if len(lefts) != len(re.findall(r"\\right(?![a-z])", formula)):
        return False
    return all(_has_arguments(formula, m) for m in re.finditer(r"\\([A-Za-z]+)", formula))


def _has_arguments(formula: str, match: re.Match[str]) -> bool:
    name = match.group(1)
    if name not in TAKES_ARGUMENT:
        return True
    wanted = 2 if name in _TWO_ARGUMENTS else 1
    pos = match.end()
    for _ in range(wanted):
        while pos < len(formula) and formula[pos] == " ":
            pos += 1
        if pos >= len(formula):
            return False
        char = formula[pos]
        if char == "{":
            close = matching_brace(formula, pos)
            if close is None:
                return False
            pos = close + 1
        elif char == "\\":
            word = re.match(r"\\[A-Za-z]+", formula[pos:])
            pos += len(word[0]) if word else 2
        elif char.isalnum():
            pos += 1
        else:
            return False
    return True
