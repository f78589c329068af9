"""Where each field enrich filled came from, kept in the paper's `litreview-enriched` field.

One entry per field, ``field: source id (date, fingerprint)``, e.g.
``author: arXiv 2202.12139 (2026-11-30, 5d41402a)``. The fingerprint is a short hash of
the value enrich wrote: a field whose value no longer matches it was edited by hand
since, and from then on belongs to the user, so enrich never overwrites it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import ENRICHED_FIELD

_ENTRY = re.compile(
    r"^(?P<field>[a-z][a-z0-9-]*): (?P<source>.+) "
    r"\((?P<day>\d{4}-\d{2}-\d{2}), (?P<fingerprint>[0-9a-f]{8})\)$"
)
# Entries are separated by "; ". Identifiers have no spaces, so a DOI's own ";" is safe.
_SEPARATOR = "; "


@dataclass(frozen=True)
class Origin:
    source: str  # "arXiv 2202.12139", "Crossref 10.1371/journal.pone.0033693"
    day: str  # the date the value was written, YYYY-MM-DD
    fingerprint: str

    def matches(self, value: str) -> bool:
        return self.fingerprint == fingerprint(value)


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def read_origins(fields: Mapping[str, str]) -> dict[str, Origin]:
    """The entries of a paper's provenance field; entries that do not read are ignored."""
    origins = {}
    for item in fields.get(ENRICHED_FIELD, "").split(_SEPARATOR):
        found = _ENTRY.match(item.strip())
        if found:
            origins[found["field"]] = Origin(found["source"], found["day"], found["fingerprint"])
    return origins


def format_origins(origins: Mapping[str, Origin]) -> str:
    return _SEPARATOR.join(
        f"{name}: {o.source} ({o.day}, {o.fingerprint})" for name, o in sorted(origins.items())
    )
