"""Downloads: a topic's papers (or the whole corpus) as BibTeX, RIS and CSL-JSON.

Exports carry only the fields `public_fields` allows (an allowlist of bibliographic
fields: nothing private to someone's reference manager leaves the store). The BibTeX
export is written by the store's own writer, so it parses back to the same entries.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import rispy
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from generator.cache import Cache
from generator.model import Paper
from generator.render.public_fields import export_fields, public
from generator.store.bibfile import format_entry
from generator.text.identifiers import arxiv_of
from generator.text.latex import plain_text

# Fields a citation does not need: copy buttons leave them out (downloads keep them).
NOT_CITED = frozenset({"abstract", "annotation", "annote", "keywords"})

_CSL_TYPES = {
    "article": "article-journal", "inproceedings": "paper-conference", "conference":
    "paper-conference", "book": "book", "incollection": "chapter", "phdthesis": "thesis",
    "mastersthesis": "thesis", "techreport": "report", "online": "webpage",
}  # fmt: skip
_RIS_TYPES = {
    "article": "JOUR", "inproceedings": "CPAPER", "conference": "CPAPER", "book": "BOOK",
    "incollection": "CHAP", "phdthesis": "THES", "mastersthesis": "THES", "techreport": "RPRT",
    "online": "ELEC",
}  # fmt: skip


def to_ris(papers: Iterable[Paper]) -> str:
    return Exporter().ris(papers)


def to_csl_json(papers: Iterable[Paper]) -> str:
    return Exporter().csl_json(papers)


class Exporter:
    """Exports for one build, of the `allowed` fields only (the default allowlist
    when None).

    A paper is in several downloads (its topics', their parents', the corpus') and its
    entry is on cards and its page: each paper's entry in each format is made once a
    build. A lasting cache (`mkdocs serve`'s) keeps it, keyed by the paper's whole
    content, so a rebuild redoes only the papers that changed. A download is its entries
    joined, which is what the writers (the store's, rispy's, json's) would write for the
    whole list.
    """

    def __init__(self, allowed: frozenset[str] | None = None, cache: Cache | None = None) -> None:
        self.allowed = export_fields() if allowed is None else allowed
        self.cache = Cache() if cache is None else cache
        self._entries: dict[tuple[str, str], str] = {}
        # How many downloads made by `download` and not yet written hold each entry: a
        # one-off build lets an entry go once the last of them is written (at 20,000
        # papers the entries come to 170 MB, kept to the end of the build otherwise).
        self._pending: Counter[tuple[str, str]] = Counter()
        self._memos: dict[str, tuple] = {}  # by key, in a lasting cache: see `_memo`

    def bibtex(self, papers: Iterable[Paper]) -> str:
        return "".join(self._pieces("bibtex", _ordered(papers)))

    def citation(self, paper: Paper) -> str:
        """The paper's BibTeX entry as one cites it: public fields, no abstract."""
        return self._entry("citation", paper)

    def ris(self, papers: Iterable[Paper]) -> str:
        return "".join(self._pieces("ris", _ordered(papers)))

    def csl_json(self, papers: Iterable[Paper]) -> str:
        return "".join(self._pieces("csl", _ordered(papers)))

    def download(self, kind: str, papers: Iterable[Paper]) -> Callable[[], Iterator[bytes]]:
        """The file of `papers` in `kind` (bibtex, ris or csl), made piece by piece when
        it is written: a download of the whole corpus is never whole in memory."""
        ordered = _ordered(papers)
        self._pending.update((kind, p.key) for p in ordered)

        def pieces() -> Iterator[bytes]:
            for piece in self._pieces(kind, ordered, written=True):
                yield piece.encode("utf-8")

        return pieces

    def _pieces(self, kind: str, papers: list[Paper], written: bool = False) -> Iterator[str]:
        start, between, end = _FRAMES[kind] if papers else _EMPTY[kind]
        yield start
        for number, paper in enumerate(papers):
            entry = self._entry(kind, paper)
            if written:
                self._written(kind, paper.key)
            yield between + entry if number else entry
        yield end

    def _written(self, kind: str, key: str) -> None:
        slot = (kind, key)
        self._pending[slot] -= 1
        if self._pending[slot] <= 0 and not self.cache.lasting:
            del self._pending[slot]
            self._entries.pop(slot, None)

    def _entry(self, kind: str, paper: Paper) -> str:
        slot = (kind, paper.key)
        entry = self._entries.get(slot)
        if entry is None:

            def make() -> str:
                return _FORMATS[kind](public(paper, self.allowed))

            if self.cache.lasting:
                entry = self.cache.get(f"export-{kind}", self._memo(paper), make)
            else:
                entry = make()
            self._entries[slot] = entry
        return entry

    def _memo(self, paper: Paper) -> tuple:
        """What a paper's entries are made from: the cache key of each of its formats."""
        memo = self._memos.get(paper.key)
        if memo is None:
            memo = self._memos[paper.key] = (
                paper.key, paper.entry_type, tuple(paper.fields.items()),
                tuple(paper.persons.items()), self.allowed,
            )  # fmt: skip
        return memo


# What comes before the entries of a download, between two, and after them.
_FRAMES = {"bibtex": ("", "\n", ""), "ris": ("", "\n", ""), "csl": ("[\n", ",\n", "\n]\n")}
_EMPTY = {"bibtex": ("", "", ""), "ris": ("", "", ""), "csl": ("[]\n", "", "")}


def _ordered(papers: Iterable[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: p.key.lower())


def _citation(paper: Paper) -> str:
    fields = {k: v for k, v in paper.fields.items() if k not in NOT_CITED}
    return format_entry(replace(paper, fields=fields))


def _ris(paper: Paper) -> str:
    return str(rispy.dumps([ris_record(paper)], implementation=_RisWriter))


def _csl(paper: Paper) -> str:
    # An item as json.dumps writes it inside a list indented by 2: every line two deeper.
    # A JSON string holds no raw "\n", so those are the dump's own lines; not splitlines(),
    # which also breaks at U+2028 or U+0085, characters json leaves raw inside strings.
    text = json.dumps(csl_item(paper), ensure_ascii=False, indent=2, sort_keys=True)
    return "\n".join("  " + line for line in text.split("\n"))


_FORMATS = {"bibtex": format_entry, "citation": _citation, "ris": _ris, "csl": _csl}


@dataclass(frozen=True)
class _Plain:
    """The fields RIS and CSL-JSON share, as plain text."""

    title: str
    year: str
    abstract: str
    doi: str
    urls: tuple[str, ...]
    venue: str

    @classmethod
    def of(cls, paper: Paper) -> _Plain:
        venue = paper.fields.get("journal") or paper.fields.get("booktitle") or ""
        urls = tuple(u for u in (paper.fields.get("url", ""), _arxiv_url(paper)) if u)
        return cls(
            title=plain_text(paper.title),
            year=paper.year,
            abstract=plain_text(paper.abstract) if paper.abstract else "",
            doi=paper.fields.get("doi", ""),
            urls=urls,
            venue=plain_text(venue) if venue else "",
        )


def ris_record(paper: Paper) -> dict[str, object]:
    plain = _Plain.of(paper)
    record: dict[str, object] = {
        "type_of_reference": _RIS_TYPES.get(paper.entry_type, "GEN"),
        "id": paper.key,
        "title": plain.title,
        "authors": [_name(n) for n in paper.authors],
        "year": plain.year,
        "abstract": plain.abstract,
        "doi": plain.doi,
        "urls": list(plain.urls),
        "secondary_title": plain.venue,
    }
    return {name: value for name, value in record.items() if value}


def csl_item(paper: Paper) -> dict[str, object]:
    plain = _Plain.of(paper)
    item: dict[str, object] = {
        "id": paper.key,
        "type": _CSL_TYPES.get(paper.entry_type, "article"),
        "title": plain.title,
        "author": [_csl_name(n) for n in paper.authors],
        "issued": {"date-parts": [[int(plain.year)]]} if plain.year else None,
        "abstract": plain.abstract,
        "DOI": plain.doi,
        "URL": plain.urls[0] if plain.urls else "",
        "container-title": plain.venue,
    }
    return {name: value for name, value in item.items() if value}


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """Plain RIS: rispy numbers each record ("1."), which other readers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def _arxiv_url(paper: Paper) -> str:
    arxiv = arxiv_of(paper.fields)
    return f"https://arxiv.org/abs/{arxiv}" if arxiv else ""


@lru_cache(maxsize=4096)  # each name is in a paper's RIS and CSL-JSON, and many papers
def _parts(name: str) -> tuple[str, str]:
    try:
        person = Person(name)
    except PybtexError:
        return plain_text(name), ""
    family = " ".join([*person.prelast_names, *person.last_names, *person.lineage_names])
    given = " ".join([*person.first_names, *person.middle_names])
    return plain_text(family), plain_text(given)


def _name(name: str) -> str:
    family, given = _parts(name)
    return f"{family}, {given}" if given else family


def _csl_name(name: str) -> dict[str, str]:
    family, given = _parts(name)
    return {"family": family, "given": given} if given else {"literal": family}
