"""BibTeX/BibLaTeX reading through pybtex's parser, with a location on every entry.

We drive pybtex's `LowLevelParser` directly instead of `pybtex.database.parse_file`:
the high-level parser forgets where entries start and reports duplicate fields,
duplicate keys and decoding errors without file or line, and its strict switch is
global state. Here each entry keeps its file and line, pybtex's errors are
collected per call (never raised, never left in global state), and `@string`
macros carry over from one file to the next as in BibTeX.
"""

from __future__ import annotations

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
    text: str, path: str, diagnostics: Diagnostics, macros: CaseInsensitiveDict | None = None
) -> list[Record]:
    """Parse BibTeX text into records. Problems are warnings: a lenient run keeps
    what could be read, `--strict` refuses the whole input."""
    text = text.replace("\r\n", "\n")
    collector = _Collector(path, diagnostics)
    parser = LowLevelParser(
        text, macros=macros if macros is not None else new_macros(), handle_error=collector
    )
    collector.parser = parser
    records: list[Record] = []
    seen_keys: dict[str, tuple[str, Location]] = {}
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
        if not key:
            diagnostics.warning(
                Code.RECORD_SKIPPED, f"@{command} entry without a key skipped", where
            )
            continue
        if key.lower() in seen_keys:
            first_key, first = seen_keys[key.lower()]
            message = f"duplicate entry key '{key}' (first at line {first.line})"
            if first_key != key:
                message = (
                    f"entry key '{key}' differs from '{first_key}' (line {first.line}) only in "
                    "case, which BibTeX and the file systems of macOS and Windows ignore"
                )
            diagnostics.warning(
                Code.KEY_CLASH, f"{message}; this one is skipped", where, subject=key
            )
            continue
        seen_keys[key.lower()] = (key, where)
        if _commented_out(text, start):
            diagnostics.warning(
                Code.COMMENTED_ENTRY,
                f"entry '{key}' follows a '%' on its line but is still read: BibTeX has no "
                "comment syntax outside entries; wrap it in @comment{...} to drop it",
                where,
            )
        record = _record(kind, key, raw_fields, where, diagnostics)
        if failed:
            diagnostics.warning(
                Code.RECORD_INCOMPLETE,
                f"entry '{key}' is incomplete: fields after the syntax error were lost",
                where,
            )
        records.append(record)
    if not records:
        diagnostics.warning(Code.NO_RECORDS, "no entries found (0 entries)", Location(path))
    return records


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


def _commented_out(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return "%" in text[line_start:start]


def _record(
    kind: str,
    key: str,
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
                f"entry '{key}' has a duplicate '{name}' field; the first value is kept",
                where,
            )
            continue
        value = normalize_whitespace("".join(parts))
        if name in PERSON_ROLES:
            persons[name] = tuple(split_name_list(value))
            for person in persons[name]:
                try:
                    Person(person)
                except PybtexError as exc:
                    # biber drops such an entry (plk/biber#261); we keep it and say so.
                    diagnostics.warning(
                        Code.NAME_UNPARSABLE,
                        f"entry '{key}': {name} name {person!r} cannot be split into parts "
                        f"({exc}); it is kept as written",
                        where,
                    )
        else:
            fields[name] = value
    return Record(location=where, entry_type=kind, key=key, fields=fields, persons=persons)
