"""The paper store: ``content/papers/*.bib``, plain BibTeX any tool can read.

Field values are stored as the LaTeX source they arrived as. pybtex's writer would
run them through latexcodec (``$H_2$`` comes back ``$H\\_2$``), so we write entries
ourselves and use pybtex only to check that braces balance; reading goes through
the same located parser as every import. Files are replaced atomically: a reader
never sees half a store file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pybtex.bibtex.exceptions import BibTeXError

from generator.cache import Cache
from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.bibtex import read_bibtex
from generator.load.files import decode, read_bytes
from generator.model import INTERNAL_FIELDS, Paper, Record
from generator.text.slugs import RESERVED, page_slug

# Fields first in this order, the rest as they came, bookkeeping last.
FIELD_ORDER = ("title", "year", "month", "date", "journal", "journaltitle", "booktitle",
               "volume", "number", "pages", "publisher", "howpublished", "eprint",
               "archiveprefix", "primaryclass", "doi", "url", "abstract")  # fmt: skip


def read_store(
    files: Iterable[tuple[Path, str]], diagnostics: Diagnostics, cache: Cache | None = None
) -> list[Paper]:
    """Papers from every store file; duplicate keys across files are errors. A file
    whose bytes the cache has seen is not parsed again."""
    cache = Cache() if cache is None else cache
    papers: list[Paper] = []
    seen: dict[str, tuple[str, Location]] = {}
    slugs: dict[str, str] = {}
    for path, shown in files:
        for record in _read_file(path, shown, diagnostics, cache):
            key = record.key or ""
            if key.lower() in seen:
                first_key, first = seen[key.lower()]
                case = f" as '{first_key}', which differs only in case" * (first_key != key)
                diagnostics.error(
                    Code.STORE_DUPLICATE_KEY,
                    f"paper key '{key}' is already defined at {first}{case}",
                    record.location,
                    subject=key,
                )
                continue
            seen[key.lower()] = (key, record.location)
            slug = page_slug(key)
            if key.lower() in RESERVED:
                diagnostics.warning(
                    Code.RESERVED_NAME,
                    f"paper key '{key}' is a file name Windows reserves; its page is "
                    f"papers/{slug}/ (rename the key to give it a plain URL)",
                    record.location,
                    subject=key,
                )
            if slug in slugs:
                diagnostics.error(
                    Code.PAGE_NAME_CLASH,
                    f"paper key '{key}' gives the same page name as '{slugs[slug]}'",
                    record.location,
                )
                continue
            slugs[slug] = key
            papers.append(
                Paper(
                    key=key,
                    slug=slug,
                    location=record.location,
                    entry_type=record.entry_type,
                    fields=record.fields,
                    persons=record.persons,
                    field_lines=record.field_lines,
                )
            )
    return papers


def _read_file(path: Path, shown: str, diagnostics: Diagnostics, cache: Cache) -> list[Record]:
    data = read_bytes(path, shown, diagnostics, "store file")
    if data is None:
        return []

    def parse(local: Diagnostics) -> list[Record]:
        text = decode(data, shown, local, what="store file")
        return read_bibtex(text, shown, local) if text is not None else []

    digest = hashlib.sha256(data).hexdigest()
    return cache.get_reporting("store-file", (shown, digest), parse, diagnostics)


def quote(value: str) -> str:
    """A braced BibTeX value. BibTeX counts every brace, escaped or not, so a value
    whose braces do not balance cannot be stored: that raises `BibTeXError`."""
    if not balanced_braces(value):
        raise BibTeXError(f"String has unmatched braces: {value}")
    return "{" + value + "}"


def balanced_braces(value: str) -> bool:
    if "{" not in value and "}" not in value:
        return True
    depth = 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def format_entry(paper: Paper) -> str:
    lines = [f"@{paper.entry_type}{{{paper.key},"]
    for role, names in paper.persons.items():
        lines.append(f"  {role} = {quote(' and '.join(names))},")
    for name in ordered_fields(paper.fields):
        lines.append(f"  {name} = {quote(paper.fields[name])},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ordered_fields(fields: dict[str, str]) -> list[str]:
    first = [f for f in FIELD_ORDER if f in fields]
    internal = sorted(f for f in fields if f in INTERNAL_FIELDS)
    rest = [f for f in fields if f not in FIELD_ORDER and f not in INTERNAL_FIELDS]
    return first + rest + internal


def format_store(papers: Iterable[Paper]) -> str:
    entries = sorted(papers, key=lambda p: p.key.lower())
    return "\n".join(format_entry(p) for p in entries)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
