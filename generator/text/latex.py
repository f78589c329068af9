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
_CHUNK_START = re.compile(r"[\\{}]")
_TYPOGRAPHY = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"))
_TIE = re.compile(r"(?<!\\)~")
# A percent sign, ampersand or hash in an abstract is prose; to LaTeX they are a
# comment (eating the rest of the line), a table column and a macro parameter.
_BARE_PERCENT = re.compile(r"(?<!\\)([%&#])")
# Jinja/Liquid syntax as templates write it ("{{ x }}", "{% if %}", after the % was
# protected); LaTeX's own double braces ("{{NeRF}}") have no space inside and stay groups.
TEMPLATE_BRACES = re.compile(r"\{\{(?=\s)|(?<=\s)\}\}|\{(?=\\%)|(?<=\\%)\}")
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


@lru_cache(maxsize=4096)
def plain_text(source: str) -> str:
    """Readable Unicode text for titles in front matter, nav entries, keys and exports.

    Never raises: text pylatexenc cannot parse is returned with markup characters
    stripped rather than failing a build over a title. Only the LaTeX parts of the
    text go through the parser, which costs milliseconds per call.
    """
    out, pos = [], 0
    for match in MATH.finditer(source):
        out.append(_plain_prose(source[pos : match.start()]))
        tex = next(g for g in match.groups() if g is not None)
        out.append(_latex_to_text(tex) if "\\" in tex or "{" in tex else tex)
        pos = match.end()
    out.append(_plain_prose(source[pos:]))
    return " ".join("".join(out).split())


def _plain_prose(text: str) -> str:
    return "".join(
        _latex_to_text(chunk) if is_latex else typography(chunk)
        for is_latex, chunk in latex_chunks(text)
    )


def _latex_to_text(chunk: str) -> str:
    protected = _BARE_PERCENT.sub(r"\\\1", chunk)
    # Template syntax in data is text, shown as written (as `tex_to_html` shows it).
    protected = TEMPLATE_BRACES.sub(lambda m: "".join("\\" + c for c in m.group()), protected)
    try:
        return str(text_converter().latex_to_text(protected))
    except Exception:  # pylatexenc raises several internal error types on broken input
        return _COMMAND.sub("", chunk).replace("{", "").replace("}", "")


def typography(text: str) -> str:
    """What LaTeX makes of plain text: dashes, quotes and ties."""
    if "-" in text or "`" in text or "'" in text or "~" in text:
        for old, new in _TYPOGRAPHY:
            text = text.replace(old, new)
        text = _TIE.sub("\u00a0", text)
    return text


def latex_chunks(text: str) -> list[tuple[bool, str]]:
    """Split text into plain runs and LaTeX chunks (a macro with its arguments, or a
    braced group), so only the chunks need the parser."""
    chunks: list[tuple[bool, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        match = _CHUNK_START.search(text, pos)
        if match is None:
            chunks.append((False, text[pos:]))
            break
        start = match.start()
        if start > pos:
            chunks.append((False, text[pos:start]))
        end = _chunk_end(text, start)
        chunks.append((True, text[start:end]))
        pos = end
    return chunks


def _chunk_end(text: str, start: int) -> int:
    n = len(text)
    if text[start] == "}":
        return start + 1
    if text[start] == "{":
        return _group_end(text, start)
    j = start + 1
    if j < n and text[j].isalpha():
        while j < n and text[j].isalpha():
            j += 1
        if text[start + 1 : j] in _DROP:
            return n  # a switch (\bf, \small) at top level runs to the end of the text
    elif j < n:
        accent = text[j] in "'`^\"~=.Hcvuk"
        j += 1
        if accent and j < n and text[j].isalpha():
            return j + 1  # \'e
    while True:
        k = j
        while k < n and text[k] == " ":
            k += 1
        if k < n and text[k] == "{":
            j = _group_end(text, k)
        else:
            return j


def _group_end(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def identity(source: str) -> str:
    """The form two spellings of one title (or abstract) share: case, accents,
    punctuation, white space and LaTeX markup removed (``L^2M`` = ``L$^2$M``)."""
    text = unicodedata.normalize("NFKD", source)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _COMMAND.sub("", text).casefold()
    return _NOT_WORD.sub("", text)


# LaTeX commands that typeset nothing; BibTeX tricks use them inside names
# (``{\relax Ch}ristopher`` sorts as one letter), and they must not reach a reader.
_NO_OPS = re.compile(r"\\(?:relax|ignorespaces|unskip|null)(?![A-Za-z])\s*|\\[/@]")


def without_no_ops(text: str) -> str:
    return _NO_OPS.sub("", text)


# `\url{...}`: Zotero writes a @misc's link as ``howpublished = {\url{https://...}}``.
URL_MACRO = re.compile(r"\\url\{([^{}\s]+)\}")
