"""Path segments for pages, derived from keys and file names.

Keys that came from someone's BibTeX file may hold anything (``../../etc/passwd``),
so pages are named by `page_slug(key)`, a pure function of the key: regrouping
topics never moves a paper's URL, and no key can name a path outside the site.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

_SAFE_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


def page_slug(key: str) -> str:
    """The path segment of a paper's page. Safe keys are their own slug; any other
    key gets a slugified form plus a short hash of the key, so distinct keys never
    share a page and no key can name a path outside the site."""
    if _SAFE_SLUG.match(key):
        return key
    base = slugify(key, max_length=60, word_boundary=True) or "paper"
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{base}-{digest}"


def is_safe_slug(value: str) -> bool:
    return bool(_SAFE_SLUG.match(value))
