"""Curator prose (topic summaries, section intros, notes) on a page.

Prose is the curator's own Markdown and stays Markdown; what we add is citations:
``[@key]`` becomes a link to the paper's page labelled as the chosen pybtex style
labels it, and the page ends with its reference list. Labels depend on every
citation of the page (``plain`` numbers by author order), so `md` leaves a token
per citation and `finish` fills in labels and the list once the page is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Paper
from generator.organize.citations import find_citations
from generator.render.references import Reference, ReferenceFormatter
from generator.render.texhtml import math_html
from generator.text.latex import MATH

# Private-use characters: they cannot come from YAML prose by accident of typing.
_CITE = "\ue000{}\ue001"
_LIST = "\ue002"


@dataclass
class Citer:
    """Collects the citations of one page."""

    formatter: ReferenceFormatter
    url: Callable[[object], str]
    render_list: Callable[[list[dict[str, str]]], str]
    # The stored key a cited key names (aliases resolve to their paper), or None.
    resolve: Callable[[str], str | None] = lambda key: None
    cited: list[str] = field(default_factory=list)

    @property
    def papers(self) -> dict[str, Paper]:
        return self.formatter.papers

    def md(self, text: str) -> Markup:
        """Markdown with citation tokens; unknown keys stay as written (organize has
        already reported them with file and line). ``$...$`` formulas (pandoc's rules, so
        "costs $5" stays prose) become the same math spans as in abstracts."""
        text = _with_math(text)
        out, pos = [], 0
        for citation in find_citations(text):
            resolved = (k if k in self.papers else self.resolve(k) for k in citation.keys)
            known = list(dict.fromkeys(k for k in resolved if k is not None))
            if not known:
                continue
            for key in known:
                if key not in self.cited:
                    self.cited.append(key)
            links = ", ".join(f"[{_CITE.format(k)}]({self.url(self.papers[k])})" for k in known)
            out.append(text[pos : citation.start])
            out.append(f'<span class="lr-cite">\\[{links}\\]</span>')
            pos = citation.end
        out.append(text[pos:])
        return Markup("".join(out).strip())  # noqa: S704 (the curator's own Markdown)

    def reference_list(self) -> Markup:
        """Where the page's reference list goes; filled in by `finish`."""
        return Markup(_LIST)  # noqa: S704 (a private-use placeholder character)

    def finish(self, text: str, title_html: Callable[[Paper], str]) -> str:
        references = self.formatter.references(self.cited) if self.cited else []
        for ref in references:
            text = text.replace(_CITE.format(ref.key), _label(ref))
        items = []
        for ref in references:
            paper = self.papers[ref.key]
            link = f"[{title_html(paper)}]({self.url(paper)})"
            items.append(
                {"key": ref.key, "label": _label(ref), "html": ref.body.replace("{title}", link)}
            )
        return text.replace(_LIST, self.render_list(items) if items else "")


def _with_math(text: str) -> str:
    if "$" not in text and "\\(" not in text:
        return text
    out, pos = [], 0
    for match in MATH.finditer(text):
        tex = next(g for g in match.groups() if g is not None)
        display = match["dd"] is not None or match["bd"] is not None
        out += [text[pos : match.start()], math_html(tex.strip(), display)]
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _label(ref: Reference) -> str:
    return ref.label or "?"
