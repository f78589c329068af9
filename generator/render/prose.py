"""Curator prose (topic summaries, section intros, notes) on a page.

Prose is the curator's Markdown, converted to sanitised HTML by `prose_html` (the
policy is there); what we add is citations: ``[@key]`` outside code becomes a link to
the paper's page labelled as the chosen pybtex style labels it, and the page ends
with its reference list. Labels depend on every citation of the page (``plain``
numbers by author order), so `md` leaves a token per citation and `finish` fills in
labels and the list once the page is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Paper
from generator.organize.citations import citation_keys
from generator.render.prose_html import ProseConverter
from generator.render.references import Reference, ReferenceFormatter
from generator.render.texhtml import escape

# Private-use characters: they cannot come from YAML prose by accident of typing.
_CITE = "\ue000{}\ue001"
_LIST = "\ue002"


@dataclass
class Citer:
    """Collects the citations of one page."""

    formatter: ReferenceFormatter
    url: Callable[[object], str]
    href: Callable[[object], str]
    render_list: Callable[[list[dict[str, str]]], str]
    prose: ProseConverter
    cited: list[str] = field(default_factory=list)

    @property
    def papers(self) -> dict[str, Paper]:
        return self.formatter.papers

    def md(self, text: str) -> Markup:
        """The prose as one block of sanitised HTML with citation links; unknown keys
        stay as written (organize has already reported them with file and line)."""
        html = self.prose.convert(text, self._citation)
        return Markup(f'<div class="lr-prose">{html}</div>')  # noqa: S704 (sanitised, inert)

    def _citation(self, source: str) -> str | None:
        known = [k for k in citation_keys(source) if k in self.papers]
        if not known:
            return None
        for key in known:
            if key not in self.cited:
                self.cited.append(key)
        links = ", ".join(
            f'<a href="{escape(self.href(self.papers[k]))}">{_token(k)}</a>' for k in known
        )
        return f'<span class="lr-cite">&#91;{links}&#93;</span>'

    def reference_list(self) -> Markup:
        """Where the page's reference list goes; filled in by `finish`."""
        return Markup(_LIST)  # noqa: S704 (a private-use placeholder character)

    def finish(self, text: str, title_html: Callable[[Paper], str]) -> str:
        references = self.formatter.references(self.cited) if self.cited else []
        for ref in references:
            text = text.replace(_token(ref.key), escape(_label(ref)))
        items = []
        for ref in references:
            paper = self.papers[ref.key]
            link = f"[{title_html(paper)}]({self.url(paper)})"
            label = Markup(escape(_label(ref)))  # noqa: S704 (escaped: every special char)
            items.append(
                {"key": ref.key, "label": label, "html": ref.body.replace("{title}", link)}
            )
        return text.replace(_LIST, self.render_list(items) if items else "")


def _token(key: str) -> str:
    return _CITE.format(escape(key))


def _label(ref: Reference) -> str:
    return ref.label or "?"
