"""Path segments for pages, derived from keys and file names.

Keys that came from someone's BibTeX file may hold anything (``../../etc/passwd``,
``Kaplan:2020``, ``con``), so pages are named by `page_slug(key)`, a pure function
of the key: regrouping topics never moves a paper's URL, no key can name a path
outside the site, and every name is one that macOS, Windows and Linux file systems
all accept and keep apart.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

_SAFE_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# Paper pages also keep underscores: Zotero's keys are `author_title_year`.
_PAGE_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$")
# Names Windows reserves for devices, with or without an extension.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)


def page_slug(key: str) -> str:
    """The path segment of a paper's page: the key in lower case when it is already a
    slug (the store keeps keys unique regardless of case, so these never collide);
    any other key, and a reserved name, gets a slugified form plus a short hash of
    the key, so distinct keys never share a page."""
    lowered = key.lower()
    if _PAGE_SLUG.match(lowered) and lowered not in RESERVED:
        return lowered
    base = slugify(key, max_length=60, word_boundary=True) or "paper"
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{base}-{digest}"


def is_safe_slug(value: str) -> bool:
    return slug_problem(value) is None


def is_page_slug(value: str) -> bool:
    """Whether `value` is a page name `page_slug` may give (one portable path segment)."""
    return bool(_PAGE_SLUG.match(value)) and value not in RESERVED


def slug_problem(value: str) -> str | None:
    """Why `value` cannot name a topic (its file and its URL), or None."""
    if not _SAFE_SLUG.match(value):
        return "use lowercase letters, digits and hyphens (e.g. 'scaling-laws')"
    if value in RESERVED:
        return f"'{value}' is a reserved file name on Windows"
    return None
