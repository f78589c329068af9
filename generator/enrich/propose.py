"""What a paper could gain from its arXiv record and its Crossref work, field by field.

arXiv names the preprint (authors as they wrote them, the first version's date, the
identifiers, the journal reference); Crossref names the published version (venue,
volume, pages, publisher, and the publication date). Each field is taken from the first
source that has it, in this order:

* `author`: arXiv, then Crossref;
* `year`, `month`: Crossref when it names a venue (the citation is of that version),
  else arXiv, else Crossref;
* `eprint`, `archiveprefix`, `primaryclass`, `doi`: arXiv;
* `journal` or `booktitle`, `volume`, `number`, `pages`, `publisher`: Crossref;
* `howpublished`: arXiv's free-text journal reference, where no venue is known.

Whether a proposal is applied (never over a field the user wrote) is `merge`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.enrich.arxiv import ArxivEntry
from generator.enrich.crossref import CrossrefWork

AUTHOR = "author"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
# arXiv's own DOIs (DataCite, 10.48550/arXiv.*) name the preprint, not a publication.
ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.", re.IGNORECASE)
_NAME_NEEDS_BRACES = re.compile(r",|\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A value for one field and the record it comes from."""

    value: str
    source: str  # "arXiv 2202.12139", "Crossref 10.1371/journal.pone.0033693"


def arxiv_source(entry: ArxivEntry) -> str:
    return f"arXiv {entry.arxiv_id}"


def crossref_source(work: CrossrefWork) -> str:
    return f"Crossref {work.doi}"


def propose(
    fields: Mapping[str, str], entry: ArxivEntry | None, work: CrossrefWork | None
) -> dict[str, Found]:
    """Every field the two records can fill, for a paper with these `fields`."""
    found: dict[str, Found] = {}

    def offer(name: str, value: str, source: str) -> None:
        if value and name not in found:
            found[name] = Found(value, source)

    def offer_date(year: str, month: str, source: str) -> None:
        # Year and month as one date: never a month from one source with another's year.
        if "year" in found or not (len(year) == 4 and year.isdigit()):
            return
        offer("year", year, source)
        if month.isdigit() and 1 <= int(month) <= 12:
            # The full name is what the store holds for a BibTeX `month = mar` read in.
            offer("month", MONTHS[int(month) - 1], source)

    has_venue = bool(work and work.venue_field)
    if work and has_venue:
        offer_date(work.year, work.month, crossref_source(work))
    if entry:
        source = arxiv_source(entry)
        offer(AUTHOR, " and ".join(_bibtex_name(n) for n in entry.authors), source)
        year, _, rest = entry.published.partition("-")
        offer_date(year, rest[:2], source)
        offer("eprint", entry.arxiv_id, source)
        offer("archiveprefix", "arXiv", source)
        offer("primaryclass", entry.primary_class, source)
        if not ARXIV_DOI.match(entry.doi):
            offer("doi", entry.doi, source)
    if work:
        source = crossref_source(work)
        offer(AUTHOR, " and ".join(work.authors), source)
        offer_date(work.year, work.month, source)
        if has_venue:
            offer(work.venue_field, work.container, source)
            offer("volume", work.volume, source)
            offer("number", work.issue, source)
            offer("pages", work.pages, source)
            offer("publisher", work.publisher, source)
    has_venue = has_venue or bool(fields.get("journal") or fields.get("booktitle"))
    if entry and entry.journal_ref and not has_venue:
        offer("howpublished", entry.journal_ref, arxiv_source(entry))
    return found


def _bibtex_name(name: str) -> str:
    """An arXiv author as BibTeX reads names: ``First Last`` as written, braced whole
    where a comma or an "and" would split it (``{Smith and Wesson Group}``)."""
    return "{" + name + "}" if _NAME_NEEDS_BRACES.search(name) else name
