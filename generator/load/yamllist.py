"""Paper lists kept as YAML (awesome-lists, reading lists) to `Record`s.

Two shapes are read, each paper located at the line of its list item:

* **a list of papers**: ``- {title, author, year, link, topics: [...]}``; the papers
  listed under a paper's ``related`` (or ``papers``, ``list``) are papers too;
* **a mapping of topics**: ``slug: {title: Topic title, list: [papers...]}`` (the
  list may be called ``list``, ``papers``, ``items`` or ``entries``, and may be empty
  or null), or simply ``slug: [papers...]``.

A paper's fields are mapped to BibTeX fields by name:

====================================  =========================================
list field                            record field
====================================  =========================================
``title``, ``name``                   ``title``
``key``, ``id``, ``citekey``          the paper's key
``author``, ``authors``               ``author``: ``A and B``, ``Ziv, Lempel`` (one
                                      surname per comma), or a list of names,
                                      ``[first, last]`` pairs, ``{name}``,
                                      ``{given, family}``; ``et al`` → ``others``
``year``, ``date``; ``month``         ``year``; ``month`` (a number becomes its name)
``url``, ``link``, ``pdf``,           ``url`` (from a labelled map, the PDF
``links``, ``urls``                   first); a ``code``/``github`` label → ``code``
``code``                              ``code``
``doi``, ``arxiv``                    ``doi``; ``eprint`` + ``archiveprefix``
``abstract``                          ``abstract``
``abbr``, ``short``                   ``shorttitle``
``conf``, ``conference``,             ``booktitle`` (``@inproceedings``)
``booktitle``
``journal``                           ``journal`` (``@article``)
``venue``                             ``howpublished`` (``@misc``)
``topics``, ``tags``, ``keywords``,   ``keywords``
and the topic it is listed under
====================================  =========================================

A list of looked-up records may say ``not_found: true`` (the item is skipped), give
``override: [title]`` (its title replaces a stored paper's, which it otherwise never
does) and carry notes for people (``found_at``, ``searched``, ``authors_incomplete``).
Any other field is reported once per file (with how many papers carry it), never
dropped silently. A paper listed under several topics is one paper: the import
merges the listings (and reports it), keeping every topic as a keyword. DOIs and
arXiv ids are also read from the links; when two different titles link to the same
id, the list has a wrong link, so the id is reported and not used for either paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pybtex.bibtex.utils import split_name_list

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.kinds import kind_of
from generator.load.seeds import normalize_space
from generator.load.yamlsource import YList, YMap, load_yaml
from generator.model import OVERRIDE_FIELD, Record
from generator.text.identifiers import arxiv_id_in, clean_doi, doi_in_url, is_arxiv_id, year_in
from generator.text.latex import identity

TITLE_KEYS = ("title", "name")
KEY_KEYS = ("key", "id", "citekey", "citation-key", "citation_key")
AUTHOR_KEYS = ("authors", "author")
YEAR_KEYS = ("year", "date")
URL_KEYS = ("url", "link", "pdf")
LINKS_KEYS = ("links", "urls")
LINK_PREFERENCE = ("pdf", "paper", "arxiv", "doi", "url", "home", "project", "website")
CODE_LABELS = ("code", "github", "repo", "repository", "implementation", "source")
SHORT_KEYS = ("abbr", "short")
TOPIC_KEYS = ("topics", "tags", "keywords")
# venue field -> (BibTeX field, entry type)
VENUES = {
    "conf": ("booktitle", "inproceedings"),
    "conference": ("booktitle", "inproceedings"),
    "booktitle": ("booktitle", "inproceedings"),
    "journal": ("journal", "article"),
    "venue": ("howpublished", "misc"),
}
GROUP_LIST_KEYS = ("list", "papers", "items", "entries")
NESTED_KEYS = ("related", "papers", "list")
# Notes of a looked-up list for its readers (where a fact was found, what was searched).
NOTE_KEYS = ("found_at", "searched", "authors_incomplete", "comment", "source")
KNOWN_KEYS = frozenset(
    (*TITLE_KEYS, *KEY_KEYS, *AUTHOR_KEYS, *YEAR_KEYS, *URL_KEYS, *LINKS_KEYS, "code",
     *SHORT_KEYS, *TOPIC_KEYS, *VENUES, *NESTED_KEYS, "abstract", "doi", "arxiv", "eprint",
     "month", "not_found", "override", *NOTE_KEYS)
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_ET_AL = re.compile(r"[\s,]*\bet\.?\s+al\.?$", re.IGNORECASE)
_ARXIV_VENUE = re.compile(r"^arxiv\b", re.IGNORECASE)
SHAPE_HELP = (
    "expected a list of papers (mappings with a 'title') or a mapping of topics, "
    "each with a 'list' of papers"
)


def looks_like_paper_list(value: Any) -> bool:
    """True for a YAML value of one of the two shapes this reader takes."""
    if isinstance(value, list):
        return bool(value) and all(_is_paper(item) for item in value)
    if isinstance(value, dict):
        return _is_single_group(value) or any(_is_group(group) for group in value.values())
    return False


def _is_paper(value: Any) -> bool:
    return isinstance(value, dict) and any(isinstance(value.get(k), str) for k in TITLE_KEYS)


def _is_single_group(value: dict[Any, Any]) -> bool:
    """``{title: ..., papers: [...]}``: one list, not a mapping of topics."""
    lists = [k for k in GROUP_LIST_KEYS if k in value and isinstance(value[k], list | None)]
    return bool(lists) and not any(_is_group(v) for k, v in value.items() if k not in lists)


def _is_group(value: Any) -> bool:
    if isinstance(value, dict):
        return any(k in value for k in GROUP_LIST_KEYS)
    return isinstance(value, list) and bool(value) and all(_is_paper(p) for p in value)


@dataclass
class _Draft:
    """One paper being assembled from its listings."""

    where: Location
    key: str | None
    entry_type: str
    fields: dict[str, str]
    persons: dict[str, tuple[str, ...]]
    keywords: list[str]
    # (kind, id) read from a link only: trusted less than an explicit doi/arxiv field.
    link_ids: set[tuple[str, str]] = field(default_factory=set)

    def absorb(self, other: _Draft) -> None:
        """Take the topics of another listing of this paper, and the fields it lacks."""
        for kind, value in other.link_ids:
            if ("eprint" if kind == "arxiv" else "doi") not in self.fields:
                self.link_ids.add((kind, value))
        for name, value in other.fields.items():
            self.fields.setdefault(name, value)
        for role, names in other.persons.items():
            self.persons.setdefault(role, names)
        self.keywords.extend(k for k in other.keywords if k not in self.keywords)

    def record(self) -> Record:
        fields = dict(self.fields)
        if self.keywords:
            fields["keywords"] = ", ".join(self.keywords)
        location = Location(self.where.path, self.where.line)
        return Record(
            location=location,
            entry_type=self.entry_type,
            key=self.key,
            fields=fields,
            persons=self.persons,
        )


def read_yaml_list(text: str, path: str, diagnostics: Diagnostics) -> list[Record]:
    ok, value = load_yaml(text, path, diagnostics)
    if not ok:
        return []
    reader = _Reader(path, diagnostics)
    if isinstance(value, YList):
        reader.papers(value, None, "")
    elif isinstance(value, YMap) and _is_single_group(value):
        reader.group(value, None, "")
    elif isinstance(value, YMap) and any(_is_group(g) for g in value.values()):
        for key, group in value.items():
            reader.topic(str(key), group, value.where(key))
    else:
        diagnostics.error(Code.INPUT_SHAPE, f"not a paper list: {SHAPE_HELP}", Location(path, 1))
        return []
    drafts = reader.drafts
    _drop_conflicting_link_ids(drafts, diagnostics)
    reader.report_ignored()
    if not drafts:
        diagnostics.warning(Code.NO_RECORDS, "no papers found (0 entries)", Location(path))
    return [d.record() for d in drafts]


class _Reader:
    def __init__(self, path: str, diagnostics: Diagnostics) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.drafts: list[_Draft] = []
        self.ignored: dict[str, list[Location]] = {}

    def report_ignored(self) -> None:
        """One warning per field this reader does not know: nothing is dropped silently."""
        for name, places in sorted(self.ignored.items()):
            count = f"{len(places)} paper{'s' * (len(places) != 1)}"
            self.diagnostics.warning(
                Code.VALUE_IGNORED,
                f"field '{name}' is not read (it is on {count}, the first here); "
                f"known fields: {', '.join(sorted(KNOWN_KEYS))}",
                places[0],
                subject=name,
            )

    def topic(self, key: str, group: Any, where: Location) -> None:
        if group is None:
            return  # a topic with nothing in it yet
        if isinstance(group, YList):
            self.papers(group, key, f"{key}")
        elif isinstance(group, YMap) and any(k in group for k in GROUP_LIST_KEYS):
            title = group.get("title")
            self.group(group, title if isinstance(title, str) and title else key, key)
        else:
            self.diagnostics.error(
                Code.INPUT_SHAPE,
                f"'{key}' is not a topic of papers: expected a mapping with a 'list' of "
                "papers, or a list of papers",
                where,
            )

    def group(self, group: YMap, topic: str | None, path: str) -> None:
        name = next(k for k in GROUP_LIST_KEYS if k in group)
        papers = group[name]
        item_path = f"{path}.{name}" if path else name
        if papers is None:
            return  # `list:` left empty: a topic with no papers yet
        if not isinstance(papers, YList):
            self.diagnostics.error(
                Code.INPUT_SHAPE,
                f"'{item_path}' must be a list of papers, not {kind_of(papers)}",
                group.where(name),
            )
            return
        self.papers(papers, topic, item_path)

    def papers(self, items: YList, topic: str | None, path: str) -> None:
        for index, item in enumerate(items):
            where = items.where(index)
            item_path = f"{path}[{index}]" if path else f"item [{index}]"
            if not isinstance(item, YMap):
                self.diagnostics.warning(
                    Code.RECORD_SKIPPED,
                    f"{item_path} is {kind_of(item)}, not a paper (a mapping with a 'title'); "
                    "skipped",
                    where,
                )
                continue
            draft = self.paper(item, topic, item_path, where)
            if draft is not None:
                self.drafts.append(draft)
            for key in NESTED_KEYS:
                nested = item.get(key)
                if isinstance(nested, YList):
                    self.papers(nested, None, f"{item_path}.{key}")

    def paper(self, item: YMap, topic: str | None, path: str, where: Location) -> _Draft | None:
        if item.get("not_found") is True:
            return None  # looked up and not found: nothing to add
        title = self.text(item, TITLE_KEYS, path)
        if not title:
            self.diagnostics.warning(Code.RECORD_SKIPPED, f"{path} has no 'title'; skipped", where)
            return None
        for name in item:
            if str(name) not in KNOWN_KEYS:
                self.ignored.setdefault(str(name), []).append(item.where(name))
        fields = {"title": title}
        entry_type = "misc"
        paper_key = self.text(item, KEY_KEYS, path) or None
        year = year_in(self.text(item, YEAR_KEYS, path))
        if year:
            fields["year"] = year
        month = self.text(item, ("month",), path)
        if month.isdigit() and 1 <= int(month) <= 12:
            fields["month"] = MONTHS[int(month) - 1]
        elif month:
            fields["month"] = month
        override = item.get("override")
        if isinstance(override, list) and all(isinstance(name, str) for name in override):
            fields[OVERRIDE_FIELD] = ", ".join(override)
        abstract = self.text(item, ("abstract",), path)
        if abstract:
            fields["abstract"] = abstract
        short = self.text(item, SHORT_KEYS, path)
        if short:
            fields["shorttitle"] = short
        for key, (bib, kind) in VENUES.items():
            venue = self.text(item, (key,), path)
            if venue and bib not in fields:
                fields[bib], entry_type = venue, kind
                if _ARXIV_VENUE.match(venue):
                    entry_type = "misc"
                    del fields[bib]
                    fields["howpublished"] = venue
        links, code = self.links(item, path)
        if links:
            fields["url"] = links[0]
        if code:
            fields["code"] = code
        link_ids: set[tuple[str, str]] = set()
        doi = clean_doi(self.text(item, ("doi",), path))
        if not doi:
            doi = next((d for d in map(doi_in_url, links) if d), "")
            if doi:
                link_ids.add(("doi", doi))
        if doi:
            fields["doi"] = doi
        arxiv = self.text(item, ("arxiv", "eprint"), path)
        arxiv = arxiv if is_arxiv_id(arxiv) else arxiv_id_in(arxiv)
        if not arxiv:
            arxiv = arxiv_id_in(*links)
            if arxiv:
                link_ids.add(("arxiv", arxiv))
        if arxiv:
            fields.update(eprint=arxiv, archiveprefix="arXiv")
            if fields.get("howpublished", "").lower() == "arxiv":
                del fields["howpublished"]
        persons = {}
        authors = self.authors(item, path, where)
        if authors:
            persons["author"] = authors
        keywords = [] if topic is None else [topic]
        for key in TOPIC_KEYS:
            value = item.get(key)
            if isinstance(value, str):
                value = value.split(",")
            if isinstance(value, list):
                for word in (normalize_space(str(v)) for v in value if v is not None):
                    if word and word not in keywords:
                        keywords.append(word)
        return _Draft(where, paper_key, entry_type, fields, persons, keywords, link_ids)

    def text(self, item: YMap, keys: tuple[str, ...], path: str) -> str:
        for key in keys:
            value = item.get(key)
            if value is None or value == "":
                continue
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return normalize_space(str(value))
            self.diagnostics.warning(
                Code.VALUE_IGNORED,
                f"{path}.{key} should be text, not {kind_of(value)}; ignored",
                item.where(key),
            )
        return ""

    def links(self, item: YMap, path: str) -> tuple[list[str], str]:
        """Every link of a paper, the one to cite first; and its code link, if any.
        ``links``/``urls`` may be a list, or a mapping of labels (pdf, arxiv, code...)."""
        found = [self.text(item, (key,), path) for key in URL_KEYS]
        code = self.text(item, ("code",), path)
        for name in LINKS_KEYS:
            links = item.get(name)
            if isinstance(links, dict):
                labelled = []
                for label, url in links.items():
                    if not isinstance(url, str) or not url.strip():
                        continue
                    if str(label).lower() in CODE_LABELS:
                        code = code or normalize_space(url)
                    else:
                        labelled.append((str(label).lower(), normalize_space(url)))
                rank = {label: i for i, label in enumerate(LINK_PREFERENCE)}
                labelled.sort(key=lambda pair: rank.get(pair[0], len(rank)))
                found.extend(url for _, url in labelled)
            elif isinstance(links, list):
                found.extend(normalize_space(u) for u in links if isinstance(u, str))
            elif isinstance(links, str):
                found.append(normalize_space(links))
        return [url for url in found if url], code

    def authors(self, item: YMap, path: str, where: Location) -> tuple[str, ...]:
        """Authors in every shape real lists use: ``A and B``, ``A, B``, a list of names,
        of ``[first, last]`` pairs, of ``{name}``, ``{given, family}`` or ``{first, last}``."""
        key = next((k for k in AUTHOR_KEYS if item.get(k) is not None), None)
        if key is None:
            return ()
        value = item[key]
        if isinstance(value, str):
            return tuple(_split_names(value))
        if not isinstance(value, list):
            value = [value]
        names = []
        for position, person in enumerate(value):
            name = _person(person)
            if name:
                names.append(name)
            elif person is not None:
                self.diagnostics.warning(
                    Code.VALUE_IGNORED,
                    f"{path}.{key}[{position}] is not a name ({kind_of(person)}); ignored: "
                    "give a string, [first, last], {name: ...} or {given: ..., family: ...}",
                    item.where(key),
                )
        return tuple(names)


def _person(value: Any) -> str:
    """One author as BibTeX writes names (``Last, First`` where the parts are known)."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        return normalize_space(str(value))
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
        parts = [normalize_space(v) for v in value if v.strip()]
        if len(parts) == 2:
            return f"{parts[1]}, {parts[0]}"  # [first, last]
        return " ".join(parts)
    if isinstance(value, dict):

        def part(*names: str) -> str:
            found = next((value[n] for n in names if isinstance(value.get(n), str)), "")
            return normalize_space(found)

        family, given = part("family", "last", "surname"), part("given", "first")
        if family:
            return f"{family}, {given}" if given else family
        return part("name", "literal", "full") or given
    return ""


def _split_names(text: str) -> list[str]:
    """``A and B`` as BibTeX splits it; otherwise one name per comma (``Ziv, Lempel``);
    a trailing ``et al`` becomes BibTeX's ``others``."""
    text = normalize_space(text)
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    if re.search(r"\sand\s", text, re.IGNORECASE):
        names = [normalize_space(n) for n in split_name_list(text)]
    else:
        names = [normalize_space(n) for n in re.split(r"[,;]", text)]
    names = [n for n in names if n]
    return [*names, "others"] if et_al and names else names


def _drop_conflicting_link_ids(drafts: list[_Draft], diagnostics: Diagnostics) -> None:
    owners: dict[tuple[str, str], list[_Draft]] = {}
    for draft in drafts:
        for ident in sorted(draft.link_ids):
            owners.setdefault(ident, []).append(draft)
    for (kind, value), sharing in owners.items():
        titles = {identity(d.fields["title"]) for d in sharing}
        if len(titles) < 2:
            continue  # one paper listed more than once, with the same link
        first = sharing[0]
        what = "arXiv id" if kind == "arxiv" else "DOI"
        for draft in sharing[1:]:
            diagnostics.warning(
                Code.CONFLICTING_ID,
                f"the link of '{draft.fields['title']}' gives {what} {value}, as does the "
                f"link of '{first.fields['title']}' (line {first.where.line}); one of the "
                "links is wrong, so the id is not used for either paper",
                draft.where,
            )
        for draft in sharing:
            if kind == "arxiv":
                draft.fields.pop("eprint", None)
                draft.fields.pop("archiveprefix", None)
            else:
                draft.fields.pop("doi", None)
