"""The arXiv API (https://info.arxiv.org/help/api/): query URLs, and its Atom feed read
into records.

arXiv asks API clients for at most one request every three seconds and accepts many ids
in one `id_list`, so ids are asked in batches. The feed is untrusted input: it is parsed
with defusedxml, which refuses entity declarations, and every text is only ever stored,
never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from generator.enrich.http import ServiceError
from generator.text.latex import plain_text

API = "https://export.arxiv.org/api/query"
INTERVAL = 3.0  # seconds between requests, as the API's terms of use ask
BATCH = 50  # ids per request
TITLE_RESULTS = 10

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ERROR_ID = "arxiv.org/api/errors"
_ABS = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?P<version>v\d+)?$")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


class ArxivError(ServiceError):
    """arXiv answered with an error entry, or with a feed that does not parse."""


@dataclass(frozen=True)
class ArxivEntry:
    """One paper of a feed, as arXiv states it (titles and names in arXiv's own TeX-ish
    source text, which is what the store keeps)."""

    arxiv_id: str  # without its version: 2202.12139, astro-ph/0601001
    version: str  # v1, v2...
    title: str
    authors: tuple[str, ...]
    published: str  # the first version's date, YYYY-MM-DD
    doi: str
    journal_ref: str
    primary_class: str


def id_query_url(ids: Sequence[str]) -> str:
    return f"{API}?{urlencode({'id_list': ','.join(ids), 'max_results': len(ids)})}"


def title_query_url(title: str) -> str:
    """A phrase search in titles for the title's words (its LaTeX read as text, its
    punctuation dropped: quotes or colons would break the query syntax)."""
    words = " ".join(_WORD.findall(plain_text(title)))
    query = {"search_query": f'ti:"{words}"', "max_results": TITLE_RESULTS}
    return f"{API}?{urlencode(query)}"


def parse_feed(body: bytes) -> list[ArxivEntry]:
    """The entries of an API answer; an error entry raises `ArxivError` with arXiv's message."""
    try:
        root = SafeET.fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise ArxivError(f"arXiv sent a feed that does not parse ({exc})") from exc
    entries = []
    for node in root.iter(f"{_ATOM}entry"):
        ident = _text(node, f"{_ATOM}id")
        if _ERROR_ID in ident:
            raise ArxivError(f"arXiv answered: {_text(node, f'{_ATOM}summary') or 'error'}")
        found = _ABS.search(ident)
        if found is None:
            continue
        primary = node.find(f"{_ARXIV}primary_category")
        entries.append(
            ArxivEntry(
                arxiv_id=found.group("id"),
                version=found.group("version") or "",
                title=_text(node, f"{_ATOM}title"),
                authors=tuple(
                    name
                    for author in node.iter(f"{_ATOM}author")
                    if (name := _text(author, f"{_ATOM}name"))
                ),
                published=_text(node, f"{_ATOM}published")[:10],
                # An entry may list several DOIs, separated by spaces; the first is the
                # published version's.
                doi=next(iter(_text(node, f"{_ARXIV}doi").split()), ""),
                journal_ref=_text(node, f"{_ARXIV}journal_ref"),
                primary_class=primary.get("term", "") if primary is not None else "",
            )
        )
    return entries


def error_message(body: bytes) -> str:
    """arXiv's own words for a failed request, when it sent an error feed."""
    try:
        parse_feed(body)
    except ArxivError as exc:
        return str(exc)
    return ""


def _text(node: Element, tag: str) -> str:
    child = node.find(tag)
    if child is None or child.text is None:
        return ""
    return _SPACE.sub(" ", child.text).strip()
