"""How deep an input may nest: deeper than any real export, shallow enough that no
parser or reader of ours ever runs out of stack.

Real CSL-JSON items, YAML paper lists and topic files nest a few levels (a list of
papers, each with a list of authors, each a mapping). A file that nests hundreds of
levels is broken or hostile; Python's JSON and YAML parsers would fail on it with a
``RecursionError`` that names no place, so it is refused first, at the line and
column where it goes too deep.
"""

from __future__ import annotations

MAX_DEPTH = 100


def json_too_deep(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """The 1-based (line, column) of the first bracket of `text` that opens a level
    deeper than `limit`, or None. Brackets inside JSON strings do not count; the scan
    is iterative, so no depth can exhaust the stack."""
    depth, line, line_start = 0, 1, 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line, index - line_start + 1
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line, line_start = line + 1, index + 1
    return None
