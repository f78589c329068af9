"""Reference lists formatted by a pybtex style (plain, alpha, unsrt, ...).

pybtex decides the order, the labels and the layout of each entry. The title is
ours: pybtex's LaTeX reading leaves ``\\emph`` raw and changes the case of titles,
so each title goes in as a protected placeholder and comes out as the same HTML as
everywhere else on the site, linked to the paper's page. Formatting costs about
1.5 ms an entry, so each entry is formatted once per build, and only if cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.style.formatting import BaseStyle

from generator.cache import Cache
from generator.model import INTERNAL_FIELDS, Paper
from generator.render.records import full_authors
from generator.render.texhtml import tex_to_html
from generator.text.latex import URL_MACRO, without_no_ops

STYLES = ("unsrt", "plain", "alpha", "unsrtalpha")
_PLACEHOLDER = "litreviewtitleplaceholder"
_PROTECTED = re.compile(
    r'(?:<span class="bibtex-protected">)?' + _PLACEHOLDER + r"(?:</span>)?", re.IGNORECASE
)
_TEXT_BETWEEN_TAGS = re.compile(r"(?<=>)([^<]+)|^([^<]+)")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$")
# A character reference stays as it is (its "#" is no heading); any other such character
# is encoded.
_MARKDOWN_CHARS = re.compile(r"(&#?[A-Za-z0-9]+;)|[\\`*_\[\]{}#|~]")


@dataclass(frozen=True)
class Reference:
    key: str
    label: str
    body: str  # Markdown-safe HTML with a ``{title}`` slot for the linked title


@dataclass
class ReferenceFormatter:
    """Formats cited papers with one pybtex style; caches each entry's text."""

    papers: dict[str, Paper]
    style_name: str = "unsrt"
    cache: Cache = field(default_factory=Cache)
    # The fields a page may show (`public_fields`); None: all but our bookkeeping.
    allowed: frozenset[str] | None = None
    _style: BaseStyle = field(init=False)
    _entries: dict[str, Entry] = field(init=False, default_factory=dict)
    _bodies: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._style = _style(self.style_name)
        self._backend = _plugin("pybtex.backends", "html")()

    def references(self, keys: list[str]) -> list[Reference]:
        """References for `keys` (in citation order), in the style's order with its labels."""
        entries = [self._entry(k) for k in keys]
        ordered = list(self._style.sort(entries))
        labels = list(self._style.format_labels(ordered))
        return [
            Reference(entry.key, label, self._body(entry.key))
            for entry, label in zip(ordered, labels, strict=True)
        ]

    def _entry(self, key: str) -> Entry:
        if key not in self._entries:
            paper = self.papers[key]
            fields = {k: v for k, v in paper.fields.items() if k not in INTERNAL_FIELDS}
            if self.allowed is not None:
                fields = {k: v for k, v in fields.items() if k.lower() in self.allowed}
            fields["title"] = "{" + _PLACEHOLDER + "}"
            fields.pop("abstract", None)
            # A link in `\url{...}` (Zotero's @misc) is the entry's URL, not LaTeX to print.
            for name in ("howpublished", "note"):
                found = URL_MACRO.search(fields.get(name, ""))
                if found:
                    fields.setdefault("url", found.group(1))
                    rest = URL_MACRO.sub("", fields[name]).strip(" ,;.")
                    fields[name] = rest
                    if not rest:
                        del fields[name]
            # pybtex links the url field as given: only http(s) may become a link.
            if not _HTTP_URL.match(fields.get("url", "")):
                fields.pop("url", None)
            persons = {
                role: [Person(without_no_ops(n)) for n in names]
                for role, names in paper.persons.items()
                if self.allowed is None or role.lower() in self.allowed
            }
            entry = Entry(paper.entry_type, fields=fields, persons=persons)
            entry.key = key
            self._entries[key] = entry
        return self._entries[key]

    def _body(self, key: str) -> str:
        paper = self.papers[key]
        # Formatting is the slow part (pybtex): bodies outlive the build in the cache,
        # keyed by everything they depend on, so `mkdocs serve` formats only what changed.
        memo = (self.style_name, key, paper.entry_type, tuple(paper.fields.items()),
                tuple(paper.persons.items()), self.allowed)  # fmt: skip
        if key not in self._bodies:
            self._bodies[key] = self.cache.get("reference", memo, lambda: self._format(key))
        return self._bodies[key]

    def _format(self, key: str) -> str:
        try:
            html = self._style.format_entry("", self._entry(key)).text.render(self._backend)
        except (PybtexError, KeyError, IndexError):
            # The style needs a field this entry lacks (an @article with no journal):
            # fall back to title, authors and year rather than fail the build.
            html = self._fallback(self.papers[key])
        return _PROTECTED.sub("{title}", _markdown_inert(html), count=1)

    def _fallback(self, paper: Paper) -> str:
        parts = [_PLACEHOLDER]
        names = [str(tex_to_html(n)) for n in full_authors(paper.authors)]
        cut_short = names[-1:] == ["et al."]
        people = names[:-1] if cut_short else names
        if people and cut_short:
            parts.append(", ".join(people) + " et al")
        elif people:  # first names first, as the other references write them: "A, B and C"
            parts.append(" and ".join(filter(None, (", ".join(people[:-1]), people[-1]))))
        if paper.year:
            parts.append(paper.year)
        return ". ".join(parts) + "."


@cache
def _plugin(group: str, name: str) -> type:
    """A pybtex plugin class: finding one reads the installed packages' entry points
    (15 ms, at every build and every `mkdocs serve` rebuild otherwise)."""
    return find_plugin(group, name)  # type: ignore[no-any-return]


@cache
def _style(name: str) -> BaseStyle:
    """A pybtex style, made once: making one finds its name, label and sorting plugins
    (another 7 ms a build). Formatting with it changes nothing in it."""
    return _plugin("pybtex.style.formatting", name)()  # type: ignore[no-any-return]


def _markdown_inert(html: str) -> str:
    """Entity-encode Markdown syntax in the text between the tags pybtex wrote."""

    def encode(match: re.Match[str]) -> str:
        text = match.group(0)
        return _MARKDOWN_CHARS.sub(lambda m: m.group(1) or f"&#{ord(m.group())};", text)

    return _TEXT_BETWEEN_TAGS.sub(encode, html)
