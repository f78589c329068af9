"""BibTeX/BibLaTeX reading through pybtex's parser, with a location on every entry.

We drive pybtex's `LowLevelParser` directly instead of `pybtex.database.parse_file`:
the high-level parser forgets where entries start and reports duplicate fields,
duplicate keys and decoding errors without file or line, and its strict switch is
global state. Here each entry keeps its file and line, pybtex's errors are
collected per call (never raised, never left in global state), and `@string`
macros carry over from one file to the next as in BibTeX.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.model import Record

PERSON_ROLES = ("author", "editor")
# "Kane, Daniel M.," or ", Jr": a comma with nothing on one side.
_STRAY_COMMA = re.compile(r"^\s*,|,\s*,|,\s*$")


def new_macros() -> CaseInsensitiveDict:
    """Macro table for a run of files; BibTeX's month names are predefined."""
    return CaseInsensitiveDict(month_names)


class _Collector:
    """Receives pybtex's errors while a file is parsed and files them with a location."""

    def __init__(self, path: str, diagnostics: Diagnostics) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.entry_failed = False
        self.parser: LowLevelParser | None = None

    def __call__(self, error: Exception) -> None:
        # An undefined @string only empties its own field; any other error cuts the entry.
        self.entry_failed = self.entry_failed or not isinstance(error, UndefinedMacro)
        line = getattr(error, "lineno", None)
        column = None
        key = self.parser.current_entry_key if self.parser else None
        what = f" in entry '{key}'" if key else ""
        message = str(error)
        if isinstance(error, PybtexSyntaxError):
            message = f"{error.error_type}{what}: {error.args[0]}"
            if isinstance(error, UndefinedMacro):
                message += " (the field is left empty; define it with @string)"
            try:
                _, line, column = error.parser.get_error_context(error.error_context_info)
                column += 1
            except (TypeError, IndexError, AttributeError):
                column = None
        code = Code.UNDEFINED_MACRO if isinstance(error, UndefinedMacro) else Code.INPUT_SYNTAX
        self.diagnostics.warning(code, f"BibTeX {message}", Location(self.path, line, column))


def read_bibtex(
    text: str,
    path: str,
    diagnostics: Diagnostics,
    macros: CaseInsensitiveDict | None = None,
    keyless: bool = False,
) -> list[Record]:
    """Parse BibTeX text into records. Problems are warnings: a lenient run keeps
    what could be read, `--strict` refuses the whole input. With `keyless`, an entry
    with no key is a record without one (an import makes it a key), not skipped."""
    text = text.replace("\r\n", "\n")
    text, stand_ins = _name_keyless(text) if keyless else (text, frozenset[str]())
    collector = _Collector(path, diagnostics)
    parser = LowLevelParser(
        text, macros=macros if macros is not None else new_macros(), handle_error=collector
    )
    collector.parser = parser
    records: list[Record] = []
    starts: list[int] = []
    line, counted_to = 1, 0
    for command, body in parser:
        start = parser.command_start or 0
        line += text.count("\n", counted_to, start)
        counted_to = start
        where = Location(path, line)
        failed, collector.entry_failed = collector.entry_failed, False
        kind = command.lower()
        if kind in ("string", "preamble", "comment"):
            continue
        key, raw_fields = body
        named = key not in stand_ins
        if named and not key:
            diagnostics.warning(
                Code.RECORD_SKIPPED, f"@{command} entry without a key skipped", where
            )
            continue
        shown = key if named else f"@{command} without a key"
        if _commented_out(text, start):
            diagnostics.warning(
                Code.COMMENTED_ENTRY,
                f"entry '{shown}' follows a '%' on its line but is still read: BibTeX has no "
                "comment syntax outside entries; wrap it in @comment{...} to drop it",
                where,
            )
        record = _record(kind, key if named else None, shown, raw_fields, where, diagnostics)
        if failed:
            diagnostics.warning(
                Code.RECORD_INCOMPLETE,
                f"entry '{shown}' is incomplete: fields after the syntax error were lost",
                where,
            )
        records.append(record)
        starts.append(start)
    records = _with_field_lines(records, starts, text)
    if not records:
        diagnostics.warning(Code.NO_RECORDS, "no entries found (0 entries)", Location(path))
    return records


_FIELD_START = re.compile(r"^[ \t]*([A-Za-z][\w:-]*)[ \t]*=", re.MULTILINE)


def _with_field_lines(records: list[Record], starts: list[int], text: str) -> list[Record]:
    """Each record with the line each of its fields starts on (where a problem with one
    field is reported); an entry's text runs to the next entry's start."""
    located = []
    for number, (record, start) in enumerate(zip(records, starts, strict=True)):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        base = record.location.line or 1
        lines: dict[str, int] = {}
        for found in _FIELD_START.finditer(text, start, end):
            name = found.group(1).lower()
            if name in record.fields or name in record.persons:
                lines.setdefault(name, base + text.count("\n", start, found.start()))
        located.append(replace(record, field_lines=lines))
    return located


def check_crossrefs(records: list[Record], diagnostics: Diagnostics) -> None:
    """Warn about a `crossref` that names no entry of the inputs."""
    keys = {r.key.lower() for r in records if r.key}
    for record in records:
        target = record.fields.get("crossref", "").strip()
        if target and target.lower() not in keys:
            diagnostics.warning(
                Code.MISSING_CROSSREF,
                f"entry '{record.key}' has crossref '{target}', which no input defines",
                record.location,
            )


# An entry with no key, as JabRef saves one (``@Article{,``), at the start of a line.
_KEYLESS = re.compile(
    r"^([ \t]*@[ \t]*(?!(?:string|preamble|comment)\b)[A-Za-z]\w*[ \t]*[{(])(?=[ \t]*,)",
    re.MULTILINE | re.IGNORECASE,
)


def _name_keyless(text: str) -> tuple[str, frozenset[str]]:
    """The text with a stand-in key for each entry that has none (pybtex would drop the
    entry's fields), and those stand-ins."""
    names: list[str] = []
    stem = "litreview-keyless-"
    while stem in text:  # a stand-in must not be a key of the file
        stem += "x-"

    def name(match: re.Match[str]) -> str:
        names.append(f"{stem}{len(names) + 1}")
        return match.group(1) + names[-1]

    return _KEYLESS.sub(name, text), frozenset(names)


def _commented_out(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return "%" in text[line_start:start]


def _record(
    kind: str,
    key: str | None,
    shown: str,  # how messages name the entry: its key, or "@Article without a key"
    raw_fields: list[tuple[str, list[str]]],
    where: Location,
    diagnostics: Diagnostics,
) -> Record:
    fields: dict[str, str] = {}
    persons: dict[str, tuple[str, ...]] = {}
    for name, parts in raw_fields:
        name = name.lower()
        if name in fields or name in persons:
            # BibTeX keeps the first value; so do we, and say so.
            diagnostics.warning(
                Code.DUPLICATE_FIELD,
                f"entry '{shown}' has a duplicate '{name}' field; the first value is kept",
                where,
            )
            continue
        value = normalize_whitespace("".join(parts))
        if name in PERSON_ROLES:
            persons[name] = tuple(split_name_list(value))
            for person in persons[name]:
                if _STRAY_COMMA.search(person):
                    diagnostics.warning(
                        Code.NAME_UNPARSABLE,
                        f"entry '{shown}': {name} name {person!r} has an empty part (a stray "
                        "comma?); it is kept as written",
                        where,
                        subject=key,
                    )
                    continue
                try:
                    Person(person)
                except PybtexError as exc:
                    # biber drops such an entry (plk/biber#261); we keep it and say so.
                    diagnostics.warning(
                        Code.NAME_UNPARSABLE,
                        f"entry '{shown}': {name} name {person!r} cannot be split into parts "
                        f"({exc}); it is kept as written",
                        where,
                    )
        else:
            fields[name] = value
    return Record(location=where, entry_type=kind, key=key, fields=fields, persons=persons)
