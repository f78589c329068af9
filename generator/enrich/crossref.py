"""The Crossref REST API (https://api.crossref.org/swagger-ui/): a work by its DOI, read
into a record with BibTeX-ready values.

Crossref's values are plain text (sometimes with HTML entities or JATS/HTML tags); the
store keeps LaTeX source, so they are unescaped, stripped of tags and have LaTeX's special
characters escaped. Crossref asks for a `mailto` (its "polite pool") and for moderate
request rates; one request a second stays well inside what it allows.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from generator.enrich.http import ServiceError

API = "https://api.crossref.org/works/"
INTERVAL = 1.0  # seconds between requests

# Crossref work types → the BibTeX field that names the venue.
VENUE_FIELD = {
    "journal-article": "journal",
    "proceedings-article": "booktitle",
    "book-chapter": "booktitle",
}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")
_LATEX_SPECIAL = re.compile(r"[\\{}$&%#_^~]")
_LATEX_ESCAPE = {
    "\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}  # fmt: skip
_NAME_NEEDS_BRACES = re.compile(r",|\band\b", re.IGNORECASE)


class CrossrefError(ServiceError):
    """Crossref answered with something that is not a work."""


@dataclass(frozen=True)
class CrossrefWork:
    doi: str
    kind: str  # Crossref's type: journal-article, proceedings-article...
    title: str  # plain text, for checking it is the paper meant
    authors: tuple[str, ...]  # BibTeX names: "Family, Given"
    year: str
    month: str  # 1-12, or ""
    container: str  # LaTeX source
    volume: str
    issue: str
    pages: str
    publisher: str

    @property
    def venue_field(self) -> str:
        """`journal` or `booktitle` where the work has a venue of that kind, else ""."""
        return VENUE_FIELD.get(self.kind, "") if self.container else ""


def work_url(doi: str, mailto: str | None) -> str:
    url = API + quote(doi, safe="/")
    return f"{url}?{urlencode({'mailto': mailto})}" if mailto else url


def parse_work(body: bytes) -> CrossrefWork:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CrossrefError(f"Crossref sent something that is not JSON ({exc})") from exc
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("message-type") != "work":
        raise CrossrefError("Crossref's answer is not a work")
    year, month = _date(message)
    return CrossrefWork(
        doi=_plain(message.get("DOI")),
        kind=_plain(message.get("type")),
        title=_plain(_first(message.get("title"))),
        authors=tuple(n for n in (_name(a) for a in _list(message.get("author"))) if n),
        year=year,
        month=month,
        container=latex_text(_first(message.get("container-title"))),
        volume=latex_text(message.get("volume")),
        issue=latex_text(message.get("issue")),
        # BibTeX writes page ranges with an en dash.
        pages=re.sub(r"\s*[-\u2010-\u2013]\s*", "--", latex_text(message.get("page"))),
        publisher=latex_text(message.get("publisher")),
    )


def latex_text(value: Any) -> str:
    """Crossref text as LaTeX source: entities decoded, tags dropped, specials escaped."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPE.get(m[0], "\\" + m[0]), _plain(value))


def _plain(value: Any) -> str:
    if not isinstance(value, str | int):
        return ""
    text = _TAG.sub("", html.unescape(str(value)))
    return _SPACE.sub(" ", text).strip()


def _first(value: Any) -> Any:
    """Crossref gives titles as lists of strings; the first is the main one."""
    if isinstance(value, list):
        return value[0] if value else ""
    return value


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _date(message: dict[str, Any]) -> tuple[str, str]:
    """Year and month of publication: `issued` is Crossref's earliest known date."""
    for key in ("issued", "published", "published-print", "published-online"):
        stamp = message.get(key)
        parts = stamp.get("date-parts") if isinstance(stamp, dict) else None
        first = parts[0] if isinstance(parts, list) and parts else None
        if isinstance(first, list) and first and isinstance(first[0], int):
            month = first[1] if len(first) > 1 and isinstance(first[1], int) else 0
            return str(first[0]), str(month) if 1 <= month <= 12 else ""
    return "", ""


def _name(person: Any) -> str:
    """A Crossref contributor as a BibTeX name: ``Family, Suffix, Given``, or an
    organisation's name in braces so BibTeX does not split it."""
    if not isinstance(person, dict):
        return ""
    family = latex_text(person.get("family"))
    given = latex_text(person.get("given"))
    suffix = latex_text(person.get("suffix"))
    if not family:
        organisation = latex_text(person.get("name")) or given
        return "{" + organisation + "}" if organisation else ""
    # A comma or an "and" inside a part would split the name or the name list.
    parts = (family, suffix, given)
    return ", ".join("{" + p + "}" if _NAME_NEEDS_BRACES.search(p) else p for p in parts if p)
