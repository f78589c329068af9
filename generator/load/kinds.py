"""What a value is, in the words of the format the user wrote it in, for messages
such as "'title' must be a string, not a boolean (false)"."""

from __future__ import annotations

from typing import Any

_WORDS = {
    "yaml": {"none": "empty", "list": "a list", "dict": "a mapping"},
    "json": {"none": "null", "list": "an array", "dict": "an object"},
}


def kind_of(value: Any, dialect: str = "yaml") -> str:
    words = _WORDS[dialect]
    if value is None:
        return words["none"]
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return words["list"]
    if isinstance(value, dict):
        return words["dict"]
    return f"a {type(value).__name__}"  # dates, timestamps: YAML's implicit types
