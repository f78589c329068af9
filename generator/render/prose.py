"""Curator prose (topic summaries, section intros, notes) on a page.

Prose is the curator's own Markdown and stays Markdown; what we add is citations:
``[@key]`` becomes a numbered link to the paper's page, and the page collects its
references in order of first citation for the list at its end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Paper
from generator.organize.citations import find_citations


@dataclass
class Citer:
    """Numbers the citations of one page."""

    papers: dict[str, Paper]
    url: Callable[[object], str]
    references: list[Paper] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict)

    def number(self, key: str) -> int:
        if key not in self._numbers:
            self.references.append(self.papers[key])
            self._numbers[key] = len(self.references)
        return self._numbers[key]

    def md(self, text: str) -> Markup:
        """Markdown with its citations turned into links; unknown keys stay as written
        (organize has already reported them with file and line)."""
        out, pos = [], 0
        for citation in find_citations(text):
            known = [k for k in citation.keys if k in self.papers]
            if not known:
                continue
            links = ", ".join(f"[{self.number(k)}]({self.url(self.papers[k])})" for k in known)
            out.append(text[pos : citation.start])
            out.append(f'<span class="lr-cite">\\[{links}\\]</span>')
            pos = citation.end
        out.append(text[pos:])
        return Markup("".join(out).strip())  # noqa: S704 (the curator's own Markdown)
