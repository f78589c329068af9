"""Metadata files that name papers a dump left untitled.

A metadata file is a YAML list of items like::

    - file: "000_a7a85a8ad47f24b6.txt"   # the dump, by file name
      line: 3                            # the 1-based line of its Abstract: line
      abstract_start: "Transformers excel through content-addressable retrieval and"
      title: "..."
      arxiv: "2603.10397"                # optional
      authors: ["A. Author", ...]        # optional
      year: 2026                         # optional

Items are matched by file name and line, checked against `abstract_start`; when the
line no longer matches (the dump was edited), the item is matched by its
`abstract_start` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.seeds import normalize_space
from generator.load.yamlsource import YList, YMap, load_yaml
from generator.model import Record


@dataclass(frozen=True)
class TitleInfo:
    file: str
    line: int
    abstract_start: str
    fields: dict[str, str]
    authors: tuple[str, ...]
    location: Location


def looks_like_metadata(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and {"file", "line"} <= item.keys() for item in value)
    )


def read_metadata(text: str, path: str, diagnostics: Diagnostics) -> list[TitleInfo]:
    ok, value = load_yaml(text, path, diagnostics)
    if not ok:
        return []
    if not looks_like_metadata(value):
        diagnostics.error(
            Code.INPUT_SHAPE,
            "not a metadata list (items need 'file' and 'line')",
            Location(path, 1),
        )
        return []
    assert isinstance(value, YList)
    infos = []
    for index, item in enumerate(value):
        assert isinstance(item, YMap)
        where = value.where(index)
        title = item.get("title")
        if title is None:
            continue  # looked up but not found: the paper keeps a provisional title
        if not isinstance(title, str) or not isinstance(item.get("line"), int):
            diagnostics.error(
                Code.RECORD_SKIPPED,
                f"item [{index}] needs a string 'title' and an integer 'line'",
                where,
            )
            continue
        fields = {"title": normalize_space(title)}
        if item.get("arxiv"):
            fields.update(eprint=str(item["arxiv"]), archiveprefix="arXiv")
        if item.get("year"):
            fields["year"] = str(item["year"])
        authors = tuple(str(a) for a in item.get("authors") or ())
        infos.append(
            TitleInfo(
                file=PurePath(str(item["file"])).name,
                line=item["line"],
                abstract_start=normalize_space(str(item.get("abstract_start", ""))),
                fields=fields,
                authors=authors,
                location=where,
            )
        )
    return infos


def apply_metadata(
    records: list[Record], infos: list[TitleInfo], diagnostics: Diagnostics
) -> list[Record]:
    """Give untitled records the titles (and ids, authors, year) the metadata names."""
    by_place = {(PurePath(r.location.path).name, r.location.line): i for i, r in enumerate(records)}
    result = list(records)
    for info in infos:
        index = by_place.get((info.file, info.line))
        if index is None or not _starts(records[index], info):
            index = next(
                (
                    i
                    for i, r in enumerate(records)
                    if PurePath(r.location.path).name == info.file and _starts(r, info)
                ),
                None,
            )
        if index is None:
            diagnostics.warning(
                Code.METADATA_UNMATCHED,
                f"no abstract in '{info.file}' matches line {info.line} "
                f"({info.abstract_start[:40]!r}...); title '{info.fields['title']}' not applied",
                info.location,
            )
            continue
        record = result[index]
        fields = {**info.fields, **{k: v for k, v in record.fields.items() if v}}
        persons = dict(record.persons)
        if info.authors and "author" not in persons:
            persons["author"] = info.authors
        result[index] = replace(record, fields=fields, persons=persons)
    return result


def _starts(record: Record, info: TitleInfo) -> bool:
    return bool(info.abstract_start) and record.abstract.startswith(info.abstract_start.strip())
