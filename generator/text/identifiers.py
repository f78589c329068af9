"""arXiv ids, DOIs and years: found in the places exports put them, and read from a record.

Every reader (CSL-JSON, RIS, YAML lists), the matching of duplicates, the exports and
the links on pages use these, so a paper is known by the same id wherever it came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ARXIV = r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]*(?:\.[A-Za-z]{2})?/\d{7}(?:v\d+)?)"
_ARXIV_PATTERNS = (
    re.compile(r"arxiv\.org/(?:abs|pdf|html)/" + _ARXIV, re.IGNORECASE),
    re.compile(r"\barxiv:\s*" + _ARXIV, re.IGNORECASE),
    re.compile(r"\b10\.48550/arxiv\." + _ARXIV, re.IGNORECASE),
)
_ARXIV_ONLY = re.compile(_ARXIV + "$", re.IGNORECASE)
_ARXIV_VERSION = re.compile(r"v\d+$")
_DOI_ONLY = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_IN_URL = re.compile(
    r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/)?)(10\.\d{4,9}/[^\s?#]+)", re.IGNORECASE
)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def arxiv_id_in(*texts: str) -> str:
    """The first arXiv id named in an arXiv URL, an ``arXiv:`` note or an arXiv DOI."""
    for text in texts:
        for pattern in _ARXIV_PATTERNS:
            found = pattern.search(text)
            if found:
                return found.group(1)
    return ""


def is_arxiv_id(text: str) -> bool:
    """``2405.15074``, ``2405.15074v2`` or an old-style ``hep-th/9901001``."""
    return bool(_ARXIV_ONLY.match(text.strip()))


def without_version(arxiv: str) -> str:
    return _ARXIV_VERSION.sub("", arxiv.strip().removeprefix("arXiv:"))


def doi_in_url(url: str) -> str:
    """The DOI in a doi.org or publisher (``/doi/10.1145/...``) link, if any."""
    found = _DOI_IN_URL.search(url)
    return found.group(1).rstrip(".,;") if found else ""


def clean_doi(value: str) -> str:
    """A DOI without the resolver prefix (``https://doi.org/``, ``doi:``)."""
    return _DOI_PREFIX.sub("", value.strip())


def is_doi(text: str) -> bool:
    return bool(_DOI_ONLY.match(text))


def year_in(text: str) -> str:
    """The first four-digit year in a date such as ``2020/01/15/`` or ``2020-01``."""
    found = _YEAR.search(text)
    return found.group(1) if found else ""


def arxiv_of(fields: Mapping[str, str]) -> str:
    """A record's arXiv id (``eprint`` with an arXiv prefix), without its version."""
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    eprint = fields.get("eprint", "").strip()
    if eprint and prefix == "arxiv" and is_arxiv_id(eprint.removeprefix("arXiv:")):
        return without_version(eprint)
    return ""


def doi_of(fields: Mapping[str, str]) -> str:
    """A record's DOI in the form two spellings of it share (no resolver, lower case)."""
    doi = clean_doi(fields.get("doi", ""))
    return doi.lower() if is_doi(doi) else ""
