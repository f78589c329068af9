"""One run of formula tokens, as prose around a ``$…$`` formula.

`restore_run` is step 3 and 4 of `generator.text.restore`: it peels prose off the
run's ends (punctuation, an enclosing pair of brackets, a leading word like the
``RRT`` of ``RRT^*``, a hyphenated word like ``-accurate``), gives every macro name
its backslash back, writes a lost fraction with a slash and a set's braces as
``\\{…\\}``, and delimits the rest as ``$…$`` only when it is well formed.
"""

from __future__ import annotations

import re

from generator.text.debris import lost_fraction_braces, matching_brace
from generator.text.names import Ambiguous, split_names
from generator.text.texnames import NAMES, TAKES_ARGUMENT

_LETTERS = re.compile(r"[A-Za-z]+")
# A hyphenated word after a formula ("-accurate", "-bit words") belongs to the prose.
WORD_TAIL = re.compile(r"-(?P<word>(?:[A-Za-z]|\\['`^\"~=.]\{?[A-Za-z]\}?){2,})(?:-[A-Za-z0-9]+)*$")
_TWO_ARGUMENTS = frozenset(("frac", "dfrac", "tfrac"))


def restore_run(run: str) -> str | None:
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
        tail = WORD_TAIL.search(core)
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
    try:
        return split_names(letters) is not None
    except Ambiguous:
        return False


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
