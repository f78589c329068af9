"""Which of a paper's fields may leave the store: an allowlist, not a blocklist.

Reference managers write private fields into their exports, and every manager has
its own (BibDesk ``bdsk-file-1``/``bdsk-url-1``/``local-url``, JabRef ``groups``,
``owner``, ``timestamp``, ``file``, Mendeley ``mendeley-groups``, Zotero ``file`` and
``annote``, personal ``keywords`` and ``priority``...), so a list of what to strip is
never complete. The downloads, the BibTeX on the pages and the RIS and CSL-JSON
exports carry only the bibliographic fields named here, unless the site's config
names more (``export_fields``/``extra_export_fields``, ``--export-fields``/
``--extra-export-fields``). The store's own bookkeeping never leaves, and a URL that
is not http(s) (``file:///Users/...``) is dropped whatever the list says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.model import INTERNAL_FIELDS, Paper

# BibTeX's and BibLaTeX's bibliographic fields, and the identifiers readers link by.
DEFAULT_EXPORT_FIELDS = (
    "abstract", "addendum", "address", "archiveprefix", "author", "booksubtitle",
    "booktitle", "booktitleaddon", "chapter", "date", "doi", "edition", "editor", "eid",
    "eprint", "eprintclass", "eprinttype", "eventdate", "eventtitle", "howpublished", "ids",
    "institution", "isbn", "issn", "issue", "issuesubtitle", "issuetitle", "journal",
    "journalsubtitle", "journaltitle", "langid", "language", "location", "mainsubtitle",
    "maintitle", "month", "note", "number", "organization", "origdate", "pages",
    "pagetotal", "pmid", "primaryclass", "publisher", "pubstate", "reportnumber", "school",
    "series", "shortjournal", "shorttitle", "subtitle", "title", "titleaddon", "translator",
    "type", "url", "venue", "version", "volume", "year",
)  # fmt: skip
# Fields that hold a link; only web links leave the store.
_URL_FIELDS = frozenset({"url"})
_WEB_URL = re.compile(r"^\s*https?://", re.IGNORECASE)


def export_fields(fields: Iterable[str] | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The allowed field names: `fields` (the default list when None) plus `extra`."""
    chosen = DEFAULT_EXPORT_FIELDS if fields is None else fields
    return frozenset(f.strip().lower() for f in (*chosen, *extra) if f.strip()) - INTERNAL_FIELDS


def public(paper: Paper, allowed: frozenset[str]) -> Paper:
    """The paper as others may see it: only allowed fields and name lists."""
    fields = {
        name: value
        for name, value in paper.fields.items()
        if name.lower() in allowed
        and name not in INTERNAL_FIELDS
        and (name.lower() not in _URL_FIELDS or _WEB_URL.match(value))
    }
    persons = {role: names for role, names in paper.persons.items() if role.lower() in allowed}
    return Paper(paper.key, paper.slug, paper.location, paper.entry_type, fields, persons)
