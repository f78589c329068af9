"""CSL-JSON (Zotero's and Better BibTeX's "CSL JSON" export) to `Record`s.

A CSL-JSON file is an array of items::

    [{"id": "kaplan2020", "type": "article", "title": "Scaling Laws ...",
      "author": [{"family": "Kaplan", "given": "Jared"}, {"literal": "OpenAI"}],
      "issued": {"date-parts": [[2020, 1, 23]]}, "DOI": "10.48550/arXiv.2001.08361",
      "URL": "http://arxiv.org/abs/2001.08361", "number": "arXiv:2001.08361"}]

Items become BibTeX-style records: CSL types map to BibTeX types (`ENTRY_TYPES`),
names to ``Last, First`` strings, ``container-title`` to ``journal`` or ``booktitle``
by type. arXiv ids are found wherever exports put them (``number``, ``URL``,
``note``, an arXiv DOI) and stored as ``eprint`` + ``archiveprefix = arXiv``, so the
import matches the item with the same paper from any other format.

Each record is located at the line where its item's ``{`` stands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.kinds import kind_of
from generator.load.nesting import MAX_DEPTH, json_too_deep
from generator.load.seeds import normalize_space
from generator.model import Record
from generator.text.identifiers import arxiv_id_in, clean_doi, is_arxiv_id, year_in

# CSL item type -> BibTeX entry type; anything else is @misc.
ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "chapter": "incollection",
    "entry-encyclopedia": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
}
# Plain CSL variables copied to a BibTeX field of another name.
FIELDS = {
    "title": "title",
    "title-short": "shorttitle",
    "abstract": "abstract",
    "URL": "url",
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "publisher": "publisher",
    "publisher-place": "address",
    "collection-title": "series",
    "edition": "edition",
    "ISBN": "isbn",
    "ISSN": "issn",
    "note": "note",
}
PERSON_ROLES = {"author": "author", "editor": "editor"}


def sniff(text: str) -> bool:
    """True for text that starts like a JSON array of objects (or an empty array)."""
    return bool(_JSON_ARRAY.match(text))


_JSON_ARRAY = re.compile(r"\[\s*(?:\{|\])")


def read_csljson(text: str, path: str, diagnostics: Diagnostics) -> list[Record]:
    """Parse a CSL-JSON array. Malformed JSON is a located error; a bad item is a
    located warning and is skipped, the rest are read."""
    deep = json_too_deep(text)
    if deep is not None:
        diagnostics.error(
            Code.INPUT_TOO_DEEP,
            f"JSON nests deeper than {MAX_DEPTH} levels here; no CSL-JSON export does",
            Location(path, *deep),
        )
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        diagnostics.error(
            Code.INPUT_SYNTAX, f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)
        )
        return []
    if not isinstance(data, list):
        diagnostics.error(
            Code.INPUT_SHAPE,
            f"CSL-JSON must be an array of items ([{{...}}, ...]), not {_json_kind(data)}",
            Location(path, 1, 1),
        )
        return []
    records = []
    for index, (item, line) in enumerate(zip(data, _item_lines(text), strict=True)):
        where = Location(path, line)
        if not isinstance(item, dict):
            diagnostics.warning(
                Code.RECORD_SKIPPED,
                f"item [{index}] is {_json_kind(item)}, not a CSL item; skipped",
                where,
            )
            continue
        record = _record(item, index, where, diagnostics)
        if record is not None:
            records.append(record)
    if not records:
        diagnostics.warning(Code.NO_RECORDS, "no items found (0 entries)", Location(path))
    return records


def _item_lines(text: str) -> Iterator[int]:
    """The 1-based line where each item of a (valid) top-level JSON array starts."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    line = 1 + text.count("\n", 0, position)
    while True:
        start = _skip_space(text, position)
        if text[start] == "]":
            return
        line += text.count("\n", position, start)
        yield line
        _, end = decoder.raw_decode(text, start)
        line += text.count("\n", start, end)
        position = _skip_space(text, end)
        line += text.count("\n", end, position)
        if text[position] == ",":
            position += 1


def _skip_space(text: str, position: int) -> int:
    while text[position] in " \t\r\n":
        position += 1
    return position


def _record(
    item: dict[str, Any], index: int, where: Location, diagnostics: Diagnostics
) -> Record | None:
    def text(name: str) -> str:
        value = item.get(name)
        if value is None:
            return ""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return normalize_space(str(value))
        diagnostics.warning(
            Code.VALUE_IGNORED,
            f"item [{index}]: '{name}' should be text, not {_json_kind(value)}; ignored",
            where,
        )
        return ""

    entry_type = ENTRY_TYPES.get(text("type"), "misc")
    fields = {}
    for csl, bib in FIELDS.items():
        value = text(csl)
        if value:
            fields[bib] = value
    container = text("container-title")
    if container:
        if entry_type == "article":
            fields["journal"] = container
        elif entry_type in ("inproceedings", "incollection"):
            fields["booktitle"] = container
        else:
            fields["howpublished"] = container
    year = year_in(_date_text(item.get("issued")))
    if year:
        fields["year"] = year
    doi = clean_doi(text("DOI"))
    if doi:
        fields["doi"] = doi
    keywords = text("keyword")
    if keywords:
        fields["keywords"] = keywords
    archive = (text("archive") or text("publisher")).lower()
    number = text("number")
    arxiv = arxiv_id_in(number, fields.get("url", ""), fields.get("note", ""), doi)
    if not arxiv and archive == "arxiv" and is_arxiv_id(number):
        arxiv = number
    if arxiv:
        fields.update(eprint=arxiv, archiveprefix="arXiv")
    elif number and entry_type != "misc":
        fields["number"] = fields.get("number") or number
    persons = {}
    for csl, role in PERSON_ROLES.items():
        names = _names(item.get(csl), f"item [{index}].{csl}", where, diagnostics)
        if names:
            persons[role] = names
    if not fields.get("title") and not fields.get("abstract"):
        diagnostics.warning(
            Code.RECORD_SKIPPED, f"item [{index}] has no 'title' and no 'abstract'; skipped", where
        )
        return None
    key = item.get("id") if isinstance(item.get("id"), str) else None
    return Record(location=where, entry_type=entry_type, key=key, fields=fields, persons=persons)


def _date_text(value: Any) -> str:
    """The text a CSL date holds: its first date-part, or its raw/literal form."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        return str(value.get("raw") or value.get("literal") or "")
    return str(value) if isinstance(value, str | int) else ""


def _names(value: Any, what: str, where: Location, diagnostics: Diagnostics) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        diagnostics.warning(
            Code.VALUE_IGNORED, f"{what} should be a list of names, not {_json_kind(value)}", where
        )
        return ()
    names = []
    for position, person in enumerate(value):
        name = _name(person) if isinstance(person, dict) else ""
        if name:
            names.append(name)
        else:
            diagnostics.warning(
                Code.VALUE_IGNORED,
                f"{what}[{position}] is not a name ({{family, given}} or {{literal}}); skipped",
                where,
            )
    return tuple(names)


def _name(person: dict[str, Any]) -> str:
    """A CSL name as BibTeX writes it: ``von Last, Jr, First`` or ``{Literal Name}``."""

    def part(key: str) -> str:
        value = person.get(key)
        return normalize_space(str(value)) if isinstance(value, str | int) else ""

    literal = part("literal")
    if literal:
        return "{" + literal + "}"
    family = part("family")
    given = part("given")
    if not family:
        return given
    if "," in family or re.search(r"\band\b", family, re.IGNORECASE):
        family = "{" + family + "}"
    particle = " ".join(p for p in (part("non-dropping-particle"), part("dropping-particle")) if p)
    last = f"{particle} {family}" if particle else family
    return ", ".join(p for p in (last, part("suffix"), given) if p)


def _json_kind(value: Any) -> str:
    return kind_of(value, "json")
