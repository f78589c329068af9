"""YAML values as topic files hold them, written and read by the loader's own library.

The loader (`generator.load.yamlsource`) reads topic files with PyYAML, whose YAML 1.1
resolver turns ``on``, ``yes``, ``1_000`` and ``2024-01-02`` into booleans, numbers
and dates. So whatever we write is checked against that same resolver: a string goes
out plain only when PyYAML reads it back as the same string, and otherwise as a
double-quoted scalar made by PyYAML's emitter, which escapes every character a
double-quoted scalar cannot hold as it is.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# Characters a plain scalar may hold anywhere without starting YAML syntax.
_PLAIN = re.compile(r"[A-Za-z0-9_][\w .,'()/+-]*")


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same string."""
    if _PLAIN.fullmatch(value) and not value.endswith(" ") and load_plain(value) == value:
        return value
    return quoted(value)


def quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar on one line."""
    text: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return text.rstrip("\n")


def load_plain(text: str) -> Any:
    """The plain data of a YAML text (None when it does not parse), to compare an
    edit's result with what was intended."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
