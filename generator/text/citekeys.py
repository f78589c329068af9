"""What a citation key may look like: pandoc's rule, which `[@key]` in prose follows.

A key starts with a letter, digit or underscore and goes on with those and internal
punctuation ``:.#$%&-+?<>~/``; anything else cannot be cited as ``[@key]``.
"""

from __future__ import annotations

import re

KEY = r"[\w][\w:.#$%&+?<>~/-]*"
_WHOLE = re.compile(KEY + r"\Z")


def is_citable(key: str) -> bool:
    """Whether `key` can be written as ``[@key]`` (trailing ``.``/``:`` are read as prose)."""
    return bool(_WHOLE.match(key)) and not key.endswith((".", ":"))
