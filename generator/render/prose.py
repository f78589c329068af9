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
from generator.organize.citations import citation_keys, citation_spans
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
    # The stored key a cited key names (aliases resolve to their paper), or None.
    resolve: Callable[[str], str | None] = lambda key: None
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
        known = self._known(citation_keys(source))
        if not known:
            return None
        for key in known:
            if key not in self.cited:
                self.cited.append(key)
        links = ", ".join(
            f'<a href="{escape(self.href(self.papers[k]))}">{_token(k)}</a>' for k in known
        )
        return f'<span class="lr-cite">&#91;{links}&#93;</span>'

    def _known(self, keys: tuple[str, ...]) -> list[str]:
        resolved = (k if k in self.papers else self.resolve(k) for k in keys)
        return list(dict.fromkeys(k for k in resolved if k is not None))

    def markdown(self, text: str) -> str:
        """A hand-written page's Markdown with its citations (outside code) as Markdown
        links, for MkDocs to convert with the page."""
        out, pos = [], 0
        for start, end, keys in citation_spans(text):
            known = self._known(keys)
            if not known:
                continue
            for key in known:
                if key not in self.cited:
                    self.cited.append(key)
            links = ", ".join(f"[{_token(k)}]({self.url(self.papers[k])})" for k in known)
            out += [text[pos:start], f'<span class="lr-cite">\\[{links}\\]</span>']
            pos = end
        out.append(text[pos:])
        return "".join(out)

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
