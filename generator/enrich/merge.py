"""Applying a proposal to a paper without ever overwriting what the user wrote.

A field is enrich's own while its provenance entry's fingerprint matches its value;
every other non-empty field is the user's (written by hand or imported) and is never
changed. Empty fields are filled; with `refresh`, enrich's own fields take the source's
current value. A field enrich filled that was edited by hand since loses its provenance
entry and is the user's from then on. A value that does not change keeps its entry (and
date), so running enrich twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from pybtex.bibtex.utils import split_name_list

from generator.enrich.propose import AUTHOR, Found
from generator.enrich.provenance import Origin, fingerprint, format_origins, read_origins
from generator.model import ENRICHED_FIELD, Paper
from generator.store.bibfile import balanced_braces

# New fields are added in this order, so an entry reads date, venue, then identifiers.
ORDER = ("author", "year", "month", "journal", "booktitle", "volume", "number", "pages",
         "publisher", "howpublished", "eprint", "archiveprefix", "primaryclass", "doi")  # fmt: skip


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    source: str


def merge(
    paper: Paper, proposal: Mapping[str, Found], *, today: str, refresh: bool
) -> tuple[Paper, list[Change]]:
    origins = read_origins(paper.fields)
    # Enrich's own fields: those still holding the value it wrote.
    owned = {name: o for name, o in origins.items() if o.matches(_value(paper, name))}
    fields = dict(paper.fields)
    persons = dict(paper.persons)
    changes: list[Change] = []
    for name, found in sorted(proposal.items(), key=lambda item: _rank(item[0])):
        current = _value(paper, name)
        if current == found.value or not balanced_braces(found.value):
            continue  # nothing new, or a value BibTeX could not store
        if current and not (refresh and name in owned):
            continue  # the user's
        if name == "month" and _other_year(paper, proposal, owned):
            continue  # a month for a year the user wrote from another date
        if name == AUTHOR:
            persons[AUTHOR] = tuple(split_name_list(found.value))
        else:
            fields[name] = found.value
        owned[name] = Origin(found.source, today, fingerprint(found.value))
        changes.append(Change(name, current, found.value, found.source))
    if owned:
        fields[ENRICHED_FIELD] = format_origins(owned)
    else:
        fields.pop(ENRICHED_FIELD, None)
    if fields == paper.fields and persons == paper.persons:
        return paper, []
    return replace(paper, fields=fields, persons=persons), changes


def _rank(name: str) -> tuple[int, str]:
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)


def _value(paper: Paper, name: str) -> str:
    if name == AUTHOR:
        return " and ".join(paper.persons.get(AUTHOR, ()))
    return paper.fields.get(name, "")


def _other_year(paper: Paper, proposal: Mapping[str, Found], owned: Mapping[str, Origin]) -> bool:
    year = paper.fields.get("year", "")
    offered = proposal.get("year")
    return bool(year) and "year" not in owned and (offered is None or offered.value != year)
