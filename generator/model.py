"""The typed records every stage after loading works with.

`Record` is what a reader produced from one source file; `Paper` is an entry of the
paper store; `Topic` is one curated topic file. All are frozen: later stages derive
new values instead of mutating what was loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import Location

# Fields the store keeps for its own bookkeeping; exports strip them.
SOURCES_FIELD = "litreview-sources"
PROVISIONAL_FIELD = "litreview-provisional"
# BibLaTeX's field for a paper's other keys; biber resolves citations of them.
ALIASES_FIELD = "ids"
# A record (never a stored paper) may name fields that replace a stored paper's values
# even when it is not from the paper's own source (a metadata file correcting a title).
OVERRIDE_FIELD = "litreview-override"
# The fields of a stored paper such a record replaced: re-importing the paper's own source
# keeps them, or the two imports would undo each other's work on every run.
OVERRIDDEN_FIELD = "litreview-overridden"
# Which fields `litreview enrich` filled, from where and when (generator/enrich/provenance.py).
ENRICHED_FIELD = "litreview-enriched"
INTERNAL_FIELDS = frozenset(
    {SOURCES_FIELD, PROVISIONAL_FIELD, OVERRIDE_FIELD, OVERRIDDEN_FIELD, ENRICHED_FIELD}
)


class _Entry:
    """What records and papers share: BibTeX fields, read through named properties."""

    fields: dict[str, str]
    location: Location
    field_lines: dict[str, int]

    def where(self, name: str) -> Location:
        """Where field `name` is written (its entry, when the reader knows no better)."""
        line = self.field_lines.get(name)
        return Location(self.location.path, line) if line else self.location

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def abstract(self) -> str:
        return self.fields.get("abstract", "")


@dataclass(frozen=True)
class Record(_Entry):
    """One paper as a source file states it, before deduplication.

    Field values are BibTeX/LaTeX source text (``\\emph{x}``, ``$x^2$``), whitespace
    normalised; `persons` holds BibTeX name lists per role (``author``, ``editor``).
    """

    location: Location
    entry_type: str = "misc"
    key: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The line each field starts on, where the reader knows it (BibTeX).
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Paper(_Entry):
    """A paper in the store: one BibTeX entry with a key that is unique in the corpus."""

    key: str
    slug: str
    location: Location
    entry_type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def year(self) -> str:
        year = self.fields.get("year") or self.fields.get("date", "")[:4]
        return year if year.isdigit() else ""

    @property
    def authors(self) -> tuple[str, ...]:
        return self.persons.get("author", ())

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other keys the paper answers to: BibLaTeX's ``ids`` field (comma-separated),
        where an import keeps the key a source gave a paper whose key had to change."""
        return tuple(a.strip() for a in self.fields.get(ALIASES_FIELD, "").split(",") if a.strip())

    @property
    def sources(self) -> tuple[str, ...]:
        raw = self.fields.get(SOURCES_FIELD, "")
        return tuple(s.strip() for s in raw.split(";") if s.strip())

    @property
    def provisional_title(self) -> bool:
        return "title" in self.fields.get(PROVISIONAL_FIELD, "")


@dataclass(frozen=True)
class TopicEntry:
    """A paper listed in a topic, with the note the curator wrote for it there."""

    key: str
    location: Location
    note: str = ""
    excerpt: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    summary: str
    entries: tuple[TopicEntry, ...]
    location: Location


@dataclass(frozen=True)
class Topic:
    """One topic YAML file. `slug` is the file name without its extension."""

    slug: str
    title: str
    location: Location
    summary: str = ""
    summary_location: Location | None = None
    parent: str | None = None
    parent_location: Location | None = None
    order: float = 0
    entries: tuple[TopicEntry, ...] = ()
    sections: tuple[Section, ...] = ()
    see_also: tuple[tuple[str, Location], ...] = ()
    redirect_from: tuple[tuple[str, Location], ...] = ()

    def all_entries(self) -> tuple[TopicEntry, ...]:
        """Entries listed directly and in sections, in page order."""
        result = list(self.entries)
        for section in self.sections:
            result.extend(section.entries)
        return tuple(result)

    def paper_keys(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for entry in self.all_entries():
            seen.setdefault(entry.key)
        return tuple(seen)


@dataclass(frozen=True)
class HandPage:
    """A page the user wrote in the docs folder; `uri` is its path below that folder."""

    uri: str
    text: str
    location: Location
