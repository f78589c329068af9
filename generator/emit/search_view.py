"""What Material's search reads of a generated page: the page without the blocks it
would skip whole.

Material's search indexes a page by feeding all of its HTML through a parser, yet
skips every element marked ``data-search-exclude`` (on a paper page, the related
papers, the BibTeX and the sources; on an author page, the list of papers). Where such
an element is one of the page's raw HTML blocks (generator/emit/raw_html.py), the
parser is handed the page without it: the index is the same, with less to parse. The
spans are kept per page with the hash of the HTML they were found in, so a page
another plugin changed since is indexed whole. Only Material's search plugin is given
this view (MkDocs' own search ignores the attribute); `tests/test_build_shortcuts.py`
checks that the index is byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_MATERIAL_SEARCH = "material.plugins.search"


def material_search(config: MkDocsConfig) -> Any:
    """Material's search plugin, if the site has it (None otherwise)."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith(_MATERIAL_SEARCH):
            return plugin
    return None


class SearchView:
    def __init__(self) -> None:
        self._skipped: dict[str, tuple[int, list[tuple[int, int]]]] = {}

    def note(self, page: Page, html: str, skipped: list[tuple[int, int]]) -> None:
        """`skipped` spans of `html`, the page's content as converted."""
        if skipped:
            self._skipped[page.file.src_uri] = (hash(html), skipped)
        else:
            self._skipped.pop(page.file.src_uri, None)

    def attach(self, config: MkDocsConfig) -> None:
        """Before any page is indexed (`on_env`): Material's search reads pages through
        `_indexing`."""
        index = getattr(material_search(config), "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if callable(add):
            setattr(index, "add_entry_from_context", self._indexing(add))  # noqa: B010

    def _indexing(self, add: Callable[[Page], Any]) -> Callable[[Page], Any]:
        def add_entry_from_context(page: Page) -> Any:
            kept = self._skipped.pop(page.file.src_uri, None)
            content = page.content
            if kept is None or content is None or hash(content) != kept[0]:
                return add(page)
            parts, done = [], 0
            for start, end in kept[1]:
                parts.append(content[done:start])
                done = end
            parts.append(content[done:])
            page.content = "".join(parts)
            try:
                return add(page)
            finally:
                page.content = content

        return add_entry_from_context
