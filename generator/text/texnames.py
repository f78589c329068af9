"""The names of TeX math macros, sorted by how much a bare one (no backslash) tells.

A scraper that strips backslashes turns ``\\mathcal{O}`` into ``mathcal{O}`` and
``3\\times`` into ``3times``. Some names never occur in English prose (``mathcal``,
``varepsilon``, ``leq``): seen bare, they are debris. Others are also words or common
prose tokens (``in``, ``to``, ``left``, ``times``, ``log``, ``alpha``, ``delta``) and
count as debris only where the text around them is a formula.
"""

from __future__ import annotations

GREEK = (
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
    "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
)  # fmt: skip
FUNCTIONS = (
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "max", "min", "sup", "inf", "lim",
    "liminf", "limsup", "argmax", "argmin", "arg", "det", "dim", "ker", "deg", "gcd", "Pr",
)  # fmt: skip
RELATIONS = (
    "leq", "geq", "le", "ge", "neq", "ne", "ll", "gg", "approx", "sim", "simeq", "asymp",
    "equiv", "propto", "in", "notin", "subset", "subseteq", "supset", "supseteq", "mid",
    "to", "gets", "rightarrow", "leftarrow", "Rightarrow", "Leftarrow", "longrightarrow",
    "Longrightarrow", "leftrightarrow", "mapsto", "triangleq", "coloneqq", "perp",
)  # fmt: skip
OPERATORS = (
    "times", "cdot", "pm", "mp", "circ", "odot", "otimes", "oplus", "ast", "star",
    "setminus", "wedge", "vee", "cap", "cup",
)  # fmt: skip
SYMBOLS = (
    "infty", "partial", "nabla", "ell", "hbar", "emptyset", "forall", "exists", "top",
    "prime", "dots", "ldots", "cdots", "langle", "rangle", "lceil", "rceil", "lfloor",
    "rfloor", "vert", "Vert",
)  # fmt: skip
STRUCTURES = (
    "frac", "dfrac", "tfrac", "sqrt", "left", "right", "bigl", "bigr", "Bigl", "Bigr",
    "big", "Big", "sum", "prod", "int", "oint", "bigcup", "bigcap", "bigotimes", "bigoplus",
    "mathcal", "mathbb", "mathbf", "mathrm", "mathsf", "mathit", "mathfrak", "mathscr",
    "boldsymbol", "hat", "widehat", "tilde", "widetilde", "bar", "overline", "vec",
    "operatorname", "rm", "bf",
)  # fmt: skip

NAMES = frozenset(GREEK + FUNCTIONS + RELATIONS + OPERATORS + SYMBOLS + STRUCTURES)

# Names that are also English words, abbreviations or common prose tokens
# ("in", "left", "alpha version", "delta method", "approx. 3"): bare, they are
# debris only inside a formula or glued to one.
_WORDS = (
    "le", "ge", "ne", "approx", "sim", "in", "subset", "mid", "to", "gets", "perp",
    "times", "pm", "circ", "ast", "star", "wedge", "vee", "cap", "cup", "partial",
    "exists", "top", "prime", "dots", "vert", "left", "right", "big", "Big", "sum",
    "prod", "int", "hat", "bar", "vec", "rm", "bf", "tilde", "asymp", "equiv",
)  # fmt: skip
WORDLIKE = frozenset(GREEK + FUNCTIONS + _WORDS)
# Names no English prose uses: bare, each is debris wherever it stands.
TEX_ONLY = NAMES - WORDLIKE
# Names inside English words (well, all, point, egg, jump, wrangle, noting): glued
# to a letter they are debris only next to a formula character.
IN_WORDS = frozenset(("ell", "ll", "gg", "mp", "oint", "rangle", "ne", "ni", "notin"))
# Names that relate two terms; bare before a number ("sim 0.1", "approx 0.37") they
# are the relation, not the word.
RELATION_NAMES = frozenset(RELATIONS)
# Macros that take a braced argument: ``\mathcal{O}`` is no lost fraction.
_WITH_ARGUMENT = (
    "frac", "dfrac", "tfrac", "sqrt", "mathcal", "mathbb", "mathbf", "mathrm", "mathsf",
    "mathit", "mathfrak", "mathscr", "boldsymbol", "hat", "widehat", "tilde", "widetilde",
    "bar", "overline", "vec", "operatorname", "text", "textbf", "textit", "textrm", "emph",
    "mbox",
)  # fmt: skip
TAKES_ARGUMENT = frozenset(_WITH_ARGUMENT)
