"""Finding TeX debris: formulas that lost their backslashes or dollars, and HTML
entities that lost their ``&#`` and ``;``, in text outside math.

What counts is what no prose would write (the golden cases in
``tests/test_text_debris.py`` hold real sentences either way):

* **macro**: a macro name no English uses (``mathcal``, ``varepsilon``, ``leq``),
  alone or glued to single letters (``tgeq``, ``mathcalO``); a name that is also a
  word (``times``, ``left``, ``log``, ``delta``) only when glued to a formula
  character: ``3times``, ``Oleft(``, ``k=log``, ``1-delta``, never ``(in-house)``,
  ``epsilon-greedy``, ``PanGu-pi`` or ``alpha and beta``;
* **script**: ``_`` or ``^`` used as a sub- or superscript: ``RRT^*``, ``log^2``,
  ``p_i``, ``d_{data}``, never ``snake_case``, ``float8_e4m3``, ``H_2O`` or a URL;
* **fraction**: a braced denominator glued to its numerator, as left behind by a lost
  ``\\frac``: ``1{delta}``, ``n{n}``, never ``Tensor{F}low`` or ``36{,}243``;
* **entity**: ``x2014`` (an em dash) glued between words: ``taskx2014generating``;
* **escaped**: TeX a reference manager escaped into text: ``{\\textbackslash}times``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.text.latex import MATH
from generator.text.names import Ambiguous, split_names
from generator.text.texnames import (
    FUNCTIONS,
    GREEK,
    IN_WORDS,
    NAMES,
    OPERATORS,
    RELATIONS,
    TAKES_ARGUMENT,
    TEX_ONLY,
)

_LETTERS = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"\S+")
_URLISH = re.compile(r"://|^www\.|@|^doi:", re.IGNORECASE)
ENTITY = re.compile(r"(?<=[A-Za-z0-9)\]])x(201[34])(?=[A-Za-z(])")
ENTITIES = {"2013": "\u2013", "2014": "\u2014"}
_ESCAPED = re.compile(r"\\textbackslash(?:\{\})?\}?\s*[A-Za-z]+")
# Characters a formula glues to a bare name on its left ("3times", ")rightarrow",
# "k=log", "ωapprox") and on its right ("Oleft(", "Theta(", "alpha=1", "times256").
_LEFT_GLUE = set("0123456789)}]_^=/|<>+*") - {""}
_RIGHT_GLUE = set("({[_^0123456789|=<>+/\\") - {""}
_GREEK = frozenset(GREEK)
_FUNCTIONS = frozenset(FUNCTIONS)
_TEX_GLUE = frozenset("_^{}\\")
# Names no English word holds (English has "fract", never "frac" before another
# letter): inside any run of letters they are a formula's.
_EMBEDDED = re.compile(
    r"frac(?!t)|sqrt|infty|mathcal|mathbb|mathbf|mathrm|varepsilon|vartheta|varphi|ldots"
    r"|cdots|rightarrow|leftarrow|emptyset|setminus|otimes|oplus|lfloor|rfloor|lceil"
    r"|rceil|nabla|widetilde|widehat|operatorname"
)
# Bare names that a digit glued to them makes a formula ("3times", "sim14B",
# "2pi"); not "int8", "top1", "word2vec", "log2".
_GLUE_TO_DIGITS = frozenset(GREEK + RELATIONS + OPERATORS) | TEX_ONLY
_LONG_GREEK = frozenset(g for g in GREEK if len(g) >= 4)


@dataclass(frozen=True)
class Debris:
    kind: str
    start: int
    end: int
    text: str


def prose_spans(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of `text` outside formulas (``$…$``, ``\\(…\\)`` and the like)."""
    pos = 0
    for match in MATH.finditer(text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def find_debris(text: str) -> list[Debris]:
    """Every token of `text` outside math that holds debris, in order."""
    found: list[Debris] = []
    for start, end in prose_spans(text):
        prose = text[start:end]
        for match in _ESCAPED.finditer(prose):
            found.append(Debris("escaped", start + match.start(), start + match.end(), match[0]))
        tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(prose)]
        for index, (offset, token) in enumerate(tokens):
            following = tokens[index + 1][1] if index + 1 < len(tokens) else ""
            kinds = token_kinds(token, following)
            if "escaped" in kinds:
                continue  # reported once above, whole
            for kind in kinds:
                at = start + offset
                found.append(Debris(kind, at, at + len(token), token))
    return found


def token_kinds(token: str, following: str = "") -> list[str]:
    """The kinds of debris in one white-space-delimited token of prose."""
    kinds = list(_kinds_alone(token))
    relation = _relation_before_number(token, following) and not _URLISH.search(token)
    if relation and "macro" not in kinds:
        kinds.append("macro")
    return kinds


# A pure function of the token, remembered: prose repeats its words (a store's 110,000
# tokens are 16,000 distinct ones), and every build scans every title and abstract.
@lru_cache(maxsize=1 << 16)
def _kinds_alone(token: str) -> tuple[str, ...]:
    """The kinds of debris `token` holds whatever follows it."""
    if _URLISH.search(token):
        return ()
    kinds = []
    if "textbackslash" in token:
        kinds.append("escaped")
    if ENTITY.search(token):
        kinds.append("entity")
    if has_script(token):
        kinds.append("script")
    if has_lost_fraction(token):
        kinds.append("fraction")
    if has_bare_macro(token):
        kinds.append("macro")
    return tuple(kinds)


# --- scripts -----------------------------------------------------------------------

_CARET = re.compile(r"\^(?=[{*(\\+\-0-9A-Za-z]|[^\x00-\x7f])")
_UNDERSCORE = re.compile(
    r"_(?=\{|[A-Za-z0-9](?![A-Za-z0-9])|[A-Za-z]+(?![A-Za-z0-9])|[^\x00-\x7f])"
)


def has_script(token: str) -> bool:
    """``x^2``, ``RRT^*``, ``p_i``, ``C_Phi``, ``d_{data}``; not ``snake_case``,
    ``float8_e4m3``, ``H_2O``."""
    if _CARET.search(token) and not token.startswith("^"):
        return True
    for match in _UNDERSCORE.finditer(token):
        base = _base_before(token, match.start())
        if base is None:
            continue
        after = token[match.end() :]
        if after.startswith("{"):
            return True
        word = _LETTERS.match(after)
        if after[:1].isdigit() or (word and len(word[0]) == 1) or is_greek(after[:1]):
            return True
        if word and word[0] in NAMES:
            return True
    return False


def is_greek(char: str) -> bool:
    """A Greek letter a listing kept as Unicode (``c_τ``, ``ωlog``, ``γin``)."""
    return len(char) == 1 and ("\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff")


def _base_before(token: str, at: int) -> str | None:
    """What a ``_`` at `at` subscripts, when it is a formula's base: a single letter,
    a macro name or a closing bracket; None for ``snake_case`` words."""
    if at == 0:
        return None
    before = token[at - 1]
    if before in ")}]" or is_greek(before):
        return before
    if not before.isalpha():
        return None
    start = at
    while start > 0 and token[start - 1].isalpha() and token[start - 1].isascii():
        start -= 1
    word = token[start:at]
    if start > 0 and token[start - 1].isalnum():
        return None  # float8_e4m3: the base is a longer identifier
    if len(word) == 1 or word in NAMES:
        return word
    return None


# --- lost fractions ----------------------------------------------------------------


def has_lost_fraction(token: str) -> bool:
    """``1{delta}``, ``5{6}``, ``n{n}``: a group glued after its numerator."""
    return any(True for _ in lost_fraction_braces(token, strict=True))


def lost_fraction_braces(text: str, strict: bool = False) -> Iterator[int]:
    """Positions of ``{`` that open a denominator whose ``\\frac`` was lost.

    `strict` (a lone token, no formula around it) also asks that no letter follows
    the group, so that title case protection (``Tensor{F}low``) never counts.
    """
    for index, char in enumerate(text):
        if char != "{" or index == 0:
            continue
        before = text[index - 1]
        if not (before.isalnum() or before == ")"):
            continue
        if before.isalpha() and _macro_ends_at(text, index):
            continue
        close = matching_brace(text, index)
        if close is None or text[index + 1 : close] in (",", ""):
            continue
        if strict:
            after = text[close + 1 : close + 2]
            group = text[index + 1 : close]
            if after.isalpha() or (before.isalpha() and not _looks_mathy(group)):
                continue  # Tensor{F}low, audio{\\textgreater}
        yield index


def _macro_ends_at(text: str, index: int) -> bool:
    """Whether the letters before `index` are a macro's name (``\\mathcal{``,
    or a bare ``mathcal{``)."""
    start = index
    while start > 0 and text[start - 1].isalpha() and text[start - 1].isascii():
        start -= 1
    name = text[start:index]
    if start > 0 and text[start - 1] == "\\":
        return True
    return any(name.endswith(macro) for macro in TAKES_ARGUMENT)


def _looks_mathy(group: str) -> bool:
    """A denominator as a stripped formula writes it: ``varepsilon^2``, ``delta``."""
    if "\\" in group:
        return False
    return bool(re.search(r"[_^]", group)) or any(split_safely(w) for w in _LETTERS.findall(group))


def matching_brace(text: str, index: int) -> int | None:
    depth = 0
    for position in range(index, len(text)):
        char = text[position]
        if char == "{" and text[position - 1 : position] != "\\":
            depth += 1
        elif char == "}" and text[position - 1 : position] != "\\":
            depth -= 1
            if depth == 0:
                return position
    return None


# --- bare macro names --------------------------------------------------------------


def split_safely(word: str) -> tuple[tuple[str, bool], ...] | None:
    """`split_names`, with None also where the best split is not one."""
    try:
        return split_names(word)
    except Ambiguous:
        return None


def has_bare_macro(token: str) -> bool:
    """A macro name without its backslash, where no word could stand."""
    for match in _LETTERS.finditer(token):
        start, end = match.span()
        if start and token[start - 1] in "\\'":
            continue  # a real macro, or a contraction (we'll)
        if _argument_of_macro(token, start):
            continue  # \emph{ample}
        word = match.group()
        try:
            pieces = split_names(word)
        except Ambiguous:
            if _glued(token, start, end, None):
                return True
            continue
        if not pieces:
            if _EMBEDDED.search(word):
                return True  # epsilonfracdn: a formula's letters run together
            continue
        names = [p for p, is_name in pieces if is_name]
        if len(pieces) == 1:
            name = names[0]
            if name in TEX_ONLY:
                return True
            if _glued(token, start, end, name) and not _plain_function(token, start, end, name):
                return True
            if name in _GREEK and _minus_before(token, start):
                return True
            continue
        if any(name in TEX_ONLY and name not in IN_WORDS for name in names):
            return True  # tgeq, mathcalO, klongrightarrow
        if not pieces[0][1] and pieces[0][0].isupper() and pieces[1][0] in _LONG_GREEK:
            return True  # Atheta, Hbeta
        if not set(names) & IN_WORDS and _glued(token, start, end, None):
            return True  # Oleft(, a+bln
    return False


def _argument_of_macro(token: str, start: int) -> bool:
    """Letters right inside ``\\name{``: the argument of a real macro."""
    if start == 0 or token[start - 1] != "{":
        return False
    return bool(re.search(r"\\[A-Za-z]+\s*$", token[: start - 1]))


def _glued(token: str, start: int, end: int, name: str | None) -> bool:
    """Whether the letters at `start`:`end` touch a formula character.

    `name` is the whole name the letters are, or None for letters that split into
    several pieces (``Oleft``), which neither digits nor braces make a formula
    (``GPT4All``, ``{U}sing``, ``Einf{\\"u}hrung``).
    """
    left = token[start - 1] if start else ""
    right = token[end] if end < len(token) else ""
    if right == "(" and left == "(":
        return False  # (log(n)) is how prose might write it too
    if left == "-" and start >= 2 and token[start - 2].isalpha():
        return False  # the second word of a compound: PanGu-pi, O-tilde(
    if name is None or name not in _GLUE_TO_DIGITS:
        left, right = ("" if left.isdigit() else left), ("" if right.isdigit() else right)
    if name is None:
        left, right = ("" if left == "}" else left), ("" if right == "{" else right)
    if name not in _GREEK and name not in TEX_ONLY:
        left, right = ("" if left == "/" else left), ("" if right == "/" else right)
    return left in _LEFT_GLUE or is_greek(left) or right in _RIGHT_GLUE or is_greek(right)


def _plain_function(token: str, start: int, end: int, name: str) -> bool:
    """``log(n)``, ``exp(-x)``, ``max(a,b)``, ``k=log n``: how plain text writes a
    function; only TeX's own characters around it (``log_2``, ``}log``) make it debris."""
    if name not in _FUNCTIONS:
        return False
    left = token[start - 1] if start else ""
    right = token[end] if end < len(token) else ""
    return left not in _TEX_GLUE and right not in _TEX_GLUE


def _minus_before(token: str, start: int) -> bool:
    """``-gamma``, ``1-delta``: a minus sign, not a hyphen joining two words."""
    if start == 0 or token[start - 1] != "-":
        return False
    return start == 1 or not token[start - 2].isalpha()


_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?")


def _relation_before_number(token: str, following: str) -> bool:
    """``sim 0.13``, ``approx 0.37``: a relation's name bare before a number."""
    return token.lstrip("(") in ("sim", "approx") and bool(_NUMBER.match(following))
