"""Readers for the two plain-text paper dumps of the seed corpus.

* **Abstract lines**: one ``Abstract:...`` line per paper, blank lines between some;
  no titles (those come from a metadata file, see `generator.load.metadata`).
* **Listing pages**: text scraped from a "trending papers" page: banner lines, then
  ``Subscribe`` glued to the first title, then title and abstract lines alternating.

Both were scraped from web pages that dropped TeX's backslashes and dollars
(``3times speedup``, ``Oleft(N Mright)``) and HTML entities' ``&#``/``;``
(``taskx2014generating``). That loss happened here, so it is repaired here
(`generator.text.restore`), and each repair is handed to the caller to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.model import Record
from generator.text.restore import restore_stripped_tex

ABSTRACT_PREFIX = "Abstract:"
_BANNER = re.compile(r"^Get trending papers in your email inbox", re.IGNORECASE)
_SUBSCRIBE = "Subscribe"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextRepair:
    """One formula or entity restored in a seed file's text, or (`after` None) a
    piece of debris the import could not restore with confidence."""

    location: Location
    field: str
    before: str
    after: str | None

    def __str__(self) -> str:
        if self.after is None:
            return f"{self.location}: {self.field}: left as it was: '{self.before}'"
        return f"{self.location}: {self.field}: '{self.before}' → '{self.after}'"


def normalize_space(text: str) -> str:
    """Collapse runs of white space as BibTeX does, so the store round-trips exactly."""
    return _SPACE.sub(" ", text).strip()


def sniff(text: str) -> str | None:
    """Name the seed format of `text`, or None when it is neither."""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.lstrip().startswith(ABSTRACT_PREFIX):
            return "abstract-lines"
        if _BANNER.match(line.strip()):
            return "listing"
        return None
    return None


def restored(text: str, where: Location, field: str, repairs: list[TextRepair] | None) -> str:
    """`text` with its stripped TeX restored; each repair is added to `repairs`."""
    result = restore_stripped_tex(text)
    if repairs is not None:
        repairs += [TextRepair(where, field, r.before, r.after) for r in result.repairs]
        repairs += [TextRepair(where, field, run, None) for run in result.unrepaired]
    return result.text


def read_abstract_lines(
    text: str, path: str, diagnostics: Diagnostics, repairs: list[TextRepair] | None = None
) -> list[Record]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        where = Location(path, number)
        if not stripped.startswith(ABSTRACT_PREFIX):
            diagnostics.warning(
                Code.RECORD_SKIPPED,
                f"line does not start with '{ABSTRACT_PREFIX}' and was skipped",
                where,
            )
            continue
        abstract = normalize_space(stripped[len(ABSTRACT_PREFIX) :])
        if not abstract:
            diagnostics.warning(Code.RECORD_SKIPPED, "empty abstract skipped", where)
            continue
        abstract = restored(abstract, where, "abstract", repairs)
        records.append(Record(location=where, fields={"abstract": abstract}))
    if not records:
        diagnostics.warning(Code.NO_RECORDS, "no abstracts found (0 entries)", Location(path))
    return records


def read_listing(
    text: str, path: str, diagnostics: Diagnostics, repairs: list[TextRepair] | None = None
) -> list[Record]:
    lines = [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not _BANNER.match(line.strip())
    ]
    if lines and lines[0][1].startswith(_SUBSCRIBE):
        number, first = lines[0]
        lines[0] = (number, first[len(_SUBSCRIBE) :].strip())
    if len(lines) % 2:
        number, orphan = lines[-1]
        diagnostics.warning(
            Code.RECORD_INCOMPLETE,
            f"title without an abstract at the end of the listing: {orphan[:60]!r}",
            Location(path, number),
        )
        lines = lines[:-1]
    records = []
    for (title_line, title), (abstract_line, abstract) in zip(lines[::2], lines[1::2], strict=True):
        fields = {
            "title": restored(normalize_space(title), Location(path, title_line), "title", repairs),
            "abstract": restored(
                normalize_space(abstract), Location(path, abstract_line), "abstract", repairs
            ),
        }
        records.append(Record(location=Location(path, title_line), fields=fields))
    if not records:
        diagnostics.warning(
            Code.NO_RECORDS, "no papers found in the listing (0 entries)", Location(path)
        )
    return records
