"""Hand-written pages (MkDocs' docs folder): read only for the papers they cite.

A researcher's own pages (an introduction, a methods note) cite papers with the same
``[@key]`` syntax as topic files; reading them here lets `litreview check` and
`mkdocs build` report an unknown key at the same file and line.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Diagnostics, Location
from generator.load.files import read_text
from generator.model import HandPage


def read_pages(files: list[tuple[Path, str, str]], diagnostics: Diagnostics) -> list[HandPage]:
    """(path, uri below the docs folder, shown path) of each page → its text."""
    pages = []
    for path, uri, shown in files:
        text = read_text(path, shown, diagnostics, "page")
        if text is not None:
            # Line 0: find_citations counts a multi-line text from the line after its start
            # (as for a YAML block scalar), so a page's first line comes out as 1.
            pages.append(HandPage(uri=uri, text=text, location=Location(shown, 0)))
    return pages
