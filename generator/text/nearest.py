"""Naming what the user meant: the closest known name, and the characters that hide.

A key typed with a zero-width space or a Cyrillic ``а`` looks exactly like the key it
misses, so "did you mean 'x'?" alone would read as nonsense: the message also names
every character outside printable ASCII by its code point.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def closest(name: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name most like `name`, if any is close enough."""
    found = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    if found:
        return found[0]
    folded = visible_ascii(name)
    if folded != name:
        # A look-alike may be too short for difflib's ratio; compare what shows.
        for candidate in known:
            if visible_ascii(candidate) == folded:
                return candidate
    return None


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (it contains U+200B ZERO WIDTH SPACE) — did you mean 'x'?`` or ``''``."""
    hint = hidden_characters(name)
    match = closest(name, known, cutoff)
    if match is not None:
        hint += f" — did you mean '{match}'?"
    return hint


def hidden_characters(name: str) -> str:
    """`` (it contains U+0430 CYRILLIC SMALL LETTER A)`` for each unusual character."""
    unusual = []
    for char in dict.fromkeys(name):
        if " " < char <= "~":
            continue
        label = unicodedata.name(char, "")
        unusual.append(f"U+{ord(char):04X}" + (f" {label}" if label else ""))
    return f" (it contains {', '.join(unusual)})" if unusual else ""


def visible_ascii(name: str) -> str:
    """`name` without invisible characters, with letters folded to ASCII where they
    decompose to it (``é`` → ``e``); other characters are kept."""
    out = []
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.category(char) in ("Cf", "Mn", "Cc", "Zs") and char != " ":
            continue
        out.append(char)
    return "".join(out)
