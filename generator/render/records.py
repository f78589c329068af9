"""What a reader sees of a record: its authors, date, venue and links.

Values stay LaTeX source (a name may be ``M{\\"u}ller``); templates pass them through
the ``tex`` filter like any other corpus text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from generator.model import Paper
from generator.render.texhtml import escape, tex_to_html
from generator.text.identifiers import arxiv_of, clean_doi, is_arxiv_id, is_doi
from generator.text.latex import URL_MACRO, without_no_ops

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'{}]+$")
# A URL that is an arXiv record: shown as one, labelled by its id.
_ARXIV_URL = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?/?$")
# Venues that only restate what the arXiv link already says.
_PREPRINT_VENUE = re.compile(r"^\s*(?:arxiv|corr)\b", re.IGNORECASE)
# BibTeX and BibLaTeX fields naming where a paper appeared, most specific first.
VENUE_FIELDS = ("journaltitle", "journal", "booktitle", "eventtitle", "howpublished")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Link:
    """An outside link to a paper: `label` in full, `short` for cards."""

    label: str
    short: str
    url: str


def is_others(name: str) -> bool:
    """BibTeX's ``and others``: the list was cut short, not a person."""
    return name.strip().casefold() in {"others", "et al.", "et al"}


@lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[str, str]:
    """(first and middle names, von-part and last names and lineage) of a BibTeX name."""
    try:
        person = Person(without_no_ops(name))
    except PybtexError:
        return "", name.strip()
    first = " ".join([*person.first_names, *person.middle_names])
    last = " ".join([*person.prelast_names, *person.last_names])
    if person.lineage_names:
        last = (
            f"{last}, {' '.join(person.lineage_names)}" if last else " ".join(person.lineage_names)
        )
    if not last:
        return "", first or name.strip()
    return first, last


def person_name(name: str) -> str:
    """A BibTeX name ("Last, First") as a reader writes it ("First Last")."""
    first, last = person_parts(name)
    return f"{first} {last}".strip()


def sort_name(name: str) -> str:
    """A name as an index lists it: "Last, First"."""
    first, last = person_parts(name)
    return f"{last}, {first}" if first else last


def full_authors(names: tuple[str, ...]) -> list[str]:
    """Every author as a reader writes the name; a cut-short list ends in "et al."."""
    shown = [person_name(n) for n in names if not is_others(n)]
    if any(is_others(n) for n in names):
        shown.append("et al.")
    return shown


def short_authors(names: tuple[str, ...]) -> str:
    """Authors shortened the way readers skim them: "A, B … Z" past three."""
    people = [person_name(n) for n in names if not is_others(n)]
    cut_short = len(people) < len(names)
    if len(people) > 3:
        return f"{people[0]}, {people[1]} {ELLIPSIS} {people[-1]}"
    text = ", ".join(people)
    return f"{text} et al." if cut_short and text else text


def venue(paper: Paper) -> str:
    """Where the paper appeared (journal, proceedings, ...), or "" for a bare preprint."""
    for name in VENUE_FIELDS:
        value = paper.fields.get(name, "").strip()
        if value and not _PREPRINT_VENUE.match(value) and "://" not in value:
            return value
    return ""


def month_year(paper: Paper) -> str:
    """ "March 2024" when the record has a month, else its year, else ""."""
    year = paper.year
    if not year:
        return ""
    month = paper.fields.get("month", "").strip().lower()
    date = paper.fields.get("date", "")
    if not month and re.match(r"^\d{4}-\d{2}", date):
        month = date[5:7]
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    for name in MONTHS:
        if month[:3] == name[:3].lower():
            return f"{name} {year}"
    return year


def external_links(paper: Paper) -> list[Link]:
    """Links from the paper's ids, limited to https, DOI and arXiv."""
    links = []
    eprint = arxiv_of(paper.fields)
    if eprint:
        links.append(Link(f"arXiv:{eprint}", "arXiv", f"https://arxiv.org/abs/{eprint}"))
    doi = clean_doi(paper.fields.get("doi", ""))
    if is_doi(doi):
        links.append(Link(f"doi:{doi}", "DOI", f"https://doi.org/{doi}"))
    code = paper.fields.get("code", "").strip()
    if _HTTP_URL.match(code):
        links.append(Link("Code", "Code", code))
    url = paper.fields.get("url", "").strip() or _url_macro(paper)
    if not _HTTP_URL.match(url) or _same_as_ids(url, eprint, doi) or url == code:
        return links
    arxiv = _ARXIV_URL.match(url)
    if arxiv and is_arxiv_id(arxiv.group(1)) and not any(k.short == "arXiv" for k in links):
        links.insert(
            0, Link(f"arXiv:{arxiv.group(1)}", "arXiv", f"https://arxiv.org/abs/{arxiv.group(1)}")
        )
    elif not arxiv:
        links.append(Link("Link", "Link", url))
    return links


def _url_macro(paper: Paper) -> str:
    """The link Zotero puts in ``howpublished = {\\url{...}}`` (or a note) of a @misc."""
    for name in ("howpublished", "note"):
        found = URL_MACRO.search(paper.fields.get(name, ""))
        if found:
            return found.group(1)
    return ""


def _same_as_ids(url: str, eprint: str, doi: str) -> bool:
    """A URL that only points at the arXiv or DOI record already linked."""
    return bool((eprint and eprint in url and "arxiv.org" in url) or (doi and doi in url))


def byline(paper: Paper, authors: str = "short") -> Markup:
    """One line of what the record says: authors, year, venue and outside links,
    separated by middle dots. `authors` is "short" ("A, B … Z"), or "none" where the
    page lists them in full. Built here rather than in a template so the separators
    come out right whatever is missing."""
    parts: list[str] = []
    if authors == "short" and paper.authors:
        parts.append(f'<span class="lr-authors">{tex_to_html(short_authors(paper.authors))}</span>')
    date = month_year(paper) if authors == "none" else paper.year
    if date:
        parts.append(f'<span class="lr-date">{escape(date)}</span>')
    where = venue(paper)
    if where:
        parts.append(f'<span class="lr-venue">{tex_to_html(where)}</span>')
    for link in external_links(paper):
        label = link.short if authors == "short" else link.label
        title = f' title="{escape(link.label)}"' if label != link.label else ""
        parts.append(f'<a href="{escape(link.url)}" rel="noopener"{title}>{escape(label)}</a>')
    return Markup(" · ".join(parts))  # noqa: S704 (every part escaped above)
