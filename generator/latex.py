"""LaTeX source text to plain text, and the normalised form papers are matched by.

Corpus text is BibTeX field source: Unicode mixed with LaTeX markup (``\\emph{x}``,
``L$^2$M``, ``\\'{e}``). pylatexenc does the conversion; we only widen its macro
table with the text macros real abstracts use, and protect bare ``%`` (a percent
sign in an abstract, a comment to LaTeX, which would eat the rest of the line).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

# $$..$$, \[..\], \(..\), and $..$ with pandoc's rules: no space after the opening $,
# none before the closing one, no digit right after it; \$ is a literal dollar.
MATH = re.compile(
    r"""(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$
    | \\\[(?P<bd>.+?)\\\]
    | \\\((?P<bi>.+?)\\\)
    | (?<![\\$])\$(?P<di>(?:\\.|[^\s$\\])(?:(?:\\.|[^$\\])*?(?:\\.|[^\s$\\]))?)\$(?!\d)""",
    re.S | re.X,
)
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?|\\.")
_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Text macros pylatexenc leaves out of its default table (it drops them with their
# argument): keep the argument's text.
_KEEP_ARGUMENT = (
    "texttt", "textsf", "textrm", "textnormal", "textup", "textmd", "textsl",
    "mbox", "text", "textsuperscript", "textsubscript", "underline", "mathrm",
)  # fmt: skip
# Font size and family switches carry no text.
_DROP = (
    "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE",
    "huge", "Huge", "tt", "rm", "sf", "sc", "bf", "it", "em", "sl", "normalfont",
)  # fmt: skip


@lru_cache(maxsize=1)
def text_converter() -> LatexNodes2Text:
    db = get_default_latex_context_db()
    db.add_context_category(
        "litreview-text",
        prepend=True,
        macros=[MacroTextSpec(name, simplify_repl="%(1)s") for name in _KEEP_ARGUMENT]
        + [MacroTextSpec(name, simplify_repl="") for name in _DROP],
    )
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)


def plain_text(source: str) -> str:
    """Readable Unicode text for titles in front matter, nav entries and keys.

    Never raises: text pylatexenc cannot parse is returned with markup characters
    stripped rather than failing a build over a title.
    """
    protected = _BARE_PERCENT.sub(r"\\%", _protect_prose_dollars(source))
    try:
        text = text_converter().latex_to_text(protected)
    except Exception:  # pylatexenc raises several internal error types on broken input
        text = _COMMAND.sub("", protected).replace("{", "").replace("}", "").replace("$", "")
    return " ".join(text.split())


def _protect_prose_dollars(source: str) -> str:
    """Escape every $ that is not part of a formula ("costs $5 and $10")."""
    if "$" not in source:
        return source
    out, pos = [], 0
    for match in MATH.finditer(source):
        out.append(re.sub(r"(?<!\\)\$", r"\\$", source[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(re.sub(r"(?<!\\)\$", r"\\$", source[pos:]))
    return "".join(out)


def identity(source: str) -> str:
    """The form two spellings of one title (or abstract) share: case, accents,
    punctuation, white space and LaTeX markup removed (``L^2M`` = ``L$^2$M``)."""
    text = unicodedata.normalize("NFKD", source)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _COMMAND.sub("", text).casefold()
    return _NOT_WORD.sub("", text)
