"""RIS (``TY  - JOUR`` ... ``ER  -``) to `Record`s, each located at its ``TY`` line.

`rispy` parses the tags of one record (continuation lines, repeated ``AU`` tags,
``UR`` lists split on ``;``). It has no line numbers and silently drops a record
with no ``ER`` line at the end of a file, so we split the text into records
ourselves, remembering where each starts, and hand rispy one record at a time.
Missing ``ER`` tags and text between records are located warnings.

RIS types map to BibTeX types (`ENTRY_TYPES`); ``T2`` is the journal of an article
and the proceedings or book title of a conference paper or chapter.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.seeds import normalize_space
from generator.model import Record
from generator.text.identifiers import arxiv_id_in, clean_doi, doi_in_url, year_in

ENTRY_TYPES = {
    "JOUR": "article",
    "EJOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "NEWS": "article",
    "INPR": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "UNPB": "unpublished",
    "MANSCPT": "unpublished",
}
# rispy's names for single-valued tags -> BibTeX fields.
FIELDS = {
    "volume": "volume",
    "number": "number",
    "publisher": "publisher",
    "place_published": "address",
    "edition": "edition",
    "issn": "issn",
    "short_title": "shorttitle",
}
_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: |$)")
SNIFF_LINES = 30


def sniff(text: str) -> bool:
    """True when a ``TY  -`` line opens a record near the top of the text."""
    lines = (line for line in text.splitlines() if line.strip())
    return any(line.startswith("TY  -") for _, line in zip(range(SNIFF_LINES), lines, strict=False))


def read_ris(text: str, path: str, diagnostics: Diagnostics) -> list[Record]:
    records = []
    for line, chunk in _split(text, path, diagnostics):
        where = Location(path, line)
        [entry] = rispy.loads(chunk, skip_unknown_tags=False)
        record = _record(entry, where, diagnostics)
        if record is not None:
            records.append(record)
    if not records:
        diagnostics.warning(Code.NO_RECORDS, "no RIS records found (0 entries)", Location(path))
    return records


def _split(text: str, path: str, diagnostics: Diagnostics) -> list[tuple[int, str]]:
    """(line of TY, the record's text ending in an ER line) for each record."""
    chunks: list[tuple[int, str]] = []
    start: int | None = None
    body: list[str] = []
    stray_reported = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        tag = _TAG.match(line)
        name = tag.group(1) if tag else None
        if start is None:
            if name == "TY":
                start, body, stray_reported = number, [line], False
            elif line.strip() and not stray_reported:
                diagnostics.warning(
                    Code.RECORD_SKIPPED,
                    "text outside a record (before 'TY  -') ignored",
                    Location(path, number),
                )
                stray_reported = True
            continue
        if name == "TY":
            diagnostics.warning(
                Code.RECORD_INCOMPLETE,
                f"the record at line {start} has no 'ER  -' line; it ends here",
                Location(path, number),
            )
            chunks.append((start, "\n".join([*body, "ER  - "])))
            start, body = number, [line]
            continue
        body.append(line)
        if name == "ER":
            chunks.append((start, "\n".join(body)))
            start, stray_reported = None, False
    if start is not None:
        diagnostics.warning(
            Code.RECORD_INCOMPLETE,
            "the last record has no 'ER  -' line; read to the end of the file",
            Location(path, start),
        )
        chunks.append((start, "\n".join([*body, "ER  - "])))
    return chunks


def _record(entry: dict[str, Any], where: Location, diagnostics: Diagnostics) -> Record | None:
    def one(*names: str) -> str:
        for name in names:
            value = entry.get(name)
            if isinstance(value, list):
                value = " ".join(str(v) for v in value)
            if value:
                return normalize_space(str(value))
        return ""

    def many(*names: str) -> list[str]:
        values: list[str] = []
        for name in names:
            value = entry.get(name)
            items = value if isinstance(value, list) else [value] if value else []
            values.extend(normalize_space(str(v)) for v in items if str(v).strip())
        return values

    ris_type = one("type_of_reference").upper()
    entry_type = ENTRY_TYPES.get(ris_type, "misc")
    fields = {bib: one(name) for name, bib in FIELDS.items() if one(name)}
    title = one("title", "primary_title")
    if title:
        fields["title"] = title
    abstract = one("abstract", "notes_abstract")
    if abstract:
        fields["abstract"] = abstract
    container = one("secondary_title")
    if entry_type == "article":
        journal = one("journal_name", "alternate_title3") or container
        if journal:
            fields["journal"] = journal
    elif entry_type in ("inproceedings", "incollection") and container:
        fields["booktitle"] = container
    year = year_in(one("year") or one("publication_year") or one("date"))
    if year:
        fields["year"] = year
    pages = "--".join(p for p in (one("start_page"), one("end_page")) if p)
    if pages:
        fields["pages"] = pages
    urls = many("urls")
    if urls:
        fields["url"] = urls[0]
    doi = clean_doi(one("doi")) or next((d for d in map(doi_in_url, urls) if d), "")
    if doi:
        fields["doi"] = doi
    keywords = many("keywords")
    if keywords:
        fields["keywords"] = ", ".join(keywords)
    notes = [*many("notes"), one("note"), one("type_of_work")]
    arxiv = arxiv_id_in(*urls, doi, *notes)
    if arxiv:
        fields.update(eprint=arxiv, archiveprefix="arXiv")
    persons = {}
    authors = many("authors", "first_authors")
    if authors:
        persons["author"] = tuple(authors)
    unknown = entry.get("unknown_tag") or {}
    editors = many("secondary_authors") + [normalize_space(e) for e in unknown.get("ED", [])]
    if editors and entry_type in ("book", "incollection", "inproceedings"):
        persons["editor"] = tuple(editors)
    if not title and not abstract:
        diagnostics.warning(
            Code.RECORD_SKIPPED,
            "record has no title (TI/T1) and no abstract (AB/N2); skipped",
            where,
        )
        return None
    key = one("id") or None  # the ID tag: the record's key in the exporting library
    return Record(location=where, entry_type=entry_type, key=key, fields=fields, persons=persons)
